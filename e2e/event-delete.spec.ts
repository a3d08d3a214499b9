// Events end, on a phone and on a desktop: a curator deletes an event that sold nothing from its
// page (after a confirmation); it leaves their list, its share link answers 404 and promoters'
// feeds drop it. An event that sold a ticket can't be deleted: the button says why, and the REST
// DELETE is a 409 that says to cancel it instead. Canceling it tells its guest by mail.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiKeyFor, auth, json, problem } from "./api/helpers";
import { settle } from "./buyer";
import { devicePage, expect, signInAs, signInByEmail, test } from "./fixtures";
import { waitForMail } from "./mail";
import { createSaleEvent, type SaleEvent } from "./sale-event";

// Each test signs in, builds its event over REST and waits for pages and mail: a loaded machine needs more than the default minute.
test.describe.configure({ timeout: 120_000 });

/** A new curator (their own event list) with an API key, and an event of theirs on sale. */
async function curatorWithEvent(request: APIRequestContext, title: string) {
  const email = `deleting-${randomUUID()}@example.com`;
  const key = apiKeyFor(email);
  const sale = await createSaleEvent(request, key, title);
  return { email, key, ...sale };
}

/** The slug of the post made with the event: its share link is /p/<slug>. */
async function postSlug(request: APIRequestContext, key: string, eventId: string): Promise<string> {
  const { posts } = await json(await request.get(`/product-event/${eventId}/related-posts`, { headers: auth(key) }), 200);
  expect(posts).toHaveLength(1);
  return posts[0].slug;
}

/** One free Guest list ticket bought by `email` through the public order route (no session). */
async function buyGuestListTicket(request: APIRequestContext, { event, variants }: SaleEvent, email: string) {
  const guestList = variants.find((variant) => variant.name === "Guest list")!;
  await json(
    await request.post(`/product-event/${event.id}/orders`, {
      data: { items: [{ variantId: guestList.id, quantity: 1 }], buyer: { firstName: "Noor", lastName: "Haddad", email } },
    }),
    201,
  );
}

/** The promoter's feed lists the event, or not (a demo event is always there: the feed has loaded). */
async function expectInFeed(page: Page, title: string, listed: boolean) {
  await page.goto("/feed");
  await expect(page.getByTestId("feed-event").filter({ hasText: "Sunset Rooftop Sessions" })).toBeVisible();
  await expect(page.getByTestId("feed-event").filter({ hasText: title })).toHaveCount(listed ? 1 : 0);
}

test("a curator deletes an event that sold nothing: gone from their list, its share link and the promoter's feed", async ({
  page,
  request,
  browser,
  baseURL,
  capture,
}, testInfo) => {
  const title = `Short-lived ${testInfo.project.name} ${randomUUID().slice(0, 6)}`;
  const { email, key, event } = await curatorWithEvent(request, title);
  const slug = await postSlug(request, key, event.id);

  // Before: the share link opens and the promoter's feed lists it (the controls for "gone" below).
  const promoter = await devicePage(browser, testInfo, baseURL);
  await signInAs(promoter, "Priya Promoter");
  await expectInFeed(promoter, title, true);
  expect((await request.get(`/p/${slug}`)).status()).toBe(200);

  await signInByEmail(page, email);
  await page.goto(`/events/${event.id}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("button", { name: "Delete event" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this event?" });
  await expect(confirm).toContainText(title);
  await expect(confirm).toContainText("can't be undone");
  await capture("event-delete-confirm", { fullPage: false });

  // Keeping it changes nothing; confirming deletes it and lands on the list.
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole("button", { name: "Delete event" }).click();
  await confirm.getByRole("button", { name: "Yes, delete the event" }).click();
  await page.waitForURL(/\/events\?deleted=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Event deleted." })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await settle(page);
  await capture("event-deleted-list");

  // Its pages answer 404 by status, for anyone: the share link, the event page, the REST details.
  const visitor = await devicePage(browser, testInfo, baseURL);
  expect((await visitor.goto(`/p/${slug}`))?.status()).toBe(404);
  expect((await page.goto(`/events/${event.id}`))?.status()).toBe(404);
  await problem(await request.get(`/product-event/${event.id}/details`, { headers: auth(key) }), 404, "NOT_FOUND");
  await expectInFeed(promoter, title, false);
  await Promise.all([visitor.context().close(), promoter.context().close()]);
});

test("an event that sold a ticket can't be deleted: the button says why, the REST DELETE is a 409 that says to cancel", async ({
  page,
  request,
  capture,
}, testInfo) => {
  const title = `Sold one ${testInfo.project.name} ${randomUUID().slice(0, 6)}`;
  const { email, key, ...sale } = await curatorWithEvent(request, title);
  await buyGuestListTicket(request, sale, `noor-${randomUUID().slice(0, 8)}@example.com`);

  await signInByEmail(page, email);
  await page.goto(`/events/${sale.event.id}`);
  const button = page.getByRole("button", { name: "Delete event" });
  await expect(button).toBeDisabled();
  await expect(page.getByText(/has sold tickets \(1 order, 1 ticket\): cancel it instead/)).toBeVisible();
  await expect(button).toHaveAccessibleDescription(/cancel it instead/);
  await button.scrollIntoViewIfNeeded();
  await capture("event-delete-refused", { fullPage: false });

  const refused = await problem(await request.delete(`/product-event/${sale.event.id}`, { headers: auth(key) }), 409, "CONFLICT");
  expect(refused.detail).toMatch(/cancel it instead/);
  await json(await request.get(`/product-event/${sale.event.id}/details`, { headers: auth(key) }), 200);
});

test("canceling an event tells its guest: the canceled notice, seen in /dev/mail", async ({ page, request, capture }, testInfo) => {
  const title = `Called off ${testInfo.project.name} ${randomUUID().slice(0, 6)}`;
  const { email, ...sale } = await curatorWithEvent(request, title);
  const guest = `noor-${randomUUID().slice(0, 8)}@example.com`;
  await buyGuestListTicket(request, sale, guest);

  await signInByEmail(page, email);
  await page.goto(`/events/${sale.event.id}`);
  await page.getByRole("button", { name: "Cancel event" }).click();
  await page.getByRole("dialog", { name: "Cancel this event?" }).getByRole("button", { name: "Yes, cancel the event" }).click();
  await expect(page.getByText("Event canceled.")).toBeVisible();

  const mail = await waitForMail(guest, (m) => m.subject === `Canceled: ${title}`);
  // The text part wraps long lines: compare it as words.
  expect(mail.text?.replace(/\s+/g, " ")).toContain(`Noor Haddad, we are sorry: ${title} is canceled. Your ticket is no longer valid.`);
  expect(mail.text).not.toMatch(/\/t\/[\w-]+/); // no link to a ticket that no longer works

  await page.goto(`/dev/mail/${mail.id}`);
  await expect(page.getByRole("heading", { name: `Canceled: ${title}` })).toBeVisible();
  const html = page.frameLocator('[data-testid="mail-html"]');
  await expect(html.getByText("is canceled. Your ticket is no longer valid.")).toBeVisible();
  await expect(html.getByText("Halle Süd")).toBeVisible();
  await expect(html.getByRole("link", { name: "Open my ticket" })).toHaveCount(0);
  await capture("mail-event-canceled");
});
