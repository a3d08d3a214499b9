// Worker processes for the crash tests: a script run in ONE process (node with tsx's loader; the
// `tsx` command would run it in a child of its own, which a SIGKILL of the command leaves
// running), its stdout collected by line so a test can kill it at a chosen moment.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The test's environment for a worker on `databaseUrl`, in-process (no Inngest). */
export function workerEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, ...extra };
  for (const key of ["INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"]) delete env[key];
  return env;
}

export function startWorker(script: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess & { lines: string[]; errors: string[] } {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  const errors: string[] = []; // (a killed worker's are expected; the drain's must not happen)
  child.stderr.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
  return Object.assign(child, { lines, errors });
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
