// The buyer's side of the public post page and the pages after it, for specs that buy tickets.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** WCAG 2.1 A and AA: no violations on what the page shows now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Before a full-page screenshot: streaming done, back to the top. */
export async function settle(page: Page) {
  await expect(page.locator('[role="status"]').filter({ hasText: /^Loading/ })).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The buyer's name and email on the post page. */
export async function fillBuyer(page: Page, buyer: { firstName: string; lastName: string; email: string }) {
  await page.getByLabel("First name").fill(buyer.firstName);
  await page.getByLabel("Last name").fill(buyer.lastName);
  await page.getByLabel("Email", { exact: true }).fill(buyer.email);
}

/** A ticket type's row on the post page: price, availability and its picker. */
export function ticketRow(page: Page, name: string) {
  return page.getByTestId("ticket-price").filter({ has: page.getByText(name, { exact: true }) });
}
