// The production server under test: `next build`, then `next start` with the in-process
// background worker (the default), as scripts/e2e.ts runs it. Its output goes to a log file
// so the bench's table stays readable; the log's tail is printed if the server dies.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { bin, run, stop, waitForHttp } from "../lib/processes";

export interface RunningServer {
  baseUrl: string;
  authSecret: string;
  process: ChildProcess;
  logFile: string;
}

function serverEnv(databaseUrl: string, baseUrl: string, authSecret: string, smtpUrl: string): NodeJS.ProcessEnv {
  return {
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    APP_URL: baseUrl,
    // Production sends mail only through SMTP_URL (the tickets of every sale): a local SMTP sink.
    SMTP_URL: smtpUrl,
  };
}

export async function buildApp(): Promise<void> {
  // The build script: `next build`, then the door's service worker (scripts/build-door-worker.ts).
  const code = await run("npm", ["run", "build"], { env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env } });
  if (code !== 0) throw new Error("the build failed");
}

/**
 * Starts `next start` on the port. `profileDir`: the server writes V8 CPU profiles there
 * when it exits (node --cpu-prof), to see where a missed target's time goes.
 */
export async function startServer({
  databaseUrl,
  port,
  logDir,
  profileDir,
  smtpUrl,
}: {
  databaseUrl: string;
  smtpUrl: string;
  port: number;
  logDir: string;
  profileDir?: string;
}): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const authSecret = randomBytes(32).toString("base64url");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "server.log");
  const log = openSync(logFile, "w");
  const start = [bin("next"), "start", "--port", String(port), "--hostname", "127.0.0.1"];
  // Node refuses --cpu-prof in NODE_OPTIONS; `next start` serves from this one process.
  const args = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...start] : start;
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", log, log],
    env: serverEnv(databaseUrl, baseUrl, authSecret, smtpUrl),
  });
  try {
    await waitForHttp(`${baseUrl}/api/health`, 60_000, child);
  } catch (error) {
    await stop(child);
    throw new Error(`${(error as Error).message}\n--- ${logFile} ---\n${readFileSync(logFile, "utf8").slice(-4000)}`, { cause: error });
  }
  return { baseUrl, authSecret, process: child, logFile };
}

export async function stopServer(server: RunningServer): Promise<void> {
  // SIGTERM lets node write its CPU profile; give it time to.
  await stop(server.process, 30_000);
}
