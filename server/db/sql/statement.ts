// A raw statement together with the type of its rows (why this folder: README.md).
import { Prisma } from "../../generated/prisma/client";

/** SQL whose rows look like `Row` (`never`: it answers none). */
export type Statement<Row> = Prisma.Sql & { readonly rowType?: Row };

/** Declares the rows a statement answers; the declaration sits next to the SQL text. */
export function statement<Row = never>(sql: Prisma.Sql): Statement<Row> {
  return sql;
}

/** The mark of a prepared statement (read by the database client's statement names, server/db/client.ts). */
export const PREPARED_MARK = "/* prepared */";

/**
 * Like `statement`, for a hot path (the door's scan, API key authentication): the statement is
 * prepared once per database connection and then only executed, so PostgreSQL parses it once
 * and, after a few runs, keeps its plan instead of planning it again on every call (for the
 * scan's one statement, planning took longer than running it). Its text must not vary with
 * data: values are parameters, and each variant of the text is a statement of its own.
 */
export function preparedStatement<Row = never>(sql: Prisma.Sql): Statement<Row> {
  return Prisma.sql`${Prisma.raw(PREPARED_MARK)}${sql}`;
}

/** Runs a statement and answers its rows. */
export function query<Row>(db: Pick<Prisma.TransactionClient, "$queryRaw">, sql: Statement<Row>): Promise<Row[]> {
  return db.$queryRaw<Row[]>(sql);
}

/** Runs a statement that answers no rows; answers how many rows it wrote. */
export function execute(db: Pick<Prisma.TransactionClient, "$executeRaw">, sql: Statement<never>): Promise<number> {
  return db.$executeRaw(sql);
}
