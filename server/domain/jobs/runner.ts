// Delivering the outbox and running the jobs of definitions.ts, the in-process way (and the
// relay to Inngest). Every claim is a row lock taken with FOR UPDATE SKIP LOCKED, so any number
// of workers (app processes, `npm run worker`) can share the tables without taking each
// other's rows; a claim that outlives its worker is taken over once its lease runs out.
//
//   relayOutbox   PENDING OutboxMessage rows ->
//                   in-process: one JobRun per subscribed job (ON CONFLICT (message_id, job)
//                               DO NOTHING) and the message marked DONE, in ONE transaction;
//                   inngest:    sent with the row id as the Inngest event id (a resend is
//                               deduplicated by Inngest), then marked DONE; a failed send is
//                               retried with backoff.
//   runDueJobs    PENDING JobRuns -> claimed under a lease (attempts + 1), handler run, then
//                 DONE / SKIPPED / FAILED, or back to PENDING with exponential backoff and the
//                 error kept in lastError; FAILED once its tries are used up. Failed runs stay
//                 in the table (the event's details page shows them).
import type { Db, Tx } from "../../db/client";
import {
  countPending,
  enqueueScheduledRun,
  leaseDueMessages,
  leaseDueRuns,
  lockDueMessages,
  type ClaimedRun,
  type OutboxRow,
  type Scope,
} from "../../db/sql/jobs";
import { query } from "../../db/sql/statement";
import type { Prisma } from "../../generated/prisma/client";
import { JobRunStatus, OutboxStatus } from "../../generated/prisma/enums";
import { DOMAIN_EVENTS, type DomainEventName } from "../outbox/messages";
import { isScheduled, JOBS, jobById, jobsFor, type Job, type JobResult } from "./definitions";

const MAX_ERROR_LENGTH = 2_000;
/** A claimed run not finished within this is taken over by another worker. */
export const DEFAULT_LEASE_MS = 60_000;

/** Exponential backoff with jitter: ~1 s, 2 s, 4 s ... capped at 10 minutes. */
export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(1_000 * 2 ** Math.max(0, attempt - 1), 10 * 60_000);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

export type { ClaimedRun, Scope } from "../../db/sql/jobs";

// ---- The relay

export interface OutboxEvent {
  /** The outbox row id: Inngest deduplicates events by it. */
  id: string;
  name: string;
  data: Record<string, unknown>;
}

export interface RelayOptions {
  /** "in-process": messages become JobRuns; "inngest": they are sent with `send`. */
  mode: "in-process" | "inngest";
  /** Sends events to Inngest (in "inngest" mode). */
  send?: (events: OutboxEvent[]) => Promise<unknown>;
  jobs?: readonly Job[];
  /** Messages per call. */
  limit?: number;
  leaseMs?: number;
  backoffMs?: (attempt: number) => number;
  scope?: Scope;
}

/** Which rows are valid domain events; the others are marked FAILED with the reason. */
function checkMessages(rows: OutboxRow[]) {
  const valid: Array<OutboxRow & { name: DomainEventName; payload: Record<string, unknown> }> = [];
  const invalid: Array<{ id: string; error: string }> = [];
  for (const row of rows) {
    const schema = DOMAIN_EVENTS[row.name as DomainEventName];
    const parsed = schema?.safeParse(row.payload);
    if (!schema) invalid.push({ id: row.id, error: `Unknown domain event "${row.name}"` });
    else if (!parsed.success) invalid.push({ id: row.id, error: `Invalid ${row.name} payload: ${parsed.error.message}` });
    else valid.push({ ...row, name: row.name as DomainEventName, payload: parsed.data });
  }
  return { valid, invalid };
}

async function markInvalid(db: Db | Tx, invalid: Array<{ id: string; error: string }>) {
  for (const { id, error } of invalid) {
    await db.outboxMessage.update({
      where: { id },
      data: { status: OutboxStatus.FAILED, lastError: error.slice(0, MAX_ERROR_LENGTH), lockedUntil: null, processedAt: new Date() },
    });
  }
}

/** Delivers up to `limit` pending outbox messages; answers how many it handled. */
export async function relayOutbox(db: Db, options: RelayOptions): Promise<number> {
  return options.mode === "inngest" ? relayToInngest(db, options) : relayToJobRuns(db, options);
}

async function relayToJobRuns(db: Db, { jobs = JOBS, limit = 100, scope }: RelayOptions): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await query(tx, lockDueMessages({ limit, scope }));
    if (rows.length === 0) return 0;
    const { valid, invalid } = checkMessages(rows);
    const runs = valid.flatMap((message) =>
      jobsFor(jobs, message.name, message.payload).map((job) => ({
        messageId: message.id,
        job: job.id,
        payload: message.payload as Prisma.InputJsonObject,
      })),
    );
    // A message relayed twice (e.g. after a crash between two workers) adds no second run.
    if (runs.length > 0) await tx.jobRun.createMany({ data: runs, skipDuplicates: true });
    if (valid.length > 0) {
      await tx.outboxMessage.updateMany({
        where: { id: { in: valid.map((m) => m.id) } },
        data: { status: OutboxStatus.DONE, processedAt: new Date(), lockedUntil: null, lastError: null },
      });
    }
    await markInvalid(tx, invalid);
    return rows.length;
  });
}

async function relayToInngest(
  db: Db,
  { send, limit = 100, leaseMs = DEFAULT_LEASE_MS, backoffMs = defaultBackoffMs, scope }: RelayOptions,
): Promise<number> {
  if (!send) throw new Error("relayOutbox in inngest mode needs `send`");
  // The claim commits before the send (no transaction held open over the network); its
  // lease lets another worker resend should this one die before marking the rows sent.
  const rows = await query(db, leaseDueMessages({ limit, leaseMs, scope }));
  if (rows.length === 0) return 0;
  const { valid, invalid } = checkMessages(rows);
  await markInvalid(db, invalid);
  if (valid.length === 0) return rows.length;
  try {
    await send(valid.map((m) => ({ id: m.id, name: m.name, data: m.payload })));
  } catch (error) {
    const lastError = errorText(error);
    for (const message of valid) {
      await db.outboxMessage.updateMany({
        where: { id: message.id, status: OutboxStatus.PENDING, attempts: message.attempts },
        data: { lockedUntil: null, lastError, availableAt: new Date(Date.now() + backoffMs(message.attempts)) },
      });
    }
    return rows.length;
  }
  await db.outboxMessage.updateMany({
    where: { id: { in: valid.map((m) => m.id) }, status: OutboxStatus.PENDING },
    data: { status: OutboxStatus.DONE, processedAt: new Date(), lockedUntil: null, lastError: null },
  });
  return rows.length;
}

// ---- The in-process job runner

/**
 * Connections one run may hold at once: a handler can keep a transaction open while it writes
 * through another connection (the Shopify push holds its product's lock that way). A worker's
 * pool needs this many per concurrent run, or runs wait for each other's connections.
 */
export const CONNECTIONS_PER_RUN = 2;
export const DEFAULT_CONCURRENCY = 4;

export interface RunOptions {
  jobs?: readonly Job[];
  /** Runs claimed (and run concurrently) per call: at most pool size / CONNECTIONS_PER_RUN. */
  limit?: number;
  leaseMs?: number;
  backoffMs?: (attempt: number) => number;
  scope?: Scope;
  /** Called as a claimed run's handler starts (the crash test kills workers on it). */
  onRunStart?: (run: ClaimedRun) => void;
  log?: Pick<Console, "error">;
}

/** Claims up to `limit` due runs and runs them; answers how many it claimed. */
export async function runDueJobs(db: Db, options: RunOptions = {}): Promise<number> {
  const { limit = DEFAULT_CONCURRENCY, leaseMs = DEFAULT_LEASE_MS, scope } = options;
  const claimed = await query(db, leaseDueRuns({ limit, leaseMs, scope }));
  await Promise.all(
    claimed.map((run) =>
      // Recording the outcome can fail too (the database went away): the run then stays
      // claimed until its lease passes, and is tried again.
      runClaimed(db, run, options).catch((error) =>
        (options.log ?? console).error(`[jobs] ${run.job} ${run.id}: could not record the outcome: ${errorText(error)}`),
      ),
    ),
  );
  return claimed.length;
}

/** Finishes a run, unless another worker took it over since (attempts is the claim's token). */
async function finish(db: Db, run: ClaimedRun, data: Prisma.JobRunUpdateManyMutationInput): Promise<boolean> {
  const { count } = await db.jobRun.updateMany({
    where: { id: run.id, status: JobRunStatus.PENDING, attempts: run.attempts },
    data: { lockedUntil: null, ...data },
  });
  return count === 1;
}

async function giveUp(db: Db, job: Job | undefined, run: ClaimedRun, lastError: string, log: Pick<Console, "error">) {
  const failed = await finish(db, run, { status: JobRunStatus.FAILED, lastError, finishedAt: new Date() });
  if (!failed || !job || isScheduled(job) || !job.onGiveUp) return;
  try {
    await job.onGiveUp(db, run.payload, lastError);
  } catch (error) {
    log.error(`[jobs] ${run.job} ${run.id}: recording the give-up failed: ${errorText(error)}`);
  }
}

async function runClaimed(db: Db, run: ClaimedRun, options: RunOptions): Promise<void> {
  const { jobs = JOBS, backoffMs = defaultBackoffMs, log = console } = options;
  const job = jobById(jobs, run.job);
  if (!job) return giveUp(db, job, run, `No job "${run.job}" is defined`, log);
  if (run.attempts > job.attempts) {
    // Its earlier tries never finished: the worker running it died each time.
    return giveUp(db, job, run, `Gave up after ${job.attempts} tries that never finished (the worker stopped while running them)`, log);
  }
  options.onRunStart?.(run);
  let result: JobResult;
  try {
    result = await job.handler(db, run.payload, { messageId: run.messageId ?? run.id });
  } catch (error) {
    const lastError = errorText(error);
    if (run.attempts >= job.attempts) return giveUp(db, job, run, lastError, log);
    await finish(db, run, { lastError, availableAt: new Date(Date.now() + backoffMs(run.attempts)) });
    return;
  }
  const status = result.status === "DONE" ? JobRunStatus.DONE : result.status === "SKIPPED" ? JobRunStatus.SKIPPED : JobRunStatus.FAILED;
  await finish(db, run, {
    status,
    result: result as unknown as Prisma.InputJsonObject,
    lastError: status === JobRunStatus.FAILED ? (result.detail ?? "failed").slice(0, MAX_ERROR_LENGTH) : null,
    finishedAt: new Date(),
  });
}

// ---- Schedules and housekeeping

/**
 * Enqueues a run of each scheduled job, unless one is already waiting (several app processes
 * ticking at once add one run, not one each; a second one running anyway would be harmless).
 * Answers the ids of the runs it added.
 */
export async function enqueueScheduledJobs(db: Db, jobs: readonly Job[] = JOBS, now = new Date()): Promise<string[]> {
  const added: string[] = [];
  for (const job of jobs.filter(isScheduled)) {
    const rows = await query(db, enqueueScheduledRun({ job: job.id, scheduledAt: now }));
    added.push(...rows.map((row) => row.id));
  }
  return added;
}

/** Deletes delivered messages and finished runs older than `olderThanMs`; failures are kept. */
export async function pruneFinished(db: Db, olderThanMs = 7 * 24 * 60 * 60_000): Promise<{ messages: number; runs: number }> {
  const before = new Date(Date.now() - olderThanMs);
  const [messages, runs] = await Promise.all([
    db.outboxMessage.deleteMany({ where: { status: OutboxStatus.DONE, processedAt: { lt: before } } }),
    db.jobRun.deleteMany({ where: { status: { in: [JobRunStatus.DONE, JobRunStatus.SKIPPED] }, finishedAt: { lt: before } } }),
  ]);
  return { messages: messages.count, runs: runs.count };
}

/**
 * Relays and runs until nothing in scope is pending any more (waiting out leases and backoff),
 * or throws after `timeoutMs`. For tests, and `npm run worker -- --drain`.
 */
export async function drainJobs(
  db: Db,
  { timeoutMs = 30_000, pollMs = 50, ...options }: RunOptions & { timeoutMs?: number; pollMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const worked = (await relayOutbox(db, { mode: "in-process", jobs: options.jobs, scope: options.scope })) + (await runDueJobs(db, options));
    if (worked > 0) continue;
    const [pending] = await query(db, countPending({ scope: options.scope }));
    if (pending!.messages === 0 && pending!.runs === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`drainJobs: still ${pending!.messages} messages and ${pending!.runs} job runs pending after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
