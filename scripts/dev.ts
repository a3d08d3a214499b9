// npm run dev: the app with demo data at http://localhost:3000, on a bare machine too.
// Uses DATABASE_URL when set, otherwise an embedded PostgreSQL under .data/ (reused next time);
// applies pending migrations, seeds the demo data once, then runs `next dev`.
import { spawn } from "node:child_process";
import { createDb } from "../server/db/client";
import { parseEnv } from "../server/env";
import { seedDemoData } from "../prisma/seed";
import { startDatabase } from "./lib/database";
import { bin, stop } from "./lib/processes";
import { applyMigrations } from "./lib/schema-engine";

const database = await startDatabase("marquee");
// Telemetry would try to reach the internet on every start; nothing of ours needs it.
const port = process.env.PORT ?? "3000";
// Links the app writes (sign-in mails, checkout, order pages) point at this server unless APP_URL says otherwise.
// Partner webhooks may go to a receiver on this laptop (http://localhost:...).
const childEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL: `http://localhost:${port}`,
  WEBHOOKS_ALLOW_PRIVATE_URLS: "1",
  ...process.env,
  DATABASE_URL: database.url,
};
try {
  parseEnv(childEnv); // a missing or malformed variable stops here, named
  const applied = await applyMigrations(database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const db = createDb(database.url, { max: 1 });
  const { created } = await seedDemoData(db);
  await db.$disconnect();
  if (created) console.log("Seeded demo data: sign in as one of the demo users at /sign-in.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await database.stop();
  process.exit(1);
}

const next = spawn(bin("next"), ["dev", "--port", port, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: childEnv,
});
const shutdown = async () => {
  await stop(next);
  await database.stop();
  process.exit(0);
};
// Listeners ignore a returned promise: `void` says so; a failed stop still surfaces as an unhandled rejection.
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
next.on("exit", (code) => {
  void database.stop().then(() => process.exit(code ?? 0));
});
