// The run's database, for what no page or route does: moving a link's expiry into the past,
// as time going by would. scripts/e2e.ts passes its DATABASE_URL to Playwright.
import pg from "pg";

/** Runs one statement on the run's database. */
export async function executeSql(text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}
