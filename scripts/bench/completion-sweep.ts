// Completion sweep of 100,000 due events (each with its ticket product), run as production
// runs it: the job's domain function completeDueEvents (server/domain/events/completion.ts),
// its statements counted through the Prisma client's query events. The raw baseline is one
// statement doing the same writes: the events' UPDATE to COMPLETED, and for equivalence the
// products' UPDATE to ARCHIVED and the outbox rows the sweep adds (one event.status.changed
// per event, one event.completed per 1,000 events).
import { createDb } from "../../server/db/client";
import { completeDueEvents, SWEEP_BATCH_SIZE } from "../../server/domain/events/completion";
import { DEFAULT_EVENT_LENGTH_MS } from "../../server/domain/events/ended";
import { analyze, type BenchDatabase } from "./databases";
import { median } from "./figures";

export const DUE_EVENTS = 100_000;
/** A sweep is one shot: each side sweeps this many fresh sets of due events, the median counts. */
export const SWEEP_ROUNDS = 3;
const BENCH_TITLE = "Bench past event";

/** 100,000 UPCOMING auto-complete events whose end passed: half with an end date, half without. */
async function prepareDueEvents(database: BenchDatabase): Promise<void> {
  await database.sql.query(
    `WITH events AS (
       INSERT INTO "Event" (id, curator_id, status, title, start_date, end_date, timezone, venue, location,
                            allow_auto_complete, updated_at)
       SELECT gen_random_uuid(), $1, 'UPCOMING', $4 || ' ' || i, now() - interval '3 days' - i * interval '1 second',
              CASE WHEN i % 2 = 0 THEN now() - interval '3 days' - i * interval '1 second' + interval '4 hours' END,
              'UTC', 'Bench Venue', 'Bench Street 1', true, now()
         FROM generate_series(1, $3) AS i
       RETURNING id, title
     )
     INSERT INTO "Product" (id, merchant_id, event_id, title, listing_type, status, updated_at)
     SELECT gen_random_uuid(), $2, id, title, 'TICKET', 'ACTIVE', now() FROM events`,
    [database.curator.id, database.curator.merchantId, DUE_EVENTS, BENCH_TITLE],
  );
}

async function benchEventsLeft(database: BenchDatabase): Promise<number> {
  const { rows } = await database.sql.query<{ left: number }>(
    `SELECT count(*)::int AS left FROM "Event" WHERE status = 'UPCOMING' AND title LIKE $1 || ' %'`,
    [BENCH_TITLE],
  );
  return rows[0]!.left;
}

export interface SweepFigures {
  ms: number;
  completed: number;
  batches: number;
  /** Statements the sweep sent (Prisma query events: each statement and COMMIT; BEGIN is not reported). */
  queries: number;
}

async function sweepAsProduction(marquee: BenchDatabase): Promise<SweepFigures> {
  let queries = 0;
  const db = createDb(marquee.url, { max: 2, onQuery: () => queries++ });
  try {
    await db.$queryRaw`SELECT 1`; // connect outside the timing
    queries = 0;
    const started = performance.now();
    const { completed, batches } = await completeDueEvents(db);
    const ms = performance.now() - started;
    const left = await benchEventsLeft(marquee);
    if (left > 0) throw new Error(`the sweep left ${left} of the ${DUE_EVENTS} due events UPCOMING`);
    return { ms, completed, batches, queries };
  } finally {
    await db.$disconnect();
  }
}

async function sweepInRawSql(raw: BenchDatabase): Promise<number> {
  const started = performance.now();
  const { rows } = await raw.sql.query<{ completed: number }>(
    `WITH completed AS (
       UPDATE "Event" SET status = 'COMPLETED', updated_at = now()
        WHERE status = 'UPCOMING' AND allow_auto_complete AND deleted_at IS NULL
          AND start_date <= now() AND COALESCE(end_date, start_date + $2 * interval '1 millisecond') <= now()
       RETURNING id
     ),
     archived AS (
       UPDATE "Product" p SET status = 'ARCHIVED', updated_at = now()
         FROM completed c WHERE p.event_id = c.id AND p.deleted_at IS NULL AND p.status <> 'ARCHIVED'
     ),
     status_changed AS (
       INSERT INTO "OutboxMessage" (id, name, payload)
       SELECT gen_random_uuid(), 'event.status.changed',
              jsonb_build_object('eventId', id, 'oldStatus', 'UPCOMING', 'newStatus', 'COMPLETED')
         FROM completed
     ),
     announced AS (
       INSERT INTO "OutboxMessage" (id, name, payload)
       SELECT gen_random_uuid(), 'event.completed', jsonb_build_object('eventIds', jsonb_agg(id))
         FROM (SELECT id, (row_number() OVER () - 1) / $1 AS batch FROM completed) AS numbered
        GROUP BY batch
     )
     SELECT count(*)::int AS completed FROM completed`,
    [SWEEP_BATCH_SIZE, DEFAULT_EVENT_LENGTH_MS],
  );
  const ms = performance.now() - started;
  const left = await benchEventsLeft(raw);
  if (left > 0 || rows[0]!.completed < DUE_EVENTS) throw new Error(`the raw sweep left ${left} of the ${DUE_EVENTS} due events UPCOMING`);
  return ms;
}

export interface SweepComparison {
  events: number;
  rounds: number;
  /** The median round's time; queries, batches and events completed as every round has them. */
  marquee: SweepFigures;
  rawMs: number;
  marqueeRoundsMs: number[];
  rawRoundsMs: number[];
}

/** Rounds of: 100,000 due events in each database, then the production sweep and the raw one. */
export async function compareSweeps(marquee: BenchDatabase, raw: BenchDatabase): Promise<SweepComparison> {
  const marqueeRuns: SweepFigures[] = [];
  const rawRoundsMs: number[] = [];
  for (let round = 0; round < SWEEP_ROUNDS; round++) {
    await prepareDueEvents(marquee);
    await prepareDueEvents(raw);
    await analyze(marquee);
    await analyze(raw);
    marqueeRuns.push(await sweepAsProduction(marquee));
    rawRoundsMs.push(await sweepInRawSql(raw));
  }
  const marqueeRoundsMs = marqueeRuns.map((run) => run.ms);
  return {
    events: DUE_EVENTS,
    rounds: SWEEP_ROUNDS,
    marquee: { ...marqueeRuns[0]!, ms: median(marqueeRoundsMs) },
    rawMs: median(rawRoundsMs),
    marqueeRoundsMs,
    rawRoundsMs,
  };
}
