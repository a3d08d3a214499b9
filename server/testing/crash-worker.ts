// A background worker for the crash test (server/domain/jobs/crash.integration.test.ts): the
// real in-process worker, with a short lease (so a killed worker's runs are taken over soon),
// fast retries, and a line on stdout as each run's handler starts, so the test can kill it
// mid-run. Each handler pauses a little before and after its work to widen those windows.
//   DATABASE_URL   the test's database        LEASE_MS  the claim's lease (default 800)
//   FAULT          "ack-before-work": the broken runner of the negative control
import { createDb } from "../db/client";
import { isScheduled, JOBS, type Job } from "../domain/jobs/definitions";
import { workerPoolSize } from "../domain/jobs/start";
import { ackBeforeWork } from "../domain/jobs/testing/ack-before-work";
import { startBackgroundWorker } from "../domain/jobs/worker";

const PAUSE_MS = 25;
const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

const db = createDb(process.env.DATABASE_URL!, { max: workerPoolSize(4) });
const jobs: Job[] = JOBS.filter((job) => !isScheduled(job)).map((job) => ({
  ...job,
  handler: async (handlerDb: Parameters<typeof job.handler>[0], payload: never, context: { messageId: string }) => {
    await pause();
    const result = await job.handler(handlerDb, payload, context);
    await pause();
    return result;
  },
})) as Job[];
const announceStart = (run: { job: string; id: string }) => console.log(`start ${run.job} ${run.id}`);
const broken = process.env.FAULT === "ack-before-work" ? ackBeforeWork(db, jobs, announceStart) : null;

startBackgroundWorker({
  db,
  mode: "in-process",
  jobs: broken?.jobs ?? jobs,
  pollMs: 20,
  leaseMs: Number(process.env.LEASE_MS ?? 800),
  concurrency: 4,
  runOptions: {
    backoffMs: () => 50,
    onRunStart: broken?.onRunStart ?? announceStart,
  },
  log: { info: () => {}, error: (...args: unknown[]) => console.error(...args) },
});
console.log("ready");
