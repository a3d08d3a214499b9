// Sign-in by emailed link, as a brand-new person does it: the link read from the mail catcher,
// the welcome question, then their events page and a first event. A spent link and an expired
// one sign nobody in. Screenshots of every step, the mail included, at phone and desktop size.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import pg from "pg";
import { expect, test } from "./fixtures";
import { waitForMail } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;

function daysAhead(days: number, hour: number): string {
  const d = new Date(Date.now() + days * DAY_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00`;
}

const newAddress = (label: string, project: string) => `${label}-${project}-${randomUUID().slice(0, 8)}@example.test`;

/** Asks for a link on /sign-in and answers the link read from the mail the catcher received. */
async function askForLink(page: Page, email: string): Promise<{ link: string; mailId: string }> {
  await page.goto("/sign-in");
  await page.getByLabel("Your email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(email);
  const mail = await waitForMail(email, (m) => m.subject === "Your Marquee sign-in link");
  const link = /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\?\S+/.exec(mail.text ?? "")?.[0];
  expect(link, "the mail's text carries the link").toBeTruthy();
  return { link: link!, mailId: mail.id };
}

async function expectSignedOut(page: Page) {
  await expect(page.getByRole("alert").filter({ hasText: "sign-in link" })).toHaveText(
    "That sign-in link has expired or was already used. Ask for a new one below.",
  );
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
}

test("a brand-new person signs in by link, says they organise events, and creates their first", async ({ page, browser, capture }, testInfo) => {
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

  await page.goto("/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  const title = `First night ${testInfo.project.name} ${randomUUID().slice(0, 4)}`;
  await page.getByLabel("Event title", { exact: true }).fill(title);
  await page.getByLabel("Venue", { exact: true }).fill("The Lantern Rooms");
  await page.getByLabel("Address", { exact: true }).fill("12 Chalk Farm Road, London NW1 8AB");
  await page.getByLabel("Starts", { exact: true }).fill(daysAhead(20, 20));
  await page.getByLabel("Ticket 1 name").fill("Standing");
  await page.getByLabel("Ticket 1 price").fill("18");
  await page.getByLabel("Ticket 1 quantity").fill("150");
  await page.getByRole("button", { name: "Create event" }).click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The link is spent: in another browser it signs nobody in.
  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    await stranger.goto(link);
    await expect(stranger).toHaveURL(/\/sign-in\?error=Verification/);
    await expectSignedOut(stranger);
    await capture("auth-sign-in-spent-link", { page: stranger });
  } finally {
    await other.close();
  }
});

test("an expired link signs nobody in", async ({ page }, testInfo) => {
  const email = newAddress("late", testInfo.project.name);
  const { link } = await askForLink(page, email);

  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE "VerificationToken" SET expires = now() - interval '1 minute' WHERE identifier = $1`, [email]);
  } finally {
    await client.end();
  }

  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?error=Verification/);
  await expectSignedOut(page);
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
