// Runs once when the Next.js server starts: a missing or invalid environment variable stops
// start-up here, with a message naming it, rather than failing inside the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidEnv } = await import("./server/env");
  exitOnInvalidEnv();
}
