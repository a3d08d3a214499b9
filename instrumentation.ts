// Runs once when the Next.js server starts: a missing or invalid environment variable stops
// start-up here, with a message naming it, rather than failing inside the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, InvalidEnvironmentError } = await import("./server/env");
  try {
    env();
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    // Next only logs a failing hook and serves on; a misconfigured server must not.
    console.error(error.message);
    process.exit(1);
  }
}
