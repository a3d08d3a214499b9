import path from "node:path";
import { defineConfig } from "vitest/config";

export const TEST_WORKERS = 2; // the machines have two cores

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "server/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    globalSetup: ["server/testing/global-setup.ts"],
    setupFiles: ["server/testing/worker-database.ts"],
    pool: "forks",
    // next-auth imports `next/server` without an extension, which Node's ESM loader refuses.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    maxWorkers: TEST_WORKERS,
    testTimeout: 30_000,
    // As Playwright does (playwright.config.ts): under CI a failed test runs once more, so one
    // slow moment of a shared machine does not hold back a landing; a real fault fails twice.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 120_000,
  },
});
