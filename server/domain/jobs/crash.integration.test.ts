// Crash safety of the in-process worker, with real processes: workers (child processes) are
// killed with SIGKILL again and again while a stream of event updates is processed, then a
// fresh `npm run worker -- --drain` finishes. Nothing may be lost: every message delivered,
// every job run done once its work is done, every synced post on its event's newest version.
// The negative control runs the same scenario with a runner that acknowledges a run before
// doing it, and shows the check catches the lost work. Also: `npm run worker` stops cleanly.
import { describe, expect, it } from "vitest";
import { JobRunStatus, OutboxStatus } from "../../generated/prisma/enums";
import { eventWithPosts, expectPostsCurrent, useScratchDb } from "../../testing/jobs";
import { exited, startWorker, workerEnv } from "../../testing/worker-process";
import { updateEvent } from "../events/update";
import { drainJobs } from "./runner";

const scratch = useScratchDb("crash");
const EVENTS = 12;

const childEnv = (extra: Record<string, string> = {}) => workerEnv(scratch.url, extra);

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

/**
 * Events with posts; then each event is updated once (so every post-sync run is its event's
 * last), one update per round, while workers are started and SIGKILLed one after another. Each worker is killed once
 * it has begun a post-sync run no earlier worker began: at once (0-10 ms, inside that run) in two
 * rounds of three, after a random 20-200 ms in the third. Then a fresh worker drains what is left.
 */
async function killWorkersWhileUpdating(fault?: "ack-before-work") {
  const db = scratch.db;
  const events: Awaited<ReturnType<typeof eventWithPosts>>[] = [];
  for (let i = 0; i < EVENTS; i++) events.push(await eventWithPosts(db, { promoters: 1, unsynced: 1 }));
  await drainJobs(db); // the creations' own messages, before the crashes start

  // One update per round, made just before that round's worker starts: however slowly workers
  // start on a loaded machine, each one finds fresh work to be killed in.
  let updated = 0;
  const updateNext = async () => {
    const { curator, event } = events[updated]!;
    await updateEvent(db, curator, event.id, { title: `Survived ${updated}`, poster: [{ src: `/posters/survived-${updated}.png` }] });
    updated += 1;
  };

  let kills = 0;
  const begun = new Set<string>();
  const postSyncIds = new Set<string>();
  for (let round = 0; round < EVENTS + 2; round++) {
    if (updated < EVENTS) await updateNext();
    const updatesDone = updated === EVENTS;
    const worker = startWorker("server/testing/crash-worker.ts", childEnv({ LEASE_MS: "800", ...(fault && { FAULT: fault }) }));
    const freshPostSync = () => worker.lines.some((line) => line.startsWith("start post-sync ") && !begun.has(line.slice("start post-sync ".length)));
    const busy = await waitFor(freshPostSync, updatesDone ? 4_000 : 8_000);
    await new Promise((r) => setTimeout(r, round % 3 !== 2 ? Math.random() * 10 : 20 + Math.random() * 180));
    worker.kill("SIGKILL");
    await exited(worker);
    for (const line of worker.lines) {
      const [, job, id] = line.split(" ");
      if (line.startsWith("start ")) begun.add(id!);
      if (job === "post-sync") postSyncIds.add(id!);
    }
    if (busy) kills += 1;
    const postSyncsBegun = [...begun].filter((id) => postSyncIds.has(id)).length;
    if (updatesDone && (!busy || postSyncsBegun === EVENTS)) break;
  }

  // A fresh worker, the production script, runs everything left to completion (waiting out
  // the killed workers' leases), then exits.
  const drain = startWorker("scripts/worker.ts", childEnv(), ["--drain"]);
  expect(await exited(drain), drain.errors.join("")).toBe(0);

  const eventIds = events.map((e) => e.event.id);
  const aboutEvents = { OR: eventIds.map((id) => ({ payload: { path: ["eventId"], equals: id } })) };
  const [messages, runs] = await Promise.all([db.outboxMessage.findMany({ where: aboutEvents }), db.jobRun.findMany({ where: aboutEvents })]);
  let current = 0;
  for (const [i, { event }] of events.entries()) {
    try {
      const { title } = await expectPostsCurrent(db, event.id);
      if (title === `Survived ${i}`) current += 1;
    } catch {
      // counted as not current
    }
  }
  return { kills, messages, runs, current };
}

describe("the in-process worker, killed with SIGKILL at random moments", () => {
  it("loses nothing: every message delivered, every run done, every synced post on the newest data", { timeout: 180_000 }, async () => {
    const { kills, messages, runs, current } = await killWorkersWhileUpdating();
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(messages.filter((m) => m.name === "event.updated")).toHaveLength(EVENTS);
    expect(messages.every((m) => m.status === OutboxStatus.DONE)).toBe(true);
    // One run per message and subscribed job: created -> shopify-push; updated -> post-sync, shopify-push.
    expect(runs.filter((r) => r.job === "post-sync")).toHaveLength(EVENTS);
    expect(runs.filter((r) => r.job === "shopify-push")).toHaveLength(2 * EVENTS);
    expect(runs.filter((r) => r.status !== JobRunStatus.DONE && r.status !== JobRunStatus.SKIPPED)).toEqual([]);
    // Some runs were tried more than once: the killed workers' runs were taken over.
    expect(runs.some((r) => r.attempts > 1)).toBe(true);
    expect(current).toBe(EVENTS);
  });

  it(
    "negative control: a runner that acknowledges runs before doing them loses work, and the check above sees it",
    { timeout: 180_000 },
    async () => {
      const { kills, runs, current } = await killWorkersWhileUpdating("ack-before-work");
      expect(kills).toBeGreaterThanOrEqual(3);
      // Every run looks DONE...
      expect(runs.every((r) => r.status === JobRunStatus.DONE || r.status === JobRunStatus.SKIPPED)).toBe(true);
      // ...but the killed ones never did their work: some events' posts never got their update.
      expect(current).toBeLessThan(EVENTS);
    },
  );
});

describe("npm run worker", () => {
  it("runs the jobs in-process, then finishes its round and exits 0 on SIGTERM", { timeout: 60_000 }, async () => {
    const { curator, event } = await eventWithPosts(scratch.db, { promoters: 1, unsynced: 0 });
    const worker = startWorker("scripts/worker.ts", childEnv());
    await updateEvent(scratch.db, curator, event.id, { title: "Picked up by npm run worker" });
    const synced = async () => (await scratch.db.post.count({ where: { createFromEventId: event.id, title: "Picked up by npm run worker" } })) === 2;
    const deadline = Date.now() + 30_000;
    while (!(await synced()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await synced()).toBe(true);

    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);
    expect(worker.lines.join("\n")).toMatch(/SIGTERM: finishing the current round/);
  });
});
