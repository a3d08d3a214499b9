// The background worker: a loop that relays the outbox and (in-process) runs due jobs, polling
// when idle, plus timers for the scheduled jobs and for pruning old rows. The Next server
// starts one (instrumentation.ts); `npm run worker` runs one on its own. Several may run at
// once against one database: every claim skips rows another worker holds. A committed outbox
// write wakes every worker at once (it NOTIFYs; each worker LISTENs), so jobs need not wait for
// the next poll.
import pg from "pg";
import type { Db } from "../../db/client";
import { OUTBOX_CHANNEL } from "../outbox/service";
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
  runOptions?: Pick<RunOptions, "backoffMs" | "onRunStart">;
  /** The database whose committed outbox writes wake this worker (normally `db`'s); without it, it only polls. */
  listenUrl?: string;
  log?: Pick<Console, "info" | "error">;
}

export interface BackgroundWorker {
  /** Finishes the current round (runs in flight complete), then stops; timers are cleared. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 60 * 60_000;
const MAX_ERROR_PAUSE_MS = 30_000;
const RELISTEN_MS = 1_000;

/**
 * Calls `onWrite` whenever an outbox write commits on `url`, over a connection of its own
 * (LISTEN holds one). A lost connection is reopened, and the worker woken then, as writes may
 * have committed meanwhile; until then the poll still finds them.
 */
function listenForOutboxWrites(url: string, onWrite: () => void, log: Pick<Console, "error">): () => Promise<void> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = (reconnecting: boolean) => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    const lost = (error: unknown) => {
      if (closed || client !== c) return;
      log.error(`[jobs] lost the outbox LISTEN connection (will reopen it): ${error instanceof Error ? error.message : String(error)}`);
      client = undefined;
      void c.end().catch(() => {});
      retry = setTimeout(() => connect(true), RELISTEN_MS);
      retry.unref();
    };
    c.on("notification", onWrite);
    c.on("error", lost);
    c.on("end", () => lost(new Error("connection ended")));
    c.connect()
      .then(() => c.query(`LISTEN ${OUTBOX_CHANNEL}`))
      .then(() => reconnecting && onWrite(), lost);
  };
  connect(false);
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

export function startBackgroundWorker(options: WorkerOptions): BackgroundWorker {
  const { db, mode, send, jobs = JOBS, pollMs = 500, leaseMs = DEFAULT_LEASE_MS, concurrency = DEFAULT_CONCURRENCY, log = console } = options;
  if (mode === "inngest" && !send) throw new Error("startBackgroundWorker in inngest mode needs `send`");
  let stopped = false;
  let wake: (() => void) | undefined;
  // Set by a wake during a round: that round may have looked before the write committed.
  let woken = false;
  const poke = () => {
    woken = true;
    wake?.();
  };
  const stopListening = options.listenUrl ? listenForOutboxWrites(options.listenUrl, poke, log) : async () => {};
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
      await stopListening();
      for (const timer of timers) clearInterval(timer);
      wake?.();
      await loop;
    },
  };
}
