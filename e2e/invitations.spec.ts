// Invitations end to end, on a phone: a curator invites a new door staff member by email on
// the event page; the invitation mail (read from the mail catcher) links to /invitations/<token>;
// the new person signs in by an emailed link (their account is made), joins the door with one
// button, and checks a guest in. A revoked link and a used one do nothing, and say so.
import { randomUUID } from "node:crypto";
import type { APIResponse, Page } from "@playwright/test";
import { apiKeyFor, auth } from "./api/helpers";
import { expect, signInByEmail, test } from "./fixtures";
import { waitForMail } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;

async function json(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

/** The /invitations/<token> path of the last invitation mail to `email` about `title`. */
async function invitationLink(email: string, title: string): Promise<{ path: string; mailId: string }> {
  const mail = await waitForMail(email, (m) => m.subject.includes(title));
  const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mail.text ?? "")?.[0];
  expect(link, "the mail's text carries the invitation link").toBeTruthy();
  return { path: new URL(link!).pathname, mailId: mail.id };
}

/** Signs in as `email` by the emailed link, from the sign-in page an invitation sent us to. */
async function signInByLink(page: Page, email: string, name: string) {
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Your email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  const mail = await waitForMail(email, (m) => m.subject === "Your Marquee sign-in link");
  const link = /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\?\S+/.exec(mail.text ?? "")?.[0];
  expect(link, "the mail's text carries the sign-in link").toBeTruthy();
  await page.goto(link!);
  // A new account is asked its name only: the invitation gives its role.
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Marquee" })).toBeVisible();
  await expect(page.getByText("What do you do?")).toHaveCount(0);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a curator invites new door staff by email; the link makes them staff who check a guest in; revoked and used links do nothing", async ({
  page,
  request,
  capture,
}) => {
  const tag = randomUUID().slice(0, 6);
  const curatorEmail = `cleo-${tag}@example.test`;
  const key = apiKeyFor(curatorEmail);
  const title = `Invite Night ${tag}`;
  const { event } = await json(
    await request.post("/product-event/v2", {
      headers: auth(key),
      data: {
        title,
        startDate: new Date(Date.now() + 10 * DAY_MS).toISOString(),
        timezone: "Europe/Berlin",
        venue: "Halle Süd",
        location: "Revaler Str. 99, 10245 Berlin",
        tickets: [{ name: "GA", price: 1500, currency: "EUR", quantity: 100 }],
      },
    }),
    201,
  );
  const { guest } = await json(
    await request.post("/product-event/guests", { headers: auth(key), data: { firstName: "Greta", lastName: `Guest ${tag}` } }),
    201,
  );
  await json(await request.post(`/product-event/${event.id}/guests`, { headers: auth(key), data: { guestIds: [guest.id] } }), 200);

  // The curator invites Sam, and Rex whom they then think better of.
  await signInByEmail(page, curatorEmail);
  await page.goto(`/events/${event.id}`);
  const staffSection = page.getByRole("region", { name: "Door staff" });
  const invitations = staffSection.getByRole("list", { name: "Door staff invitations" });
  const samEmail = `sam-${tag}@example.test`;
  const rexEmail = `rex-${tag}@example.test`;
  for (const email of [samEmail, rexEmail]) {
    await staffSection.getByLabel("Invite door staff by email").fill(email);
    await staffSection.getByRole("button", { name: "Send invitation" }).click();
    await expect(invitations.getByRole("listitem").filter({ hasText: email })).toContainText("Pending");
  }
  await invitations.getByRole("button", { name: `Revoke the invitation to ${rexEmail}` }).click();
  await expect(invitations.getByRole("listitem").filter({ hasText: rexEmail })).toContainText("Revoked");
  await staffSection.scrollIntoViewIfNeeded();
  await capture("invitations-invite-form", { fullPage: false });

  // Sam's mail, as the catcher shows it.
  const sam = await invitationLink(samEmail, title);
  const rex = await invitationLink(rexEmail, title);
  await page.goto(`/dev/mail/${sam.mailId}`);
  const html = page.frameLocator('[data-testid="mail-html"]');
  await expect(html.getByRole("heading", { name: title })).toBeVisible();
  await expect(html.getByRole("link", { name: "Join the door" })).toBeVisible();
  await capture("invitations-mail");

  // Sam, on their own phone: no account yet. The link asks them to sign in first, then back.
  await page.context().clearCookies();
  await page.goto(sam.path);
  await signInByLink(page, samEmail, "Sam Sterling");
  await page.waitForURL((url) => url.pathname === sam.path);
  const join = page.getByRole("button", { name: `Join ${title} as door staff` });
  await expect(join).toBeVisible();
  await capture("invitations-accept");
  await join.click();

  // At the door of that event at once, and it is in their door list.
  await page.waitForURL((url) => url.pathname === `/door/${event.id}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByLabel("Find a guest by name or phone").fill(`Greta Guest ${tag}`);
  const row = page
    .getByRole("list", { name: "Guests found" })
    .getByRole("listitem")
    .filter({ hasText: `Greta Guest ${tag}` });
  await row.getByRole("button", { name: `Check in Greta Guest ${tag}` }).click();
  await expect(page.getByRole("dialog")).toHaveAttribute("data-answer", "CHECKED_IN");
  await page.goto("/door");
  await expect(page.getByRole("list", { name: "Events" }).getByRole("link", { name: new RegExp(title) })).toBeVisible();

  // The used link and the revoked one do nothing, and say why.
  await page.goto(sam.path);
  await expect(page.getByRole("status")).toHaveText("This invitation link was already used: each link works once.");
  await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  await capture("invitations-used-link");
  await page.goto(rex.path);
  await expect(page.getByRole("status")).toHaveText("This invitation was withdrawn by the organiser.");
  await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  // A forged one too.
  await page.goto(`/invitations/${"A".repeat(22)}`);
  await expect(page.getByRole("status")).toContainText("This invitation link is not valid");
});
