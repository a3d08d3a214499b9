// Builds a Prisma client over node-postgres (no engine binary). Tests and scripts create
// their own; the app uses the singleton in server/db/index.ts.
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client";
import { PREPARED_MARK } from "./sql/statement";

export type Db = PrismaClient;
/** An interactive transaction: services that write inside a caller's transaction take one. */
export type Tx = Prisma.TransactionClient;

export interface DbOptions {
  max?: number;
  /** Called for every statement the client sends (the benchmark counts a job's queries). */
  onQuery?: (event: Prisma.QueryEvent) => void;
}

export function createDb(connectionString: string, options: DbOptions = {}): Db {
  // A bounded connect timeout, so an unreachable database answers 503 instead of hanging.
  const adapter = new PrismaPg(
    {
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
    },
    // Statements marked prepared (sql/statement.ts) get a name from their text, so each
    // connection prepares them once; everything else stays unnamed (parsed per call).
    {
      statementNameGenerator: ({ sql }) =>
        sql.startsWith(PREPARED_MARK) ? `marquee_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}` : "",
    },
  );
  // Interactive transactions default to 5 s; an event with many posts needs more headroom.
  const transactionOptions = { timeout: 15_000, maxWait: 5_000 };
  if (!options.onQuery) return new PrismaClient({ adapter, transactionOptions });
  const client = new PrismaClient({ adapter, transactionOptions, log: [{ emit: "event", level: "query" }] });
  client.$on("query", options.onQuery);
  return client;
}
