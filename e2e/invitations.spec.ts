// Invitations end to end, on a phone and at a desk: a curator invites a new door staff member
// by email on the event page; the invitation mail (read from the mail catcher) links to
// /invitations/<token>; the new person signs in by an emailed link (their account is made),
// joins the door with one button, and checks a guest in. A revoked link, a used one, an expired
// one and a forged one do nothing, and say so.
import { randomUUID } from "node:crypto";
import { apiKeyFor, auth, json } from "./api/helpers";
import { executeSql } from "./database";
import { expect, signInByEmail, signInInvitedNewcomer, test } from "./fixtures";
import { invitationLinkMailedTo } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;

test("a curator invites new door staff by email; the link makes them staff who check a guest in; revoked, used, expired and forged links do nothing", async ({
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
  const eveEmail = `eve-${tag}@example.test`;
  for (const email of [samEmail, rexEmail, eveEmail]) {
    await staffSection.getByLabel("Invite door staff by email").fill(email);
    await staffSection.getByRole("button", { name: "Send invitation" }).click();
    await expect(invitations.getByRole("listitem").filter({ hasText: email })).toContainText("Pending");
  }
  await invitations.getByRole("button", { name: `Revoke the invitation to ${rexEmail}` }).click();
  await expect(invitations.getByRole("listitem").filter({ hasText: rexEmail })).toContainText("Revoked");
  await staffSection.scrollIntoViewIfNeeded();
  await capture("invitations-invite-form", { fullPage: false });

  // Sam's mail, as the catcher shows it.
  const sam = await invitationLinkMailedTo(samEmail, title);
  const rex = await invitationLinkMailedTo(rexEmail, title);
  const eve = await invitationLinkMailedTo(eveEmail, title);
  // A week goes by for Eve's link.
  await executeSql(`UPDATE "Invitation" SET expires_at = now() - interval '1 minute' WHERE email = $1`, [eveEmail]);
  await page.goto(`/dev/mail/${sam.mailId}`);
  const html = page.frameLocator('[data-testid="mail-html"]');
  await expect(html.getByRole("heading", { name: title })).toBeVisible();
  await expect(html.getByRole("link", { name: "Join the door" })).toBeVisible();
  await capture("invitations-mail");

  // Sam, on their own phone: no account yet. The link asks them to sign in first, then back.
  await page.context().clearCookies();
  await page.goto(sam.path);
  await signInInvitedNewcomer(page, samEmail, "Sam Sterling");
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

  // The used link, the revoked one and the expired one do nothing, and say why.
  await page.goto(sam.path);
  await expect(page.getByRole("status")).toHaveText("This invitation link was already used: each link works once.");
  await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  await capture("invitations-used-link");
  await page.goto(rex.path);
  await expect(page.getByRole("status")).toHaveText("This invitation was withdrawn by the organiser.");
  await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  await page.goto(eve.path);
  await expect(page.getByRole("status")).toHaveText("This invitation link has expired. Ask the organiser to invite you again.");
  await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  // A forged one too.
  await page.goto(`/invitations/${"A".repeat(22)}`);
  await expect(page.getByRole("status")).toContainText("This invitation link is not valid");
});
