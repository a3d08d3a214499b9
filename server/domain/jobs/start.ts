// Starting the background worker from the environment: in-process when no Inngest is
// configured, otherwise as the outbox relay to Inngest. Used by instrumentation.ts (inside the
// Next server) and scripts/worker.ts (on its own). With no SMTP_URL outside production, the
// embedded mail catcher starts with it, so the worker's mails have somewhere to go.
import { inngest } from "../../../inngest/client";
import { createDb } from "../../db/client";
import { env, inngestMode, usesMailCatcher } from "../../env";
import { CONNECTIONS_PER_RUN, DEFAULT_CONCURRENCY } from "./runner";
import { startBackgroundWorker, type BackgroundWorker, type WorkerOptions } from "./worker";

/** Connections a worker running `concurrency` jobs at once needs (and one for the relay). */
export function workerPoolSize(concurrency = DEFAULT_CONCURRENCY): number {
  return concurrency * CONNECTIONS_PER_RUN + 1;
}

export function startWorkerFromEnv(overrides: Partial<Omit<WorkerOptions, "db" | "mode" | "send">> = {}) {
  const e = env();
  const mode = inngestMode(e);
  if (usesMailCatcher(e)) {
    void import("../mail/catcher")
      .then(({ embeddedMailCatcher }) => embeddedMailCatcher())
      .catch((error) => console.error("[mail] the mail catcher did not start:", error));
  }
  // A pool of its own, so a burst of jobs never starves the requests of connections.
  const db = createDb(e.DATABASE_URL, { max: workerPoolSize(overrides.concurrency) });
  const worker: BackgroundWorker = startBackgroundWorker({
    ...overrides,
    db,
    mode,
    send: (events) => inngest.send(events),
    listenUrl: e.DATABASE_URL,
  });
  return {
    mode,
    async stop() {
      await worker.stop();
      await db.$disconnect();
    },
  };
}
