import "server-only";
import { env } from "../env";
import { createDb, type Db } from "./client";

// One client per server process; kept on globalThis so Next's dev reloads reuse it.
const globalForDb = globalThis as unknown as { marqueeDb?: Db };

export const db: Db = globalForDb.marqueeDb ?? createDb(env().DATABASE_URL);
if (env().NODE_ENV !== "production") globalForDb.marqueeDb = db;

export type { Db } from "./client";
