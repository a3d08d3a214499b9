// A raw statement together with the type of its rows (why this folder: README.md).
import { createHash } from "node:crypto";
import type pg from "pg";
import { directAccess, type Db } from "../client";
import { Prisma } from "../../generated/prisma/client";

/** SQL whose rows look like `Row` (`never`: it answers none). */
export type Statement<Row> = Prisma.Sql & { readonly rowType?: Row };

/** Declares the rows a statement answers; the declaration sits next to the SQL text. */
export function statement<Row = never>(sql: Prisma.Sql): Statement<Row> {
  return sql;
}

/** A statement of a hot path, run by `queryPrepared`. */
export type PreparedStatement<Row> = Statement<Row> & { readonly prepared: true };

/**
 * Like `statement`, for a hot path (the door's scan, API key authentication). Its text must not
 * vary with data: values are parameters, and each variant of the text is a statement of its
 * own, prepared once per database connection (see queryPrepared).
 */
export function preparedStatement<Row = never>(sql: Prisma.Sql): PreparedStatement<Row> {
  return Object.assign(sql, { prepared: true as const });
}

/** Each prepared text's statement name, computed once per process. */
const statementNames = new Map<string, string>();

/**
 * Runs a prepared statement as a named statement on the prepared statements' own
 * node-postgres pool (server/db/client.ts), outside Prisma's query engine: each connection
 * parses it once and then runs its one generic plan. Measured on the door's scan: Prisma's own
 * work per raw query (serializing parameters and rows) cost about 400 µs of CPU, more than
 * node-postgres's whole call. Rows come as node-postgres parses them: timestamps as Date, json
 * parsed, bigint and numeric as strings. Never inside a transaction: the statement commits on its own.
 */
export async function queryPrepared<Row>(db: Db, sql: PreparedStatement<Row>): Promise<Row[]> {
  const { pool, onQuery } = directAccess(db);
  const text = sql.text;
  let name = statementNames.get(text);
  if (!name) {
    name = `marquee_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  const started = Date.now();
  const result = await pool.query<Row & pg.QueryResultRow>({ name, text, values: sql.values });
  onQuery?.({
    timestamp: new Date(started),
    query: text,
    params: JSON.stringify(sql.values),
    duration: Date.now() - started,
    target: "node-postgres",
  });
  return result.rows;
}

/** Runs a statement and answers its rows. */
export function query<Row>(db: Pick<Prisma.TransactionClient, "$queryRaw">, sql: Statement<Row>): Promise<Row[]> {
  return db.$queryRaw<Row[]>(sql);
}

/** Runs a statement that answers no rows; answers how many rows it wrote. */
export function execute(db: Pick<Prisma.TransactionClient, "$executeRaw">, sql: Statement<never>): Promise<number> {
  return db.$executeRaw(sql);
}
