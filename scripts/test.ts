// npm test: everything CI runs — lint, typecheck, unit and integration tests (Vitest, real
// PostgreSQL), then the browser tests (Playwright). One database server serves all of them:
// DATABASE_URL's when set, otherwise the checkout's embedded PostgreSQL.
//
// Every step runs even when one before it failed, so a run tells all it can. The last line is
// `N passed, N failed` (`, N skipped` when any were): the totals of Vitest and Playwright, read
// from their own JSON reports, never from their coloured text. Any failure exits non-zero.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { startDatabase } from "./lib/database";
import { bin, run } from "./lib/processes";

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

interface Counted extends Totals {
  /** `file › title: first line of the error` of each failed test, so a log's tail names them. */
  failures: string[];
}

const firstLine = (message: string | undefined) =>
  stripVTControlCharacters(message ?? "")
    .split("\n")
    .find((line) => line.trim())
    ?.trim()
    .slice(0, 300) ?? "";

/** Vitest's JSON report (the Jest-compatible shape). */
function vitestTotals(file: string): Counted {
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: Array<{
      name: string;
      message?: string;
      status: string;
      assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
    }>;
  };
  const failures = report.testResults.flatMap((suite) => {
    const where = path.relative(process.cwd(), suite.name);
    const tests = suite.assertionResults.filter((t) => t.status === "failed");
    // A file that failed outside any test (its setup, an import) has no failed test to name.
    if (tests.length === 0 && suite.status === "failed") return [`${where}: ${firstLine(suite.message)}`];
    return tests.map((t) => `${where} › ${t.fullName}: ${firstLine(t.failureMessages[0])}`);
  });
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    failures,
  };
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: Array<{
    title: string;
    file: string;
    tests: Array<{ projectName: string; status: string; results: Array<{ error?: { message?: string } }> }>;
  }>;
}

/** Playwright's JSON report: a flaky test failed, then passed on its retry. */
function playwrightTotals(file: string): Counted {
  const { stats, suites } = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites: PlaywrightSuite[];
  };
  const failures: string[] = [];
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "unexpected") continue;
        failures.push(`e2e/${spec.file} › [${test.projectName}] ${spec.title}: ${firstLine(test.results.at(-1)?.error?.message)}`);
      }
    }
    suite.suites?.forEach(visit);
  };
  suites.forEach(visit);
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped, failures };
}

const reports = mkdtempSync(path.join(tmpdir(), "marquee-test-reports-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

const server = await startDatabase("postgres");
const env = { ...process.env, DATABASE_URL: server.url, E2E_JSON_REPORT: playwrightReport };

const steps: Array<{ name: string; command: string[]; totals?: () => Counted }> = [
  { name: "lint", command: ["npm", "run", "--silent", "lint"] },
  { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
  {
    name: "unit and integration",
    command: [bin("vitest"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    totals: () => vitestTotals(vitestReport),
  },
  { name: "end to end", command: [bin("tsx"), "scripts/e2e.ts"], totals: () => playwrightTotals(playwrightReport) },
];

const sum: Totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];
const failedTests: string[] = [];
for (const { name, command, totals } of steps) {
  console.log(`\n=== ${name} ===`);
  const [executable, ...args] = command;
  const code = await run(executable!, args, { env });
  if (code !== 0) failedSteps.push(name);
  if (!totals) continue;
  try {
    const counted = totals();
    sum.passed += counted.passed;
    sum.failed += counted.failed;
    sum.skipped += counted.skipped;
    failedTests.push(...counted.failures);
  } catch {
    // The runner died before reporting (a crashed setup, a build that failed): one failure
    // stands for its tests, so the totals never read as green.
    console.error(`${name}: no report was written`);
    sum.failed += 1;
  }
}
await server.stop();
rmSync(reports, { recursive: true, force: true });

if (failedTests.length > 0) console.error(`\nFailed tests:\n${failedTests.map((t) => `  ${t}`).join("\n")}`);
if (failedSteps.length > 0) console.error(`\nFailed: ${failedSteps.join(", ")}`);
console.log(`\n${sum.passed} passed, ${sum.failed} failed${sum.skipped > 0 ? `, ${sum.skipped} skipped` : ""}`);
process.exit(failedSteps.length > 0 || sum.failed > 0 ? 1 : 0);
