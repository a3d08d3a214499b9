// Sign-in by emailed link, as a brand-new person does it: the link read from the mail catcher,
// the welcome question, then their events page (their first event, and what follows, is
// e2e/onboarding-to-door.spec.ts). A spent link, an expired one and a forged one sign nobody
// in. Screenshots of every step, the mail included, at phone and desktop size.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { executeSql } from "./database";
import { devicePage, expect, requestSignInLink, test } from "./fixtures";

const newAddress = (label: string, project: string) => `${label}-${project}-${randomUUID().slice(0, 8)}@example.test`;

/** Asks for a link on /sign-in and answers the link read from the mail the catcher received. */
async function askForLink(page: Page, email: string): Promise<{ link: string; mailId: string }> {
  await page.goto("/sign-in");
  return requestSignInLink(page, email);
}

async function expectSignedOut(page: Page) {
  await expect(page.getByRole("alert").filter({ hasText: "sign-in link" })).toHaveText(
    "That sign-in link has expired or was already used. Ask for a new one below.",
  );
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
}

test("a brand-new person signs in by link and says they organise events, once", async ({ page, browser, baseURL, capture }, testInfo) => {
  const email = newAddress("nova", testInfo.project.name);

  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await capture("auth-sign-in");

  const { link, mailId } = await askForLink(page, email);
  await capture("auth-check-email");

  // The mail as the catcher shows it (/dev/mail).
  await page.goto(`/dev/mail/${mailId}`);
  await expect(page.getByText("Your Marquee sign-in link").first()).toBeVisible();
  await capture("auth-mail-sign-in-link");

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Marquee" })).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue(email.split("@")[0]!);
  await capture("auth-welcome");

  await page.getByLabel("Your name").fill("Nova Reyes");
  await page.getByText("Organise events").click();
  await page.getByLabel("Ticket currency").selectOption("GBP");
  await capture("auth-welcome-organise");
  await page.getByRole("button", { name: "Continue" }).click();

  // Their events page, as a curator at once (the role changed without signing in again).
  await page.waitForURL(/\/events$/);
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveText("Nova Reyes");

  // Asked once: the welcome page now sends them on.
  await page.goto("/welcome");
  await page.waitForURL((url) => url.pathname === "/");

  // The link is spent: in another browser it signs nobody in.
  const stranger = await devicePage(browser, testInfo, baseURL);
  try {
    await stranger.goto(link);
    await expect(stranger).toHaveURL(/\/sign-in\?error=Verification/);
    await expectSignedOut(stranger);
    await capture("auth-sign-in-spent-link", { page: stranger });
  } finally {
    await stranger.context().close();
  }
});

test("an expired link signs nobody in", async ({ page }, testInfo) => {
  const email = newAddress("late", testInfo.project.name);
  const { link } = await askForLink(page, email);

  await executeSql(`UPDATE "VerificationToken" SET expires = now() - interval '1 minute' WHERE identifier = $1`, [email]);

  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?error=Verification/);
  await expectSignedOut(page);
});

test("a forged link signs nobody in, and leaves the real one working", async ({ page }, testInfo) => {
  const email = newAddress("forger", testInfo.project.name);
  const { link } = await askForLink(page, email);
  const forged = new URL(link);
  const token = forged.searchParams.get("token")!;
  forged.searchParams.set("token", `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`);

  await page.goto(forged.toString());
  await expect(page).toHaveURL(/\/sign-in\?error=Verification/);
  await expectSignedOut(page);
  // The forgery spent nothing: the mailed link still signs its owner in.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Marquee" })).toBeVisible();
});

test("asking for a link answers alike for a demo user's address and an unknown one", async ({ page }, testInfo) => {
  const answers: string[] = [];
  for (const email of ["curator@marquee.test", newAddress("nobody", testInfo.project.name)]) {
    await page.goto("/sign-in");
    await page.getByLabel("Your email").fill(email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    answers.push((await page.getByRole("main").innerText()).replace(email, "<address>"));
  }
  expect(answers[1]).toBe(answers[0]);
});
