import "server-only";
import { createDb, type Db } from "./client";

// One client per server process; kept on globalThis so Next's dev reloads reuse it.
const globalForDb = globalThis as unknown as { marqueeDb?: Db };

// DATABASE_URL is validated when the server starts (instrumentation.ts). Read raw here so
// that `next build`, which loads this module, needs no runtime configuration; the pool
// connects on the first query.
export const db: Db = globalForDb.marqueeDb ?? createDb(process.env.DATABASE_URL ?? "");
if (process.env.NODE_ENV !== "production") globalForDb.marqueeDb = db;

export type { Db } from "./client";
