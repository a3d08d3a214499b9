// The bench's two fresh databases on one PostgreSQL server: `marquee_bench`, which the
// production server runs on, and its twin `marquee_bench_raw`, where the raw baselines run
// (BENCH_DATABASE names them otherwise: two benches on one server must not share them).
// Both get the same migrations, demo seed and prepared data; the twin keeps the baselines'
// rows (and their outbox messages) away from the server's background worker, which would
// otherwise pick them up and do work in the middle of a measurement.
import pg from "pg";
import { seedDemoData } from "../../prisma/seed";
import { createDb, type Db } from "../../server/db/client";
import { recreateDatabase } from "../../server/testing/databases";
import { withDatabaseName } from "../lib/database";
import { applyMigrations } from "../lib/schema-engine";

/** BENCH_DATABASE names them otherwise (two benches on one server must not share databases). */
export const MARQUEE_DATABASE = process.env.BENCH_DATABASE ?? "marquee_bench";
export const RAW_DATABASE = `${MARQUEE_DATABASE}_raw`;

/** A demo user as the prepared data needs it. */
export interface BenchUser {
  id: string;
  name: string;
  email: string;
}

export interface BenchDatabase {
  url: string;
  /** Domain services and factories prepare data through this client. */
  db: Db;
  /** Bulk SQL (10,000 posts, 100,000 events) goes through this one. */
  sql: pg.Client;
  curator: BenchUser & { merchantId: string; currency: string };
  staff: BenchUser;
  promoter: BenchUser;
}

async function demoUser(db: Db, email: string): Promise<BenchUser> {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true } });
}

/** Drops and recreates the database, migrates it, seeds the demo users and opens clients. */
export async function freshDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const url = withDatabaseName(serverUrl, name);
  await recreateDatabase(serverUrl, name);
  await applyMigrations(url);
  const db = createDb(url, { max: 4 });
  await seedDemoData(db);
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const curator = await db.user.findUniqueOrThrow({
    where: { email: "curator@marquee.test" },
    select: { id: true, name: true, email: true, merchant: { select: { id: true, currency: true } } },
  });
  return {
    url,
    db,
    sql,
    curator: { id: curator.id, name: curator.name, email: curator.email, merchantId: curator.merchant!.id, currency: curator.merchant!.currency },
    staff: await demoUser(db, "staff@marquee.test"),
    promoter: await demoUser(db, "promoter@marquee.test"),
  };
}

export async function closeDatabase(database: BenchDatabase): Promise<void> {
  await database.sql.end();
  await database.db.$disconnect();
}

/** Fresh statistics after bulk loads, so both databases plan with what they now hold. */
export async function analyze(database: BenchDatabase): Promise<void> {
  await database.sql.query("VACUUM ANALYZE");
}

/**
 * Waits until the server's background worker has no pending outbox message or due job run,
 * so that one measurement's jobs (e.g. a Shopify push per created event) do not run during
 * the next. Answers how long that took.
 */
export async function jobsDrained(database: BenchDatabase, timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await database.sql.query<{ pending: number }>(
      `SELECT (SELECT count(*) FROM "OutboxMessage" WHERE status = 'PENDING')::int
            + (SELECT count(*) FROM "JobRun" WHERE status = 'PENDING' AND available_at <= now())::int AS pending`,
    );
    if (rows[0]!.pending === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`the background worker still has ${rows[0]!.pending} messages and job runs pending after ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
