// A raw statement together with the type of its rows (why this folder: README.md).
import { createHash } from "node:crypto";
import type pg from "pg";
import { directAccess, type Db, type DirectAccess } from "../client";
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

/** Runs `sql` as a named statement (parsed once per connection) on a pool or a connection of the direct pool. */
async function runNamed<Row>(on: pg.Pool | pg.PoolClient, access: DirectAccess, sql: Prisma.Sql): Promise<pg.QueryResult<Row & pg.QueryResultRow>> {
  const text = sql.text;
  let name = statementNames.get(text);
  if (!name) {
    name = `marquee_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  const started = Date.now();
  const result = await on.query<Row & pg.QueryResultRow>({ name, text, values: sql.values });
  access.onQuery?.({
    timestamp: new Date(started),
    query: text,
    params: JSON.stringify(sql.values),
    duration: Date.now() - started,
    target: "node-postgres",
  });
  return result;
}

/**
 * Runs a prepared statement as a named statement on the prepared statements' own
 * node-postgres pool (server/db/client.ts), outside Prisma's query engine: each connection
 * parses it once and then runs its one generic plan. Measured on the door's scan: Prisma's own
 * work per raw query (serializing parameters and rows) cost about 400 µs of CPU, more than
 * node-postgres's whole call. Rows come as node-postgres parses them: timestamps as Date, json
 * parsed, bigint and numeric as strings. Never inside a transaction: the statement commits on its own.
 */
export async function queryPrepared<Row>(db: Db, sql: PreparedStatement<Row>): Promise<Row[]> {
  const access = directAccess(db);
  return (await runNamed<Row>(access.pool, access, sql)).rows;
}

/**
 * A transaction on the direct pool (see directTransaction): its statements run as named
 * statements, like queryPrepared's, so their text must not vary with data either.
 */
export class DirectTransaction {
  constructor(
    private readonly connection: pg.PoolClient,
    private readonly access: DirectAccess,
  ) {}

  run<Row>(sql: Prisma.Sql): Promise<pg.QueryResult<Row & pg.QueryResultRow>> {
    return runNamed<Row>(this.connection, this.access, sql);
  }
}

/**
 * Runs `work` in one transaction on the prepared statements' pool, outside Prisma: committed
 * when it returns, rolled back when it throws. For the flash sale's batch of orders, whose
 * dozen statements with their JSON rows cost more CPU in Prisma's client than in PostgreSQL.
 * The pool's connect timeout (5 s) applies as Prisma's maxWait does.
 */
export async function directTransaction<T>(db: Db, work: (tx: DirectTransaction) => Promise<T>): Promise<T> {
  const access = directAccess(db);
  const connection = await access.pool.connect();
  // A connection whose ROLLBACK failed is in an unknown state: destroyed, not returned to the pool.
  let broken: Error | undefined;
  try {
    await connection.query("BEGIN");
    const result = await work(new DirectTransaction(connection, access));
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch((failure: unknown) => {
      broken = failure instanceof Error ? failure : new Error(String(failure));
    });
    throw error;
  } finally {
    connection.release(broken);
  }
}

/** Where a statement runs: Prisma's client or one of its transactions, or a direct transaction. */
export type SqlTx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw"> | DirectTransaction;

/** Runs a statement and answers its rows. */
export async function query<Row>(db: Pick<Prisma.TransactionClient, "$queryRaw"> | DirectTransaction, sql: Statement<Row>): Promise<Row[]> {
  if (db instanceof DirectTransaction) return (await db.run<Row>(sql)).rows;
  return db.$queryRaw<Row[]>(sql);
}

/** Runs a statement that answers no rows; answers how many rows it wrote. */
export async function execute(db: Pick<Prisma.TransactionClient, "$executeRaw"> | DirectTransaction, sql: Statement<never>): Promise<number> {
  if (db instanceof DirectTransaction) return (await db.run(sql)).rowCount ?? 0;
  return db.$executeRaw(sql);
}
