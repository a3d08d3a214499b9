// Test databases: one template migrated per run, and one copy of it per Vitest worker, so
// every worker starts from a freshly migrated database and never sees another's rows.
import pg from "pg";
import { withDatabaseName } from "../../scripts/lib/database";

export const TEMPLATE_DATABASE = "marquee_test_template";

export function workerDatabaseName(poolId: string | number): string {
  return `marquee_test_${poolId}`;
}

export async function recreateDatabase(serverUrl: string, name: string, template?: string) {
  const admin = new pg.Client({ connectionString: withDatabaseName(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
}
