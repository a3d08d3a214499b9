// npm run db:migrate: applies pending migrations (DATABASE_URL, or the embedded database).
import { withDatabase } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";

try {
  const applied = await withDatabase((url) => applyMigrations(url));
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
