// The background worker: a loop that relays the outbox and (in-process) runs due jobs, polling
// when idle, plus timers for the scheduled jobs and for pruning old rows. The Next server
// starts one (instrumentation.ts); `npm run worker` runs one on its own. Several may run at
// once against one database: every claim skips rows another worker holds.
import type { Db } from "../../db/client";
import { isScheduled, JOBS, type Job } from "./definitions";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_LEASE_MS,
  enqueueScheduledJobs,
  pruneFinished,
  relayOutbox,
  runDueJobs,
  type OutboxEvent,
  type RunOptions,
} from "./runner";

export interface WorkerOptions {
  db: Db;
  mode: "in-process" | "inngest";
  /** Sends outbox events to Inngest (required in "inngest" mode). */
  send?: (events: OutboxEvent[]) => Promise<unknown>;
  jobs?: readonly Job[];
  /** Pause between polls when there was nothing to do. */
  pollMs?: number;
  /** Overrides every scheduled job's period (in-process), e.g. for a quick demo. */
  scheduleEveryMs?: number;
  leaseMs?: number;
  /** Job runs at a time; `db`'s pool needs CONNECTIONS_PER_RUN connections for each. */
  concurrency?: number;
  runOptions?: Pick<RunOptions, "backoffMs" | "faults" | "onRunStart">;
  log?: Pick<Console, "info" | "error">;
}

export interface BackgroundWorker {
  /** Finishes the current round (runs in flight complete), then stops; timers are cleared. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 60 * 60_000;
const MAX_ERROR_PAUSE_MS = 30_000;

/**
 * How to wake each worker running in this process. On globalThis: the Next server bundles
 * instrumentation.ts (which starts the worker) apart from the routes that wake it.
 */
const localWorkers = ((globalThis as { marqueeLocalWorkers?: Set<() => void> }).marqueeLocalWorkers ??= new Set());

/**
 * Has this process's workers look for work now rather than at their next poll: called after a
 * request committed a write (which adds outbox rows in its transaction), so that its jobs,
 * e.g. the post sync after an event update, start at once instead of up to `pollMs` later.
 * A worker in another process still finds the rows at its next poll.
 */
export function wakeLocalWorkers(): void {
  for (const wake of localWorkers) wake();
}

export function startBackgroundWorker(options: WorkerOptions): BackgroundWorker {
  const {
    db,
    mode,
    send,
    jobs = JOBS,
    pollMs = 500,
    leaseMs = DEFAULT_LEASE_MS,
    concurrency = DEFAULT_CONCURRENCY,
    log = console,
  } = options;
  if (mode === "inngest" && !send) throw new Error("startBackgroundWorker in inngest mode needs `send`");
  let stopped = false;
  let wake: (() => void) | undefined;
  // Set by a wake during a round: that round may have looked before the write committed.
  let woken = false;
  const poke = () => {
    woken = true;
    wake?.();
  };
  localWorkers.add(poke);
  const timers: NodeJS.Timeout[] = [];

  // The poll keeps the process alive (`npm run worker` has nothing else to); stop() ends it.
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const every = (ms: number, task: () => Promise<unknown>, name: string) => {
    const tick = () => void task().catch((error) => log.error(`[jobs] ${name} failed:`, error));
    // Once shortly after start, then every `ms`; unref'd: never what keeps a process alive.
    timers.push(setTimeout(tick, 1_000).unref(), setInterval(tick, ms).unref());
  };

  if (mode === "in-process") {
    for (const job of jobs.filter(isScheduled)) {
      every(options.scheduleEveryMs ?? job.every.minutes * 60_000, () => enqueueScheduledJobs(db, [job]), job.id);
    }
  }
  every(PRUNE_EVERY_MS, () => pruneFinished(db), "pruning");

  const loop = (async () => {
    let failures = 0;
    let lastError = "";
    while (!stopped) {
      woken = false;
      let worked = 0;
      try {
        worked += await relayOutbox(db, { mode, send, jobs, leaseMs });
        if (mode === "in-process") {
          worked += await runDueJobs(db, { ...options.runOptions, jobs, leaseMs, limit: concurrency, log });
        }
        failures = 0;
        lastError = "";
      } catch (error) {
        // The database is down or restarting: say so once, then retry less and less often.
        const text = error instanceof Error ? error.message : String(error);
        if (text !== lastError) log.error(`[jobs] worker round failed (will retry): ${text}`);
        lastError = text;
        failures += 1;
      }
      if (stopped) break;
      if (failures > 0) await pause(Math.min(pollMs * 2 ** failures, MAX_ERROR_PAUSE_MS));
      else if (worked === 0 && !woken) await pause(pollMs);
    }
  })();

  log.info(
    mode === "inngest"
      ? "[jobs] relaying the outbox to Inngest (functions served at /api/inngest)"
      : "[jobs] running background jobs in-process (no Inngest configured)",
  );

  return {
    async stop() {
      stopped = true;
      localWorkers.delete(poke);
      for (const timer of timers) clearInterval(timer);
      wake?.();
      await loop;
    },
  };
}
