import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";

const SCREENSHOT_DIR = fileURLToPath(new URL("./screenshots/", import.meta.url));

type Fixtures = {
  /**
   * Saves a screenshot as e2e/screenshots/<project>-<name>.png: the whole of the test's page, or
   * of `page` (a page of a browser the test launched itself), or only the viewport (`fullPage:
   * false`, for what covers the screen, like a dialog).
   */
  capture: (name: string, options?: { page?: Page; fullPage?: boolean }) => Promise<void>;
  /** Signs in through /sign-in as the demo user with that display name. */
  signInAs: (name: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  capture: async ({ page }, use, testInfo) => {
    await use(async (name, { page: target = page, fullPage = true } = {}) => {
      const file = `${SCREENSHOT_DIR}${testInfo.project.name}-${name}.png`;
      await target.screenshot({ path: file, fullPage, animations: "disabled" });
    });
  },
  signInAs: async ({ page }, use) => {
    await use((name) => signInAs(page, name));
  },
});

export async function signInAs(page: Page, name: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: new RegExp(`^Continue as ${escapeRegExp(name)}\\b`) }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await expect(page.getByTestId("signed-in-user")).toHaveText(name);
}

/** Signs in through /sign-in's email form as any existing user (e.g. a curator made by apiKeyFor). */
export async function signInByEmail(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export { expect };
