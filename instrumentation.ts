// Runs once when the Next.js server starts: a missing or invalid environment variable stops
// start-up here, with a message naming it, rather than failing inside the first request.
// Then the background worker starts (server/domain/jobs): it runs the jobs in-process when no
// Inngest is configured, or relays the outbox to Inngest when it is. Not during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidEnv } = await import("./server/env");
  exitOnInvalidEnv();
  if (process.env.NEXT_PHASE === "phase-production-build" || process.env.BACKGROUND_JOBS === "off") return;
  // Dev reloads may register again: one worker per process.
  const state = globalThis as unknown as { marqueeWorker?: Promise<unknown> };
  state.marqueeWorker ??= import("./server/domain/jobs/start").then(({ startWorkerFromEnv }) => startWorkerFromEnv());
}
