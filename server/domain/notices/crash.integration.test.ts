// Guest notices survive a worker killed mid-run: events with guests are canceled, and workers
// (real processes: server/testing/crash-worker.ts) are SIGKILLed as they begin a guest-notices
// run, again and again; a fresh `npm run worker -- --drain` then finishes. Every guest gets
// exactly one cancellation mail: a killed run's transaction rolled back whole, and a run taken
// over or repeated finds its mails' dedupe keys already queued.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEvent, createGuest, inviteGuest } from "../../../prisma/factories";
import { EventStatus, JobRunStatus, Role } from "../../generated/prisma/enums";
import { actorFor } from "../../testing/events";
import { useScratchDb } from "../../testing/jobs";
import { exited, startWorker, workerEnv } from "../../testing/worker-process";
import { updateEvent } from "../events/update";
import { drainJobs } from "../jobs/runner";

const scratch = useScratchDb("notices_crash");
const EVENTS = 6;
const GUESTS = 5;

describe("guest notices, the worker SIGKILLed as it begins them", () => {
  it("tell every guest exactly once that their event is canceled", { timeout: 180_000 }, async () => {
    const db = scratch.db;
    const curator = await actorFor(db, Role.CURATOR);
    const events: { id: string; emails: string[] }[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const { event } = await createEvent(db, { curatorId: curator.userId });
      const emails: string[] = [];
      for (let g = 0; g < GUESTS; g++) {
        const guest = await createGuest(db, { userId: curator.userId, email: `crash-${randomUUID().slice(0, 8)}@guests.test` });
        await inviteGuest(db, { eventId: event.id, guestId: guest.id });
        emails.push(guest.email!);
      }
      events.push({ id: event.id, emails: emails.sort() });
    }
    await drainJobs(db); // the creations' own messages, before the crashes start

    let kills = 0;
    let canceled = 0;
    const begun = new Set<string>();
    for (let round = 0; round < 3 * EVENTS && (canceled < EVENTS || kills < 3); round++) {
      if (canceled < EVENTS) await updateEvent(db, curator, events[canceled++]!.id, { status: EventStatus.CANCELED });
      const worker = startWorker("server/testing/crash-worker.ts", workerEnv(scratch.url, { LEASE_MS: "800" }));
      const fresh = () => worker.lines.find((line) => line.startsWith("start guest-notices ") && !begun.has(line));
      const deadline = Date.now() + 8_000;
      while (!fresh() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const started = fresh();
      await new Promise((r) => setTimeout(r, Math.random() * 40)); // inside the run (it pauses 25 ms before and after its work)
      worker.kill("SIGKILL");
      await exited(worker);
      worker.lines.filter((line) => line.startsWith("start guest-notices ")).forEach((line) => begun.add(line));
      if (started) kills += 1;
    }
    expect(kills).toBeGreaterThanOrEqual(3);

    const drain = startWorker("scripts/worker.ts", workerEnv(scratch.url), ["--drain"]);
    expect(await exited(drain), drain.errors.join("")).toBe(0);

    for (const event of events) {
      const mails = await db.mailMessage.findMany({ where: { template: "event-notice", dedupeKey: { startsWith: `canceled:${event.id}:` } } });
      expect(mails.map((m) => m.to).sort()).toEqual(event.emails);
    }
    // This try's runs only: a retry of this test (CI retries once) shares the scratch database.
    const runs = await db.jobRun.findMany({
      where: { job: "guest-notices", OR: events.map((event) => ({ payload: { path: ["eventId"], equals: event.id } })) },
    });
    expect(runs).toHaveLength(EVENTS);
    // Every run finished. A worker killed in the pause after its transaction committed leaves
    // the mails queued; the run that takes over finds them all there and ends SKIPPED.
    expect(runs.map((r) => r.status).filter((s) => s !== JobRunStatus.DONE && s !== JobRunStatus.SKIPPED)).toEqual([]);
    // The killed workers' runs were taken over.
    expect(runs.some((r) => r.attempts > 1)).toBe(true);
  });
});
