// Builds a Prisma client over node-postgres (no engine binary). Tests and scripts create
// their own; the app uses the singleton in server/db/index.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client";

export type Db = PrismaClient;
/** An interactive transaction: services that write inside a caller's transaction take one. */
export type Tx = Prisma.TransactionClient;

export interface DbOptions {
  max?: number;
  /** Called for every statement the client sends (the benchmark counts a job's queries). */
  onQuery?: (event: Prisma.QueryEvent) => void;
}

/** What the hot paths' prepared statements (sql/statement.ts) run on: a pool of their own, and the client's `onQuery`. */
export interface DirectAccess {
  pool: pg.Pool;
  onQuery?: (event: Prisma.QueryEvent) => void;
}

/**
 * Kept on the client under a registered symbol, not in a map of this module: `next dev` reloads
 * modules but keeps the app's client (server/db/index.ts), and tests reload module graphs.
 */
const DIRECT_ACCESS = Symbol.for("marquee.db.directAccess");

export function directAccess(db: Db): DirectAccess {
  const access = (db as Db & { [DIRECT_ACCESS]?: DirectAccess })[DIRECT_ACCESS];
  if (!access) throw new Error("This database client was not made by createDb: it has no pool for prepared statements");
  return access;
}

export function createDb(connectionString: string, options: DbOptions = {}): Db {
  // A bounded connect timeout, so an unreachable database answers 503 instead of hanging.
  const connection = { connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5_000 };
  const adapter = new PrismaPg(connection);
  // The prepared statements' pool (connections open when first used): its sessions always run a
  // prepared statement's generic plan. By default PostgreSQL went on planning the door's scan
  // anew for every call, because the plan it makes for the values looks cheaper, and that
  // planning took 3.5 ms against 0.7 ms of running it. Prisma's own statements keep the default.
  const pool = new pg.Pool({ ...connection, options: "-c plan_cache_mode=force_generic_plan" });
  // Interactive transactions default to 5 s; an event with many posts needs more headroom.
  const transactionOptions = { timeout: 15_000, maxWait: 5_000 };
  const client = options.onQuery
    ? new PrismaClient({ adapter, transactionOptions, log: [{ emit: "event", level: "query" }] })
    : new PrismaClient({ adapter, transactionOptions });
  if (options.onQuery) (client as PrismaClient<"query">).$on("query", options.onQuery);
  // $disconnect closes both pools.
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = () => Promise.all([disconnect(), pool.end()]).then(() => undefined);
  Object.defineProperty(client, DIRECT_ACCESS, { value: { pool, onQuery: options.onQuery } satisfies DirectAccess });
  return client;
}
