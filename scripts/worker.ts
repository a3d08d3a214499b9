// npm run worker: the background worker on its own, outside the Next server (a second
// machine, or more throughput). The same loop the server runs: in-process jobs when no Inngest
// is configured, the outbox relay to Inngest when it is. Needs DATABASE_URL.
//   npm run worker              runs until SIGINT/SIGTERM, then finishes its round and exits 0
//   npm run worker -- --drain   processes everything pending (in-process), then exits
import { createDb } from "../server/db/client";
import { drainJobs } from "../server/domain/jobs/runner";
import { startWorkerFromEnv, workerPoolSize } from "../server/domain/jobs/start";
import { exitOnInvalidEnv, env, inngestMode } from "../server/env";

exitOnInvalidEnv();

if (process.argv.includes("--drain")) {
  if (inngestMode() !== "in-process") {
    console.error("--drain runs jobs in-process; unset INNGEST_DEV and the Inngest keys first");
    process.exit(2);
  }
  const db = createDb(env().DATABASE_URL, { max: workerPoolSize() });
  await drainJobs(db, { timeoutMs: 10 * 60_000 });
  await db.$disconnect();
  console.log("[jobs] nothing left to do");
  process.exit(0);
}

const worker = startWorkerFromEnv();
let stopping = false;
async function stopOn(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`[jobs] ${signal}: finishing the current round`);
  await worker.stop();
  process.exit(0);
}
// Listeners ignore a returned promise: `void` says so; a failed stop still surfaces as an unhandled rejection.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopOn(signal));
