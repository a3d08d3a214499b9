// Test-only: a broken way to count SMS against the limit, for the race test's negative control,
// so that test can tell a broken limit from a working one. The test mocks ../sms-limit with
// `swappable(takeSms)` and sets `counting.broken` for the control's storm.
import { Prisma } from "../../../generated/prisma/client";
import type * as smsLimit from "../sms-limit";

/** READ_THEN_WRITE: reads each guest's count, then writes the count it computed (concurrent sends all see the same count). */
export const counting: { broken: "READ_THEN_WRITE" | null } = { broken: null };

type TakeSms = typeof smsLimit.takeSms;

const readThenWrite: TakeSms = async (tx, { eventId, guestIds, limit }) => {
  const rows = await tx.guestSmsCount.findMany({ where: { eventId, guestId: { in: guestIds } } });
  const sent = new Map(rows.map((row) => [row.guestId, row.count]));
  const allowed = guestIds.filter((guestId) => (sent.get(guestId) ?? 0) < limit);
  // The window a concurrent send reads the same counts in (a real server has one too, only narrower).
  await tx.$executeRaw`SELECT pg_sleep(0.05)`;
  for (const guestId of allowed) {
    const count = (sent.get(guestId) ?? 0) + 1;
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "GuestSmsCount" (event_id, guest_id, count) VALUES (${eventId}::uuid, ${guestId}::uuid, ${count})
      ON CONFLICT (event_id, guest_id) DO UPDATE SET count = ${count}`);
  }
  return new Set(allowed);
};

/** The module's takeSms, or the broken one while `counting.broken` is set. */
export function swappable(real: typeof smsLimit): TakeSms {
  return (tx, input) => (counting.broken ? readThenWrite : real.takeSms)(tx, input);
}
