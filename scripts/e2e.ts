// npm run test:e2e: builds the app, starts it on a freshly migrated and seeded database,
// and runs Playwright against it in the system Chromium. Arguments go to Playwright.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { createDb } from "../server/db/client";
import { dropDatabase, recreateDatabase } from "../server/testing/databases";
import { seedDemoData } from "../prisma/seed";
import { startMailCatcher } from "../server/domain/mail/catcher";
import { startDatabase, withDatabaseName } from "./lib/database";
import { bin, freePort, run, stop, waitForHttp } from "./lib/processes";
import { applyMigrations } from "./lib/schema-engine";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

// A free port unless E2E_PORT names one: two checkouts' runs on one machine never meet.
const port = process.env.E2E_PORT ?? String(await freePort());
const baseUrl = `http://127.0.0.1:${port}`;
const server = await startDatabase("postgres");
// Named after the run's database and port, so two runs on one server never share or drop each other's.
const databaseName = `${new URL(server.url).pathname.slice(1)}_e2e_${port}`;
const url = withDatabaseName(server.url, databaseName);
await recreateDatabase(server.url, databaseName);
await applyMigrations(url);
const db = createDb(url, { max: 1 });
await seedDemoData(db);
await db.$disconnect();

// `next start` is production, which sends mail only through SMTP_URL: the mail catcher runs here,
// in this process, and the app sends to it; its folder (MAIL_CATCHER_DIR) opens /dev/mail and
// is what e2e/mail.ts reads.
const mailDir = path.resolve(".data", `e2e-mail-${port}`);
await rm(mailDir, { recursive: true, force: true });
const catcher = await startMailCatcher({ dir: mailDir });

const env = {
  NEXT_TELEMETRY_DISABLED: "1",
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  // Production refuses to store Shopify tokens without a key; the specs connect test stores.
  SHOPIFY_TOKEN_KEY: process.env.SHOPIFY_TOKEN_KEY ?? randomBytes(32).toString("base64"),
  // The e2e run signs in as the demo users; production refuses that unless asked.
  DEV_SIGN_IN: "1",
  // Buyers pay through the built-in test checkout (no Stripe keys here); production hides it unless asked.
  TEST_CHECKOUT: "1",
  APP_URL: baseUrl,
  // The partner webhooks spec receives on 127.0.0.1 over http; production refuses that unless asked.
  WEBHOOKS_ALLOW_PRIVATE_URLS: "1",
  SMTP_URL: catcher.url,
  MAIL_CATCHER_DIR: mailDir,
  CHROMIUM_PATH: chromium,
  E2E_BASE_URL: baseUrl,
};

let code = 1;
try {
  if (!process.env.E2E_SKIP_BUILD) {
    code = await run("npm", ["run", "build"], { env });
    if (code !== 0) throw new Error("the build failed");
  }
  const app = spawn(bin("next"), ["start", "--port", port, "--hostname", "127.0.0.1"], { stdio: "inherit", env });
  try {
    await waitForHttp(`${baseUrl}/api/health`, 60_000, app);
    code = await run(bin("playwright"), ["test", ...process.argv.slice(2)], { env });
  } finally {
    await stop(app);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await dropDatabase(server.url, databaseName);
  await server.stop();
  await catcher.stop();
}
process.exit(code);
