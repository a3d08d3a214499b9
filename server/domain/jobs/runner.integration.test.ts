// The outbox relay and the in-process job runner against a real PostgreSQL. Every call is
// scoped to the test's own messages or runs: the worker's database holds other tests' too.
import { describe, expect, it, vi } from "vitest";
import { EventStatus, JobRunStatus, OutboxStatus, ProductStatus, Role, ShopifyStatus } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor, createEventBody } from "../../testing/events";
import { eventWithPosts, expectPostsCurrent, farFutureDates, outboxIdsFor } from "../../testing/jobs";
import { createCaller } from "../../trpc/root";
import { updateEvent } from "../events/update";
import { type Job, type JobId, type JobResult } from "./definitions";
import { drainJobs, enqueueScheduledJobs, relayOutbox, runDueJobs, type OutboxEvent } from "./runner";

const db = useTestDb();
const noWait = () => 0;

/** A job of the test's own (ids are the real ones' type; these never reach the real list). */
function testJob(id: string, handler: (payload: { eventId: string }) => Promise<JobResult>, extra: Partial<Job> = {}): Job {
  return {
    id: id as JobId,
    description: id,
    attempts: 3,
    triggers: [{ event: "event.updated" }],
    handler: (_db: unknown, payload: { eventId: string }) => handler(payload),
    ...extra,
  } as Job;
}

/** A pending run of `job` about an event, as the relay would have added it. */
async function pendingRun(job: string, eventId: string, data: Partial<{ attempts: number; lockedUntil: Date }> = {}) {
  return db.jobRun.create({ data: { job, payload: { eventId }, ...data } });
}

describe("relayOutbox (in-process)", () => {
  it("turns each message into one run per subscribed job and marks it delivered; a redelivery adds none", async () => {
    const { curator, event } = await eventWithPosts(db, { promoters: 1, unsynced: 0 });
    await updateEvent(db, curator, event.id, { title: "Renamed" });
    await updateEvent(db, curator, event.id, { status: EventStatus.ON_HOLD });
    const messageIds = await outboxIdsFor(db, event.id);
    expect(messageIds).toHaveLength(3);

    expect(await relayOutbox(db, { mode: "in-process", scope: { messageIds } })).toBe(3);

    const messages = await db.outboxMessage.findMany({ where: { id: { in: messageIds } } });
    expect(messages.every((m) => m.status === OutboxStatus.DONE && m.processedAt)).toBe(true);
    const runs = await db.jobRun.findMany({ where: { messageId: { in: messageIds } } });
    const byMessage = (name: string) => {
      const message = messages.find((m) => m.name === name)!;
      return runs
        .filter((r) => r.messageId === message.id)
        .map((r) => r.job)
        .sort();
    };
    expect(byMessage("event.created")).toEqual(["shopify-push", "webhooks-event-created"]);
    expect(byMessage("event.updated")).toEqual(["post-sync", "shopify-push", "webhooks-event-updated"]);
    expect(byMessage("event.status.changed")).toEqual(["product-status", "shopify-push", "webhooks-event-status-changed"]);
    expect(runs.every((r) => r.status === JobRunStatus.PENDING && r.attempts === 0)).toBe(true);
    expect(runs.find((r) => r.job === "post-sync")!.payload).toEqual(messages.find((m) => m.name === "event.updated")!.payload);

    // Delivered again (a crashed relay's rows, a manual replay): ON CONFLICT adds no second run.
    await db.outboxMessage.updateMany({ where: { id: { in: messageIds } }, data: { status: OutboxStatus.PENDING } });
    expect(await relayOutbox(db, { mode: "in-process", scope: { messageIds } })).toBe(3);
    expect(await db.jobRun.count({ where: { messageId: { in: messageIds } } })).toBe(runs.length);
  });

  it("adds a run only where the trigger's `when` accepts the message", async () => {
    const { curator, event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    await updateEvent(db, curator, event.id, { title: "Renamed" }); // syncCategories: ["metadata"]
    const messageIds = await outboxIdsFor(db, event.id);
    const variantsOnly = testJob("variants-only", async () => ({ status: "DONE" }), {
      triggers: [{ event: "event.updated", when: (p: { syncCategories: string[] }) => p.syncCategories.includes("variants") }],
    } as Partial<Job>);
    const always = testJob("always", async () => ({ status: "DONE" }));
    await relayOutbox(db, { mode: "in-process", jobs: [variantsOnly, always], scope: { messageIds } });
    expect((await db.jobRun.findMany({ where: { messageId: { in: messageIds } } })).map((r) => r.job)).toEqual(["always"]);
  });

  it("marks a message that is no valid domain event FAILED, with the reason", async () => {
    const bad = await db.outboxMessage.create({ data: { name: "event.updated", payload: { eventId: "not-a-uuid" } } });
    const unknown = await db.outboxMessage.create({ data: { name: "event.exploded", payload: {} } });
    await relayOutbox(db, { mode: "in-process", scope: { messageIds: [bad.id, unknown.id] } });
    const rows = await db.outboxMessage.findMany({ where: { id: { in: [bad.id, unknown.id] } }, orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ["event.exploded", OutboxStatus.FAILED],
      ["event.updated", OutboxStatus.FAILED],
    ]);
    expect(rows[0]!.lastError).toMatch(/Unknown domain event "event.exploded"/);
    expect(rows[1]!.lastError).toMatch(/Invalid event.updated payload/);
  });
});

describe("relayOutbox (inngest)", () => {
  it("sends each message with its row id as the Inngest event id, then marks it sent", async () => {
    const { curator, event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    await updateEvent(db, curator, event.id, { title: "Renamed" });
    const messageIds = await outboxIdsFor(db, event.id);
    const send = vi.fn(async () => ({ ids: [] }));
    expect(await relayOutbox(db, { mode: "inngest", send, scope: { messageIds } })).toBe(2);
    expect(send).toHaveBeenCalledTimes(1);
    const messages = await db.outboxMessage.findMany({ where: { id: { in: messageIds } } });
    expect(send.mock.calls[0]).toEqual([expect.arrayContaining(messages.map((m) => ({ id: m.id, name: m.name, data: m.payload })))]);
    expect(messages.every((m) => m.status === OutboxStatus.DONE)).toBe(true);
    expect(await db.jobRun.count({ where: { messageId: { in: messageIds } } })).toBe(0); // Inngest runs them
  });

  it("keeps a message whose send failed, with the error, and sends it again after the backoff", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const messageIds = await outboxIdsFor(db, event.id);
    const down = vi.fn(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:8288");
    });
    const before = Date.now();
    await relayOutbox(db, { mode: "inngest", send: down, scope: { messageIds }, backoffMs: () => 60_000 });
    const failed = await db.outboxMessage.findUniqueOrThrow({ where: { id: messageIds[0]! } });
    expect(failed).toMatchObject({ status: OutboxStatus.PENDING, attempts: 1, lockedUntil: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(failed.availableAt.getTime()).toBeGreaterThanOrEqual(before + 59_000);

    // Not yet due: nothing is sent. Once due, it goes out with the same id (Inngest dedupes).
    const up = vi.fn(async (_events: OutboxEvent[]) => ({}));
    expect(await relayOutbox(db, { mode: "inngest", send: up, scope: { messageIds } })).toBe(0);
    await db.outboxMessage.update({ where: { id: messageIds[0]! }, data: { availableAt: new Date() } });
    expect(await relayOutbox(db, { mode: "inngest", send: up, scope: { messageIds } })).toBe(1);
    expect(up.mock.calls[0]![0]).toEqual([expect.objectContaining({ id: messageIds[0] })]);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: messageIds[0]! } })).toMatchObject({
      status: OutboxStatus.DONE,
      attempts: 2,
      lastError: null,
    });
  });
});

describe("runDueJobs", () => {
  it("retries a failing run with backoff, keeping the error, until it succeeds", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    let calls = 0;
    const flaky = testJob("flaky", async () => {
      calls += 1;
      if (calls < 3) throw new Error(`boom ${calls}`);
      return { status: "DONE", detail: "third time lucky" };
    });
    const run = await pendingRun("flaky", event.id);
    const scope = { runIds: [run.id] };

    await runDueJobs(db, { jobs: [flaky], scope, backoffMs: () => 60_000 });
    const afterFirst = await db.jobRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(afterFirst).toMatchObject({ status: JobRunStatus.PENDING, attempts: 1, lastError: "Error: boom 1", lockedUntil: null });
    expect(afterFirst.availableAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await runDueJobs(db, { jobs: [flaky], scope })).toBe(0); // backing off

    await db.jobRun.update({ where: { id: run.id }, data: { availableAt: new Date() } });
    await drainJobs(db, { jobs: [flaky], scope, backoffMs: noWait });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: JobRunStatus.DONE,
      attempts: 3,
      lastError: null,
      result: { status: "DONE", detail: "third time lucky" },
    });
  });

  it("fails a run for good after its tries, visibly, and tells the job once", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const onGiveUp = vi.fn(async () => {});
    const broken = testJob(
      "broken",
      async () => {
        throw new Error("Shopify said 503");
      },
      { onGiveUp } as Partial<Job>,
    );
    const run = await pendingRun("broken", event.id);
    await drainJobs(db, { jobs: [broken], scope: { runIds: [run.id] }, backoffMs: noWait });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: JobRunStatus.FAILED,
      attempts: 3,
      lastError: "Error: Shopify said 503",
    });
    expect(onGiveUp).toHaveBeenCalledTimes(1);
    // (Arguments compared from the second: a Prisma client is no value to compare deeply.)
    expect((onGiveUp.mock.calls[0] as unknown[]).slice(1)).toEqual([{ eventId: event.id }, "Error: Shopify said 503"]);
  });

  it("fails at once, without retrying, a run whose handler reports FAILED", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const handler = vi.fn(async (): Promise<JobResult> => ({ status: "FAILED", detail: "token refused" }));
    const run = await pendingRun("refused", event.id);
    await drainJobs(db, { jobs: [testJob("refused", handler)], scope: { runIds: [run.id] } });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: JobRunStatus.FAILED,
      lastError: "token refused",
      attempts: 1,
    });
  });

  it("takes over a run whose worker died (lease passed), but not one whose lease still holds", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const handler = vi.fn(async (): Promise<JobResult> => ({ status: "DONE" }));
    const job = testJob("leased", handler);
    const abandoned = await pendingRun("leased", event.id, { attempts: 1, lockedUntil: new Date(Date.now() - 1_000) });
    const held = await pendingRun("leased", event.id, { attempts: 1, lockedUntil: new Date(Date.now() + 60_000) });
    expect(await runDueJobs(db, { jobs: [job], scope: { runIds: [abandoned.id, held.id] } })).toBe(1);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: abandoned.id } })).toMatchObject({
      status: JobRunStatus.DONE,
      attempts: 2,
    });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: JobRunStatus.PENDING, attempts: 1 });
  });

  it("gives up on a run whose every try died with its worker", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const handler = vi.fn(async (): Promise<JobResult> => ({ status: "DONE" }));
    const run = await pendingRun("poison", event.id, { attempts: 3, lockedUntil: new Date(Date.now() - 1_000) });
    await runDueJobs(db, { jobs: [testJob("poison", handler)], scope: { runIds: [run.id] } });
    expect(handler).not.toHaveBeenCalled();
    const row = await db.jobRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe(JobRunStatus.FAILED);
    expect(row.lastError).toMatch(/never finished/);
  });

  it("claims each run once when several workers poll at the same time", async () => {
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const seen: string[] = [];
    const job = testJob("counted", async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { status: "DONE" };
    });
    const runs = await Promise.all(Array.from({ length: 30 }, () => pendingRun("counted", event.id)));
    const scope = { runIds: runs.map((r) => r.id) };
    await Promise.all(Array.from({ length: 5 }, () => drainJobs(db, { jobs: [job], scope, limit: 3, onRunStart: (run) => seen.push(run.id) })));
    expect(seen.sort()).toEqual(runs.map((r) => r.id).sort());
    expect(await db.jobRun.count({ where: { id: { in: scope.runIds }, status: JobRunStatus.DONE, attempts: 1 } })).toBe(30);
  });
});

describe("scheduled jobs (in-process)", () => {
  it("enqueues a run per tick unless one is already waiting", async () => {
    const handler = vi.fn(async (): Promise<JobResult> => ({ status: "SKIPPED" }));
    const sweep = { id: "completion-sweep", description: "test sweep", attempts: 2, every: { minutes: 5 }, handler } as Job;
    const first = await enqueueScheduledJobs(db, [sweep]);
    expect(first).toHaveLength(1);
    expect(await enqueueScheduledJobs(db, [sweep])).toEqual([]);
    await drainJobs(db, { jobs: [sweep], scope: { runIds: first } });
    expect((handler.mock.calls[0] as unknown[])[1]).toEqual({ scheduledAt: expect.any(String) });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: first[0]! } })).toMatchObject({ status: JobRunStatus.SKIPPED, messageId: null });
    expect(await enqueueScheduledJobs(db, [sweep])).toHaveLength(1);
    await db.jobRun.deleteMany({ where: { job: "completion-sweep", status: JobRunStatus.PENDING } });
  });
});

describe("in-process, end to end", () => {
  it("an edited title reaches the synced posts (and not the others); the details show sync, Shopify and job state", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const caller = createCaller({ db, actor: curator });
    const created = await caller.events.create(createEventBody(farFutureDates()));
    const eventId = created.event.id;
    const promoterCaller = createCaller({ db, actor: await actorFor(db, Role.PROMOTER) });
    const synced = (await promoterCaller.posts.fromEvent({ eventId })).post;
    const frozen = (await createCaller({ db, actor: await actorFor(db, Role.PROMOTER) }).posts.fromEvent({ eventId, syncEnabled: false })).post;

    await caller.events.update({ id: eventId, title: "A brand new title" });

    const beforeJobs = await caller.events.details({ id: eventId });
    expect(beforeJobs.postSync).toEqual({ current: 0, behind: 2, off: 1 });
    const related = await caller.events.relatedPosts({ id: eventId });
    expect(Object.fromEntries(related.posts.map((p) => [p.id, p.syncState]))).toEqual({
      [created.post!.id]: "behind",
      [synced.id]: "behind",
      [frozen.id]: "off",
    });

    await drainJobs(db, { scope: { messageIds: await outboxIdsFor(db, eventId) } });

    const { posts } = await expectPostsCurrent(db, eventId);
    expect(posts.map((p) => p.title)).toEqual(["A brand new title", "A brand new title"]);
    expect((await db.post.findUniqueOrThrow({ where: { id: frozen.id } })).title).toBe(created.event.title);

    const details = await caller.events.details({ id: eventId });
    expect(details.postSync).toEqual({ current: 2, behind: 0, off: 1 });
    expect((await caller.events.relatedPosts({ id: eventId })).posts.map((p) => p.syncState).sort()).toEqual(["current", "current", "off"]);
    // No store connected: the push records SKIPPED; no job failed.
    expect(details.product).toMatchObject({ status: ProductStatus.ACTIVE, shopifyStatus: ShopifyStatus.SKIPPED, shopifyError: null });
    expect(details.jobs).toEqual({ failed: 0, retrying: 0, lastError: null });
  });

  it("shows failed and retrying job runs of the event in its details", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const caller = createCaller({ db, actor: curator });
    const { event } = await caller.events.create(createEventBody(farFutureDates()));
    await db.jobRun.createMany({
      data: [
        {
          job: "shopify-push",
          payload: { eventId: event.id },
          status: JobRunStatus.FAILED,
          attempts: 8,
          lastError: "Shopify refused the token",
          finishedAt: new Date(),
        },
        { job: "post-sync", payload: { eventId: event.id, version: 2, syncCategories: ["metadata"] }, attempts: 2, lastError: "connection reset" },
        { job: "post-sync", payload: { eventId: event.id, version: 3, syncCategories: ["metadata"] }, status: JobRunStatus.DONE, attempts: 1 },
      ],
    });
    expect((await caller.events.details({ id: event.id })).jobs).toEqual({
      failed: 1,
      retrying: 1,
      lastError: { job: "shopify-push", error: "Shopify refused the token", failedAt: expect.any(Date), willRetry: false },
    });
  });
});
