// The production server under test: `next build`, then `next start` without its in-process
// worker (BACKGROUND_JOBS=off) and the background worker as a process of its own
// (scripts/worker.ts), as production runs them: the jobs a sale causes (each order's tickets
// mail: QR codes and react-email, 60-100 ms of CPU) never run on the server's event loop. On
// this one machine the worker still shares the cores, so it runs at a lower priority
// (BENCH_WORKER_NICE, default 10: it gets the CPU the server leaves, as a worker on its own
// machine would not take the server's; 0 puts it on equal terms). Their output goes to log
// files so the bench's table stays readable; a log's tail is printed if the server dies.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bin, run, stop, waitForHttp } from "../lib/processes";

export interface RunningServer {
  baseUrl: string;
  authSecret: string;
  process: ChildProcess;
  worker: ChildProcess;
  logFile: string;
}

export const WORKER_NICE = Number(process.env.BENCH_WORKER_NICE ?? 10);

/** The Node.js the server and the worker run on: BENCH_NODE's path, or the one running the bench. */
export const SERVER_NODE = process.env.BENCH_NODE || process.execPath;

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

const ROOT = path.resolve(import.meta.dirname, "../..");

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
  const env = serverEnv(databaseUrl, baseUrl, authSecret, smtpUrl);
  const child = spawn(SERVER_NODE, args, { stdio: ["ignore", log, log], env: { ...env, BACKGROUND_JOBS: "off" } });
  const workerLogFile = path.join(logDir, "worker.log");
  const workerLog = openSync(workerLogFile, "w");
  // node with tsx's loader in this one process, so stopping it stops the worker itself.
  const worker = spawn(SERVER_NODE, ["--import", "tsx", path.join(ROOT, "scripts", "worker.ts")], {
    cwd: ROOT,
    stdio: ["ignore", workerLog, workerLog],
    // In production, as `next start` runs the server (without it React renders the mails in its development build).
    env: { ...env, NODE_ENV: "production" },
  });
  if (worker.pid) os.setPriority(worker.pid, WORKER_NICE);
  try {
    await waitForHttp(`${baseUrl}/api/health`, 60_000, child);
    // A production worker has long started; this one starts at nice 10 beside the server, and
    // its start (loading and compiling its modules) must not fall into the first measurement.
    await waitForLine(workerLogFile, WORKER_STARTED, 120_000, worker);
  } catch (error) {
    await stop(child);
    await stop(worker);
    throw new Error(`${(error as Error).message}\n--- ${logFile} ---\n${readFileSync(logFile, "utf8").slice(-4000)}`, { cause: error });
  }
  return { baseUrl, authSecret, process: child, worker, logFile };
}

/** The worker's first line once its loop runs (server/domain/jobs/worker.ts). */
const WORKER_STARTED = "[jobs] running background jobs";

async function waitForLine(file: string, line: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!readFileSync(file, "utf8").includes(line)) {
    if (child.exitCode !== null) throw new Error(`the worker exited with code ${child.exitCode}:\n${readFileSync(file, "utf8").slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`the worker did not start within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function stopServer(server: RunningServer): Promise<void> {
  // SIGTERM lets node write its CPU profile; give it time to.
  await stop(server.process, 30_000);
  await stop(server.worker);
}
