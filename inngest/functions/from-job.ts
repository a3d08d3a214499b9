// Turns a job of server/domain/jobs/definitions.ts into an Inngest function. The body only
// orchestrates: it checks the trigger's `when`, then runs the job's handler as one step (its id
// is the job's id, unique in the function). Retries are the job's tries; runs of one event (or
// the job's `serializeBy` key) are serialized, the sweep runs one at a time.
import { NonRetriableError } from "inngest";
import type { Db } from "../../server/db/client";
import { cron, isScheduled, type Job, type JobResult } from "../../server/domain/jobs/definitions";
import type { DomainEventName } from "../../server/domain/outbox/messages";
import { domainEvents, inngest } from "../client";

type Retries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;

function retriesOf(job: Job): Retries {
  return Math.min(20, Math.max(0, job.attempts - 1)) as Retries;
}

/** `db` is read when a step runs, so tests and the app can each pass their own. */
export function jobFunction(job: Job, db: () => Db) {
  if (isScheduled(job)) {
    return inngest.createFunction(
      { id: job.id, name: job.description, triggers: [{ cron: cron(job) }], retries: retriesOf(job), concurrency: 1 },
      async ({ event, step }) => {
        const scheduledAt = new Date(event.ts ?? Date.now()).toISOString();
        const result = await step.run(job.id, () => job.handler(db(), { scheduledAt }));
        return finished(job, result);
      },
    );
  }
  const triggers = job.triggers.map((t) => ({ event: domainEvents[t.event as DomainEventName] }));
  return inngest.createFunction(
    {
      id: job.id,
      name: job.description,
      triggers,
      retries: retriesOf(job),
      concurrency: [{ key: `event.data.${job.serializeBy ?? "eventId"}`, limit: 1 }],
      // Runs once the tries are used up (Inngest serves it as "<job>-failure").
      ...(job.onGiveUp && {
        onFailure: async ({ event, error, step }) => {
          await step.run(`${job.id}-give-up`, () => job.onGiveUp!(db(), event.data.event.data, error.message));
        },
      }),
    },
    async ({ event, step }) => {
      const trigger = job.triggers.find((t) => t.event === event.name);
      if (trigger?.when && !trigger.when(event.data)) {
        return { status: "SKIPPED", detail: `${job.id} does not run for this ${event.name}` } satisfies JobResult;
      }
      // The event's id is the outbox message's (the relay sends it so).
      const result = await step.run(job.id, () => job.handler(db(), event.data as never, { messageId: event.id ?? "" }));
      return finished(job, result);
    },
  );
}

/** A FAILED result cannot succeed on a retry: the run fails at once, visibly. */
function finished<R extends { status: JobResult["status"]; detail?: string }>(job: Job, result: R): R {
  if (result.status === "FAILED") throw new NonRetriableError(`${job.id} failed: ${result.detail ?? "no detail"}`);
  return result;
}
