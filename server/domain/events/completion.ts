// The completion sweep: UPCOMING events with allowAutoComplete
// whose end has passed (endDate, or startDate + 24 h without one) become COMPLETED, their
// products are archived, and the outbox gets `event.status.changed` per event plus one
// `event.completed { eventIds }` per batch, all in the batch's transaction.
//
// Safe to run twice at once: a batch claims its events with FOR UPDATE SKIP LOCKED (a second
// sweep skips them instead of waiting) and the UPDATE re-checks status = 'UPCOMING', so each
// due event is completed, and announced, exactly once. Nothing else changes: not the version
// (posts show nothing of the status), not the other columns.
import type { Db } from "../../db/client";
import { completeAndArchiveDue } from "../../db/sql/events";
import { query } from "../../db/sql/statement";
import { EventStatus } from "../../generated/prisma/enums";
import { addManyToOutbox } from "../outbox/service";
import { DEFAULT_EVENT_LENGTH_MS } from "./ended";

export const SWEEP_BATCH_SIZE = 1000;
/** One sweep stops after this many batches; the next sweep carries on. */
const MAX_BATCHES_PER_SWEEP = 100;

/**
 * Deliberately broken variant, for the race tests' negative control only: claims without
 * FOR UPDATE SKIP LOCKED and updates without the status guard. Never set by application code.
 */
export interface SweepFaults {
  withoutRowLocks?: boolean;
}

/** One batch in one transaction; answers the ids of the events it completed. */
export async function completeDueEventsBatch(
  db: Db,
  { now, batchSize = SWEEP_BATCH_SIZE, faults = {} }: { now: Date; batchSize?: number; faults?: SweepFaults },
): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const completed = await query(
      tx,
      completeAndArchiveDue({ now, batchSize, defaultLengthMs: DEFAULT_EVENT_LENGTH_MS, withoutRowLocks: faults.withoutRowLocks }),
    );
    const eventIds = completed.map((row) => row.id);
    if (eventIds.length > 0) {
      await addManyToOutbox(tx, [
        ...eventIds.map((eventId) => ({
          name: "event.status.changed" as const,
          payload: { eventId, oldStatus: EventStatus.UPCOMING, newStatus: EventStatus.COMPLETED },
        })),
        { name: "event.completed" as const, payload: { eventIds } },
      ]);
    }
    return eventIds;
  });
}

/** The sweep: batches until one comes back short (or the per-sweep cap is reached). */
export async function completeDueEvents(
  db: Db,
  { now = new Date(), batchSize = SWEEP_BATCH_SIZE, faults }: { now?: Date; batchSize?: number; faults?: SweepFaults } = {},
): Promise<{ completed: number; batches: number }> {
  let completed = 0;
  let batches = 0;
  while (batches < MAX_BATCHES_PER_SWEEP) {
    const ids = await completeDueEventsBatch(db, { now, batchSize, faults });
    batches += 1;
    completed += ids.length;
    if (ids.length < batchSize) break;
  }
  return { completed, batches };
}
