import { z } from "zod";

/**
 * The event's background jobs that failed (in-process runs; with Inngest configured, failed
 * runs show in Inngest's dashboard instead). Failed jobs are not silent.
 */
export const ZEventJobsView = z.object({
  /** Runs that gave up (tries used up, or an error no retry can fix). */
  failed: z.int(),
  /** Runs whose last try failed and that will be tried again. */
  retrying: z.int(),
  /** The newest run that gave up, or else the newest one retrying; null when none failed. */
  lastError: z
    .object({
      job: z.string(),
      error: z.string(),
      /** When it gave up (null while it will still be retried). */
      failedAt: z.date().nullable(),
      willRetry: z.boolean(),
    })
    .nullable(),
});
export type EventJobsView = z.infer<typeof ZEventJobsView>;
