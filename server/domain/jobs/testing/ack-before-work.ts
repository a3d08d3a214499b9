// Tests only. The broken runner of the crash test's negative control: each run is marked DONE
// as its handler starts, before its work is done (at most once instead of at least once), so a
// worker killed mid-run loses that run's work. It shows the crash test would catch the bug.
import type { Db } from "../../../db/client";
import { JobRunStatus } from "../../../generated/prisma/enums";
import type { Job } from "../definitions";
import type { ClaimedRun, RunOptions } from "../runner";

/** `jobs` and an `onRunStart` for the worker that acknowledge each run before doing it. */
export function ackBeforeWork(
  db: Db,
  jobs: readonly Job[],
  onRunStart?: (run: ClaimedRun) => void,
): { jobs: Job[]; onRunStart: NonNullable<RunOptions["onRunStart"]> } {
  // The runner calls onRunStart(run), then the handler with run.payload: the payload finds its run.
  const runs = new WeakMap<object, ClaimedRun>();
  return {
    onRunStart(run) {
      runs.set(run.payload as object, run);
      onRunStart?.(run);
    },
    jobs: jobs.map((job) => ({
      ...job,
      handler: async (handlerDb: Db, payload: never, context: { messageId: string }) => {
        const run = runs.get(payload);
        if (run) {
          await db.jobRun.updateMany({
            where: { id: run.id, attempts: run.attempts },
            data: { status: JobRunStatus.DONE, finishedAt: new Date(), lockedUntil: null },
          });
        }
        return job.handler(handlerDb, payload, context);
      },
    })) as Job[],
  };
}
