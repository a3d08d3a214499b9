import { fileURLToPath } from "node:url";
import { test as base, expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { signInLinkMailedTo } from "./mail";

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

/**
 * Asks for a sign-in link on the sign-in page `page` is on, sees "Check your email", and
 * answers the link read from the mail the catcher received.
 */
export async function requestSignInLink(page: Page, email: string): Promise<{ link: string; mailId: string }> {
  await page.getByLabel("Your email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(email);
  return signInLinkMailedTo(email);
}

/**
 * Signs in a new account by the emailed link, from the sign-in page an invitation sent them to:
 * the welcome page asks only their name (the invitation gives the role).
 */
export async function signInInvitedNewcomer(page: Page, email: string, name: string) {
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  const { link } = await requestSignInLink(page, email);
  await page.goto(link);
  // A new account is asked its name only: the invitation gives its role.
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Marquee" })).toBeVisible();
  await expect(page.getByText("What do you do?")).toHaveCount(0);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** A page of a new browser context (no session) on the project's device: a second person. */
export async function devicePage(browser: Browser, testInfo: TestInfo, baseURL: string | undefined): Promise<Page> {
  const { viewport, deviceScaleFactor, isMobile, hasTouch } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor, isMobile, hasTouch });
  return context.newPage();
}

/** A wall time `days` ahead at `hour`:00, as a datetime-local input takes it. */
export function daysAhead(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00`;
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export { expect };
