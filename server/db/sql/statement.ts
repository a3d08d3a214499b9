// A raw statement together with the type of its rows (why this folder: README.md).
import type { Prisma } from "../../generated/prisma/client";

/** SQL whose rows look like `Row` (`never`: it answers none). */
export type Statement<Row> = Prisma.Sql & { readonly rowType?: Row };

/** Declares the rows a statement answers; the declaration sits next to the SQL text. */
export function statement<Row = never>(sql: Prisma.Sql): Statement<Row> {
  return sql;
}

/** Runs a statement and answers its rows. */
export function query<Row>(db: Pick<Prisma.TransactionClient, "$queryRaw">, sql: Statement<Row>): Promise<Row[]> {
  return db.$queryRaw<Row[]>(sql);
}

/** Runs a statement that answers no rows; answers how many rows it wrote. */
export function execute(db: Pick<Prisma.TransactionClient, "$executeRaw">, sql: Statement<never>): Promise<number> {
  return db.$executeRaw(sql);
}
