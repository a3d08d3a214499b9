// Errors of statements run on node-postgres directly (sql/statement.ts queryPrepared): the
// driver's own error class, with PostgreSQL's SQLSTATE and the constraint that refused a row.
// And the one Prisma error that is a moment's overload rather than a fault.
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
export { DatabaseError } from "pg";

/** SQLSTATE 23505: a unique index refused the row. */
export const UNIQUE_VIOLATION = "23505";

/**
 * Every pooled connection stayed busy: Prisma could not start a transaction within maxWait
 * (P2028), or node-postgres's pool found no connection within connectionTimeoutMillis (its
 * error has no code; the message is pg-pool's own).
 */
function isPoolExhausted(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2028";
  return error instanceof Error && error.message === "timeout exceeded when trying to connect";
}

/**
 * A statement that could not run because the pool was busy, as UNAVAILABLE (503 with
 * `Retry-After`): the caller (a buyer's page, Shopify's redelivery) tries again in a moment
 * instead of seeing a 500. Any other error is returned as it is.
 */
export function busyAsUnavailable(error: unknown, message: string): unknown {
  return isPoolExhausted(error) ? new AppError("UNAVAILABLE", message, { retryAfterSeconds: 2 }) : error;
}
