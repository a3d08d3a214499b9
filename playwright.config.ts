import { defineConfig } from "@playwright/test";

/** e2e/api/**: specs of the REST API (Playwright's `request`, no page). */
const API_SPECS = /[\\/]e2e[\\/]api[\\/].*\.spec\.ts$/;

// The server is not started here: scripts/e2e.ts builds the app, starts it on a fresh seeded
// database and passes its address in E2E_BASE_URL. `npx playwright install` needs the
// internet, so the system Chromium is used instead.
export default defineConfig({
  testDir: "e2e",
  // npm test reads the JSON report's totals (E2E_JSON_REPORT); people read the list.
  reporter: process.env.E2E_JSON_REPORT ? [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT }]] : "list",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    {
      name: "phone",
      testIgnore: API_SPECS,
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    {
      name: "desktop",
      testIgnore: API_SPECS,
      use: { viewport: { width: 1440, height: 900 } },
    },
    // REST routes over HTTP: no browser, no viewport, so they run once.
    { name: "api", testMatch: API_SPECS },
  ],
});
