// Reading job runs back: what the event's details page shows of its background work.
import type { Db } from "../../db/client";
import type { Prisma } from "../../generated/prisma/client";
import { JobRunStatus } from "../../generated/prisma/enums";
import type { EventJobsView } from "./schema";

/** Failed and retrying background job runs about the event (in-process mode keeps them). */
export async function readEventJobs(db: Db, eventId: string): Promise<EventJobsView> {
  const aboutEvent = { payload: { path: ["eventId"], equals: eventId } } satisfies Prisma.JobRunWhereInput;
  const [failed, retrying, lastFailed, lastRetrying] = await Promise.all([
    db.jobRun.count({ where: { ...aboutEvent, status: JobRunStatus.FAILED } }),
    db.jobRun.count({ where: { ...aboutEvent, status: JobRunStatus.PENDING, lastError: { not: null } } }),
    db.jobRun.findFirst({
      where: { ...aboutEvent, status: JobRunStatus.FAILED },
      orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      select: { job: true, lastError: true, finishedAt: true },
    }),
    db.jobRun.findFirst({
      where: { ...aboutEvent, status: JobRunStatus.PENDING, lastError: { not: null } },
      orderBy: [{ availableAt: "desc" }, { id: "asc" }],
      select: { job: true, lastError: true },
    }),
  ]);
  const last = lastFailed ?? lastRetrying;
  return {
    failed,
    retrying,
    lastError: last
      ? {
          job: last.job,
          error: last.lastError ?? "failed",
          failedAt: lastFailed?.finishedAt ?? null,
          willRetry: !lastFailed,
        }
      : null,
  };
}
