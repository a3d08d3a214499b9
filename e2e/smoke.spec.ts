import { expect, test } from "./fixtures";

test("a curator signs in with one click and sees their upcoming events", async ({ page, capture }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "One stage for every event." })).toBeVisible();
  await capture("home-signed-out");

  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await capture("sign-in");

  await page.getByRole("button", { name: /^Continue as Camille Curator\b/ }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("Camille Curator");
  await expect(page.getByRole("banner").getByText("Curator", { exact: true })).toBeVisible();

  await expect(page.getByRole("heading", { level: 1, name: "Upcoming events" })).toBeVisible();
  const cards = page.getByTestId("event-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(1);
  await expect(cards.first().getByRole("heading", { level: 3 })).not.toBeEmpty();
  await capture("home-curator");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "One stage for every event." })).toBeVisible();
});
