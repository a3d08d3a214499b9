import { afterAll } from "vitest";
import { createDb, type Db } from "../db/client";

/** A Prisma client on this worker's database, disconnected after the file's tests. */
export function useTestDb(): Db {
  const db = createDb(process.env.DATABASE_URL!, { max: 20 });
  afterAll(() => db.$disconnect());
  return db;
}
