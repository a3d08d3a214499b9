import "server-only";
import { db } from "./db";
import type { Db } from "./db/client";
import { ping } from "./db/sql/health";
import { query } from "./db/sql/statement";
import { AppError } from "./errors";
import { problemResponse } from "./rest/problem";

const TIMEOUT_MS = 3_000;

/** 200 when the database answers within a few seconds, else 503 saying why. */
export async function checkHealth(database: Db = db): Promise<Response> {
  const started = Date.now();
  // Cleared once the database has answered: a load balancer polling this route must not leave a
  // timer (and, 3 s later, an Error with its stack) behind every check.
  let timer: NodeJS.Timeout | undefined;
  const noAnswer = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([query(database, ping()), noAnswer]);
    return Response.json({ status: "ok", database: { status: "up", latencyMs: Date.now() - started } }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    // Prisma puts a blank line before the driver's own words: keep the last line that says something.
    const message = error instanceof Error ? error.message : String(error);
    const reason =
      message
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .at(-1) ?? "unknown error";
    return problemResponse(new AppError("UNAVAILABLE", `Database unreachable: ${reason}`), {
      headers: { "cache-control": "no-store", "retry-after": "5" },
    });
  } finally {
    clearTimeout(timer);
  }
}
