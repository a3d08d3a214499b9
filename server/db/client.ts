// Builds a Prisma client over node-postgres (no engine binary). Tests and scripts create
// their own; the app uses the singleton in server/db/index.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  // A bounded connect timeout, so an unreachable database answers 503 instead of hanging.
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // Interactive transactions default to 5 s; an event with many posts needs more headroom.
  return new PrismaClient({ adapter, transactionOptions: { timeout: 15_000, maxWait: 5_000 } });
}
