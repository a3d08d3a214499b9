// Errors of statements run on node-postgres directly (sql/statement.ts queryPrepared): the
// driver's own error class, with PostgreSQL's SQLSTATE and the constraint that refused a row.
export { DatabaseError } from "pg";

/** SQLSTATE 23505: a unique index refused the row. */
export const UNIQUE_VIOLATION = "23505";
