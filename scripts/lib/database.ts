// Where the database comes from: DATABASE_URL when it is set, otherwise the checkout's own
// embedded PostgreSQL (scripts/lib/embedded-postgres.ts), whose data lives in the git-ignored
// .data/postgres and is reused on the next start. A newcomer needs no database at all.
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EMBEDDED_DIR = path.join(ROOT, ".data", "postgres");

export interface RunningDatabase {
  /** Connection URL of the app's database. */
  url: string;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

/** The same server, another database: `withDatabaseName(url, "marquee_test_1")`. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates the URL's database when the server is up but the database is not there yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Two processes creating it at once: the loser finds it there, which is what it wanted.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await admin.end();
  }
}

/** Resolves the database (starting the embedded one if needed) and makes sure it exists. */
export async function startDatabase(name = "marquee"): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await ensureDatabaseExists(url);
    return { url, stop: async () => {} };
  }
  const { url: serverUrl, stop } = await startEmbeddedPostgres(EMBEDDED_DIR, ROOT);
  const url = withDatabaseName(serverUrl, name);
  await ensureDatabaseExists(url);
  return { url, stop };
}

/** Runs `work` against the database, then stops the embedded server if it was started here. */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const database = await startDatabase();
  try {
    return await work(database.url);
  } finally {
    await database.stop();
  }
}
