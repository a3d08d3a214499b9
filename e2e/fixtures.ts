import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";

const SCREENSHOT_DIR = fileURLToPath(new URL("./screenshots/", import.meta.url));

type Fixtures = {
  /** Saves a full-page screenshot as e2e/screenshots/<project>-<name>.png. */
  capture: (name: string) => Promise<void>;
  /** Signs in through /sign-in as the demo user with that display name. */
  signInAs: (name: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  capture: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      const file = `${SCREENSHOT_DIR}${testInfo.project.name}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
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

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export { expect };
