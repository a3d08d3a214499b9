// The one statement that lets a guest in (the concurrency test swaps this module's admitGuest).
import { admitInvitedGuest, type AdmittedRow } from "../../db/sql/checkin";
import { query } from "../../db/sql/statement";
import type { Prisma } from "../../generated/prisma/client";

/** Lets the scanned guest in; null when the code is not an INVITED live guest's (why one UPDATE: admitInvitedGuest). */
export async function admitGuest(
  tx: Prisma.TransactionClient,
  scan: { eventId: string; code: string; staffId: string },
): Promise<AdmittedRow | null> {
  const [admitted] = await query(tx, admitInvitedGuest(scan));
  return admitted ?? null;
}
