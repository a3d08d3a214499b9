// The health check's round trip (server/health.ts).
import { Prisma } from "../../generated/prisma/client";
import { statement } from "./statement";

/** Answers at once when the database is reachable. */
export function ping() {
  return statement<{ up: number }>(Prisma.sql`SELECT 1 AS up`);
}
