// Test databases: one template migrated per run, and one copy of it per Vitest worker, so
// every worker starts from a freshly migrated database and never sees another's rows.
import pg from "pg";
import { withDatabaseName } from "../../scripts/lib/database";

/**
 * A test database's name, prefixed with the run's own database (DATABASE_URL's, or the
 * embedded server's), so two checkouts testing against one server never drop each other's.
 */
export function testDatabaseName(serverUrl: string, suffix: string | number): string {
  const base = decodeURIComponent(new URL(serverUrl).pathname.slice(1)) || "marquee";
  return `${base}_test_${suffix}`;
}

export function templateDatabaseName(serverUrl: string): string {
  return testDatabaseName(serverUrl, "template");
}

export function workerDatabaseName(serverUrl: string, poolId: string | number): string {
  return testDatabaseName(serverUrl, poolId);
}

export async function dropDatabase(serverUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function recreateDatabase(serverUrl: string, name: string, template?: string) {
  await dropDatabase(serverUrl, name);
  const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
}
