import "server-only";
import { createDb, type Db } from "./client";

// One client per server process; kept on globalThis so Next's dev reloads reuse it.
const globalForDb = globalThis as unknown as { marqueeDb?: Db };

// DATABASE_URL is validated when the server starts (instrumentation.ts). Read raw here so
// that `next build`, which loads this module, needs no runtime configuration; the pool
// connects on the first query.
// 20 connections: the sale line (server/domain/orders/sale-queue.ts) uses up to 16 of them.
export const db: Db = globalForDb.marqueeDb ?? createDb(process.env.DATABASE_URL ?? "", { max: 20 });
if (process.env.NODE_ENV !== "production") globalForDb.marqueeDb = db;

export type { Db } from "./client";
