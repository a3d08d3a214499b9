// The completion sweep against a real PostgreSQL, on a database of its own (it completes any
// due event it finds). Two sweeps at once complete each due event exactly once; the negative
// control shows the race test catches a sweep without row locks and status guard.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { EventStatus, OutboxStatus, ProductStatus, Role } from "../../generated/prisma/enums";
import { actorFor, createEventInput } from "../../testing/events";
import { useScratchDb } from "../../testing/jobs";
import { completeDueEvents, completeDueEventsBatch, type SweepFaults } from "./completion";
import { createEvent } from "./create";
import { updateEvent } from "./update";

const scratch = useScratchDb("completion");
const HOUR = 60 * 60 * 1000;

async function anEvent(start: Date, fields: { endDate?: Date | null; allowAutoComplete?: boolean } = {}) {
  const curator = await actorFor(scratch.db, Role.CURATOR);
  const { event, product } = await createEvent(
    scratch.db,
    curator,
    createEventInput({
      startDate: start.toISOString(),
      endDate: fields.endDate === undefined ? new Date(start.getTime() + 6 * HOUR).toISOString() : (fields.endDate?.toISOString() ?? null),
      allowAutoComplete: fields.allowAutoComplete ?? true,
    }),
  );
  return { curator, event, product };
}

async function statusChanges(eventIds: string[]) {
  return scratch.db.outboxMessage.findMany({
    where: { name: "event.status.changed", OR: eventIds.map((id) => ({ payload: { path: ["eventId"], equals: id } })) },
  });
}

/** Completes everything due now, so a test starts from "nothing due". */
async function sweepLeftovers() {
  await completeDueEvents(scratch.db, { now: new Date() });
}

describe("completeDueEvents", () => {
  it("completes due upcoming events with auto-complete, archives their products, and announces each in the outbox", async () => {
    await sweepLeftovers();
    const now = new Date();
    const ended = await anEvent(new Date(now.getTime() - 10 * HOUR)); // ended 4 h ago
    const noEndOld = await anEvent(new Date(now.getTime() - 25 * HOUR), { endDate: null }); // start + 24 h passed
    const noEndRecent = await anEvent(new Date(now.getTime() - 23 * HOUR), { endDate: null }); // still running
    const running = await anEvent(new Date(now.getTime() - 2 * HOUR)); // ends in 4 h
    const manual = await anEvent(new Date(now.getTime() - 10 * HOUR), { allowAutoComplete: false });
    const paused = await anEvent(new Date(now.getTime() - 10 * HOUR));
    await updateEvent(scratch.db, paused.curator, paused.event.id, { status: EventStatus.ON_HOLD });
    const before = await scratch.db.event.findUniqueOrThrow({ where: { id: ended.event.id } });

    expect(await completeDueEvents(scratch.db, { now })).toEqual({ completed: 2, batches: 1 });

    const rows = await scratch.db.event.findMany({
      where: { id: { in: [ended, noEndOld, noEndRecent, running, manual, paused].map((e) => e.event.id) } },
      include: { product: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ended.event.id)!.status).toBe(EventStatus.COMPLETED);
    expect(byId.get(noEndOld.event.id)!.status).toBe(EventStatus.COMPLETED);
    expect(byId.get(noEndRecent.event.id)!.status).toBe(EventStatus.UPCOMING);
    expect(byId.get(running.event.id)!.status).toBe(EventStatus.UPCOMING);
    expect(byId.get(manual.event.id)!.status).toBe(EventStatus.UPCOMING);
    expect(byId.get(paused.event.id)!.status).toBe(EventStatus.ON_HOLD);
    for (const id of [ended.event.id, noEndOld.event.id]) {
      expect(byId.get(id)!.product.map((p) => p.status)).toEqual([ProductStatus.ARCHIVED]);
    }
    expect(byId.get(running.event.id)!.product.map((p) => p.status)).toEqual([ProductStatus.ACTIVE]);
    // Nothing else is bumped: the version (posts show nothing of the status) nor any field.
    const after = byId.get(ended.event.id)!;
    expect({ ...after, status: before.status, updatedAt: before.updatedAt, product: undefined }).toEqual({
      ...before,
      product: undefined,
    });

    const changes = await statusChanges([ended.event.id, noEndOld.event.id]);
    expect(changes.map((m) => m.payload)).toEqual(
      expect.arrayContaining([
        { eventId: ended.event.id, oldStatus: "UPCOMING", newStatus: "COMPLETED" },
        { eventId: noEndOld.event.id, oldStatus: "UPCOMING", newStatus: "COMPLETED" },
      ]),
    );
    expect(changes.every((m) => m.status === OutboxStatus.PENDING)).toBe(true);
    const completed = await scratch.db.outboxMessage.findMany({ where: { name: "event.completed" }, orderBy: { createdAt: "desc" }, take: 1 });
    expect((completed[0]!.payload as { eventIds: string[] }).eventIds.sort()).toEqual([ended.event.id, noEndOld.event.id].sort());

    // Again: nothing is due any more.
    expect(await completeDueEvents(scratch.db, { now })).toEqual({ completed: 0, batches: 1 });
  });

  it("works in batches, each with its own event.completed", async () => {
    await sweepLeftovers();
    const now = new Date();
    const due = [];
    for (let i = 0; i < 7; i++) due.push(await anEvent(new Date(now.getTime() - (10 + i) * HOUR)));
    expect(await completeDueEvents(scratch.db, { now, batchSize: 3 })).toEqual({ completed: 7, batches: 3 });
    const announced = await scratch.db.outboxMessage.findMany({ where: { name: "event.completed" }, orderBy: { createdAt: "desc" }, take: 3 });
    expect(announced.map((m) => (m.payload as { eventIds: string[] }).eventIds.length).sort()).toEqual([1, 3, 3]);
  });

  it("completes each due event exactly once when several sweeps run at the same time", async () => {
    await sweepLeftovers();
    const now = new Date();
    const due = [];
    for (let i = 0; i < 40; i++) due.push(await anEvent(new Date(now.getTime() - (10 + i) * HOUR)));
    const ids = due.map((d) => d.event.id);
    const results = await Promise.all([1, 2, 3, 4].map(() => completeDueEvents(scratch.db, { now, batchSize: 4 })));
    expect(results.reduce((sum, r) => sum + r.completed, 0)).toBe(40);
    const changes = await statusChanges(ids);
    expect(changes).toHaveLength(40);
    expect(new Set(changes.map((m) => (m.payload as { eventId: string }).eventId)).size).toBe(40);
  });

  /**
   * Two sweeps forced to overlap: a lock on the outbox table (held by the test) stops sweep A
   * after it changed its batch of events but before it commits; sweep B starts meanwhile. Only
   * when both are blocked or finished is the lock released. Answers how many status changes
   * were written per event.
   */
  async function overlappingSweeps(faults: SweepFaults) {
    await sweepLeftovers();
    const now = new Date();
    const due = [];
    for (let i = 0; i < 6; i++) due.push(await anEvent(new Date(now.getTime() - (10 + i) * HOUR)));
    const ids = due.map((d) => d.event.id);

    const blocker = new pg.Client({ connectionString: scratch.url });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query('LOCK TABLE "OutboxMessage" IN SHARE MODE');
      const waiting = async () =>
        (
          await blocker.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          )
        ).rows[0]!.n;
      let settled = 0;
      const a = completeDueEventsBatch(scratch.db, { now, batchSize: 6, faults }).finally(() => settled++);
      while ((await waiting()) < 1) await new Promise((r) => setTimeout(r, 10));
      const b = completeDueEventsBatch(scratch.db, { now, batchSize: 6, faults }).finally(() => settled++);
      while ((await waiting()) + settled < 2) await new Promise((r) => setTimeout(r, 10));
      await blocker.query("COMMIT");
      const [fromA, fromB] = await Promise.all([a, b]);
      const changes = await statusChanges(ids);
      const perEvent = ids.map((id) => changes.filter((m) => (m.payload as { eventId: string }).eventId === id).length);
      return { perEvent, completedByA: fromA.length, completedByB: fromB.length };
    } finally {
      await blocker.end();
    }
  }

  it("race: a sweep that overlaps another skips the events that one holds", async () => {
    const { perEvent, completedByA, completedByB } = await overlappingSweeps({});
    expect(perEvent).toEqual([1, 1, 1, 1, 1, 1]);
    expect([completedByA, completedByB]).toEqual([6, 0]);
  });

  it("negative control: without FOR UPDATE SKIP LOCKED and the status guard, both sweeps complete the same events", async () => {
    const { perEvent, completedByB } = await overlappingSweeps({ withoutRowLocks: true });
    expect(perEvent).toEqual([2, 2, 2, 2, 2, 2]); // the race test above would fail on this
    expect(completedByB).toBe(6);
  });
});
