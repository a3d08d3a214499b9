// When an event has ended: at its endDate, or DEFAULT_EVENT_LENGTH_MS after its start when it
// has none. The home page, the feed, the curator's list and the completion sweep all ask this.
import type { Prisma } from "../../generated/prisma/client";

/** An event without an end date counts as running for this long after its start. */
export const DEFAULT_EVENT_LENGTH_MS = 24 * 60 * 60 * 1000;

export function hasEnded(event: { startDate: Date; endDate: Date | null }, now: Date): boolean {
  const end = event.endDate ?? new Date(event.startDate.getTime() + DEFAULT_EVENT_LENGTH_MS);
  return end.getTime() < now.getTime();
}

/** The events that have not ended at `now`, as a Prisma filter (the negation of hasEnded). */
export function notEndedWhere(now: Date): Prisma.EventWhereInput {
  return {
    OR: [{ endDate: { gte: now } }, { endDate: null, startDate: { gte: new Date(now.getTime() - DEFAULT_EVENT_LENGTH_MS) } }],
  };
}
