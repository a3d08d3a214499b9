// npm test: everything CI runs — typecheck, unit and integration tests (Vitest, real
// PostgreSQL), then the browser tests (Playwright). One database server serves all of them:
// DATABASE_URL's when set, otherwise an embedded PostgreSQL started here.
import { startDatabase } from "./lib/database";
import { bin, run } from "./lib/processes";

const server = await startDatabase("postgres");
const env = { ...process.env, DATABASE_URL: server.url };

const steps: Array<[string, string[]]> = [
  ["typecheck", [bin("tsc"), "--noEmit"]],
  ["unit and integration", [bin("vitest"), "run"]],
  ["end to end", [bin("tsx"), "scripts/e2e.ts"]],
];

let failed: string | undefined;
for (const [name, [command, ...args]] of steps) {
  console.log(`\n=== ${name} ===`);
  if ((await run(command!, args, { env })) !== 0) {
    failed = name;
    break;
  }
}
await server.stop();
if (failed) {
  console.error(`\n${failed} failed`);
  process.exit(1);
}
console.log("\nAll tests passed.");
