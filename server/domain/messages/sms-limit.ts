// The event's smsMaxLimit per guest, held under concurrent sends by one conditional upsert
// per send (server/db/sql/messages.ts takeSmsAllowance), inside the send's transaction.
import type { Tx } from "../../db/client";
import { takeSmsAllowance } from "../../db/sql/messages";
import { query } from "../../db/sql/statement";

/** Takes one SMS of the event for each guest still under `limit`; answers those guests. */
export async function takeSms(tx: Tx, { eventId, guestIds, limit }: { eventId: string; guestIds: string[]; limit: number }): Promise<Set<string>> {
  if (guestIds.length === 0) return new Set();
  const sorted = [...guestIds].sort();
  const rows = await query(tx, takeSmsAllowance({ eventId, guestIds: sorted, limit }));
  return new Set(rows.map((row) => row.guestId));
}
