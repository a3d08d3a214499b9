// The outbox relay's and the job runner's statements (server/domain/jobs/runner.ts). Every
// claim takes its rows FOR UPDATE SKIP LOCKED, so workers sharing the tables skip each
// other's rows instead of waiting for them.
import { Prisma } from "../../generated/prisma/client";
import { JobRunStatus, OutboxStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

/** Restricts a worker to some rows (tests share their database with other tests' rows). */
export interface Scope {
  /** Only these outbox messages, and the job runs they triggered. */
  messageIds?: readonly string[];
  /** Only these job runs. */
  runIds?: readonly string[];
}

function idList(ids: readonly string[]) {
  return Prisma.sql`ARRAY[${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))}]`;
}

function messageScope(scope: Scope | undefined) {
  if (!scope?.messageIds && !scope?.runIds) return Prisma.empty;
  if (!scope.messageIds?.length) return Prisma.sql`AND false`;
  return Prisma.sql`AND id = ANY(${idList(scope.messageIds)})`;
}

function runScope(scope: Scope | undefined) {
  if (!scope?.messageIds && !scope?.runIds) return Prisma.empty;
  const byMessage = scope.messageIds?.length ? Prisma.sql`message_id = ANY(${idList(scope.messageIds)})` : Prisma.sql`false`;
  const byRun = scope.runIds?.length ? Prisma.sql`id = ANY(${idList(scope.runIds)})` : Prisma.sql`false`;
  return Prisma.sql`AND (${byMessage} OR ${byRun})`;
}

/** An outbox message as the relay reads it. */
export interface OutboxRow {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
}

/** Due pending messages, locked for the caller's transaction (the in-process relay). */
export function lockDueMessages({ limit, scope }: { limit: number; scope?: Scope }) {
  return statement<OutboxRow>(Prisma.sql`
    SELECT id, name, payload, attempts FROM "OutboxMessage"
     WHERE status = ${OutboxStatus.PENDING}::"OutboxStatus" AND available_at <= now()
       AND (locked_until IS NULL OR locked_until < now())
       ${messageScope(scope)}
     ORDER BY created_at, id
     LIMIT ${limit}
     FOR UPDATE SKIP LOCKED`);
}

/**
 * Claims due pending messages under a lease that commits at once (the Inngest relay sends
 * outside any transaction); a claim whose worker died is taken over when the lease runs out.
 */
export function leaseDueMessages({ limit, leaseMs, scope }: { limit: number; leaseMs: number; scope?: Scope }) {
  return statement<OutboxRow>(Prisma.sql`
    UPDATE "OutboxMessage" o
       SET locked_until = now() + ${leaseMs} * interval '1 millisecond', attempts = o.attempts + 1
     WHERE o.id IN (
       SELECT id FROM "OutboxMessage"
        WHERE status = ${OutboxStatus.PENDING}::"OutboxStatus" AND available_at <= now()
          AND (locked_until IS NULL OR locked_until < now())
          ${messageScope(scope)}
        ORDER BY created_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING o.id, o.name, o.payload, o.attempts`);
}

/** A job run claimed by a worker. */
export interface ClaimedRun {
  id: string;
  messageId: string | null;
  job: string;
  payload: unknown;
  /** This attempt's number (1 for the first); also the claim's fencing token. */
  attempts: number;
}

/** Claims due pending runs under a lease (attempts + 1). */
export function leaseDueRuns({ limit, leaseMs, scope }: { limit: number; leaseMs: number; scope?: Scope }) {
  return statement<ClaimedRun>(Prisma.sql`
    UPDATE "JobRun" r
       SET locked_until = now() + ${leaseMs} * interval '1 millisecond',
           attempts = r.attempts + 1
     WHERE r.id IN (
       SELECT id FROM "JobRun"
        WHERE status = ${JobRunStatus.PENDING}::"JobRunStatus" AND available_at <= now()
          AND (locked_until IS NULL OR locked_until < now())
          ${runScope(scope)}
        ORDER BY available_at, created_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING r.id, r.message_id AS "messageId", r.job, r.payload, r.attempts`);
}

/** Adds a run of a scheduled job unless one is already waiting; answers the run it added. */
export function enqueueScheduledRun({ job, scheduledAt }: { job: string; scheduledAt: Date }) {
  return statement<{ id: string }>(Prisma.sql`
    INSERT INTO "JobRun" (id, job, payload)
    SELECT gen_random_uuid(), ${job}, ${JSON.stringify({ scheduledAt: scheduledAt.toISOString() })}::jsonb
     WHERE NOT EXISTS (
       SELECT 1 FROM "JobRun"
        WHERE job = ${job} AND status = ${JobRunStatus.PENDING}::"JobRunStatus" AND message_id IS NULL)
    RETURNING id`);
}

/** How many messages and runs in scope are still pending. */
export function countPending({ scope }: { scope?: Scope }) {
  return statement<{ messages: number; runs: number }>(Prisma.sql`
    SELECT (SELECT count(*) FROM "OutboxMessage"
             WHERE status = ${OutboxStatus.PENDING}::"OutboxStatus" ${messageScope(scope)})::int AS messages,
           (SELECT count(*) FROM "JobRun"
             WHERE status = ${JobRunStatus.PENDING}::"JobRunStatus" ${runScope(scope)})::int AS runs`);
}
