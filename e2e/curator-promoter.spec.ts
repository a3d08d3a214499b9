// The curator's and the promoter's faces, end to end: a curator creates an event with a
// poster, two ticket types and a lineup; a promoter posts from it and opens its public page;
// the curator renames the event and only the synced post follows.
import { randomUUID } from "node:crypto";
import type { Browser, Page, TestInfo } from "@playwright/test";
import pg from "pg";
import sharp from "sharp";
import { expect, signInAs, test } from "./fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A wall time N days ahead, as a datetime-local input takes it. */
function daysAhead(days: number, hour: number): string {
  const d = new Date(Date.now() + days * DAY_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00`;
}

async function posterPng(): Promise<Buffer> {
  // A portrait poster: a warm gradient with a dark band, made on the spot.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#9333ea"/><stop offset="1" stop-color="#f5780b"/></linearGradient></defs>
    <rect width="800" height="1000" fill="url(#g)"/><rect y="700" width="800" height="300" fill="#0b0a12" opacity="0.7"/>
    <circle cx="560" cy="300" r="160" fill="#fdd38a" opacity="0.9"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A visitor without a session, on the same device as the project. */
async function anonymousPage(browser: Browser, baseURL: string | undefined, use: TestInfo["project"]["use"]): Promise<Page> {
  const { viewport, deviceScaleFactor, isMobile, hasTouch } = use;
  const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor, isMobile, hasTouch });
  return context.newPage();
}

/**
 * Before a full-page screenshot: streaming done, back to the top. A full-page capture keeps
 * the viewport's layout, so a bar stuck to the viewport's bottom would float mid-picture; it is
 * shown where it comes to rest instead, at the end of its form.
 */
async function settle(page: Page) {
  await expect(page.locator('[role="status"]').filter({ hasText: /^Loading/ })).toHaveCount(0);
  await page.addStyleTag({ content: "[data-sticky-bar] { position: static !important; }" });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** A dialog is what the viewport shows, so that is what gets saved. */
async function captureViewport(page: Page, project: string, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${project}-${name}.png`, animations: "disabled" });
}

async function meta(page: Page, selector: string): Promise<string | null> {
  return page.locator(`meta[${selector}]`).getAttribute("content");
}

test("curator creates an event, promoter posts and shares it, and only the synced post follows a rename", async ({
  page,
  capture,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = `${testInfo.project.name}-${randomUUID().slice(0, 6)}`;
  const title = `Lanterns ${tag}`;
  const renamed = `Lanterns Moved ${tag}`;

  // ---- Curator: the event list, then a new event.
  await signInAs(page, "Camille Curator");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  await settle(page);
  await capture("events");

  await page.getByRole("link", { name: "New event" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  await settle(page);
  await capture("event-new");

  // Saving an empty form puts the shared schema's messages next to the fields.
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "to save the event" })).toBeVisible();
  await expect(page.locator("#field-title-error")).toHaveText("Required");
  await expect(page.locator("#field-startDate-error")).toHaveText("Pick a date and time");
  await expect(page.getByLabel("Event title", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await settle(page);
  await capture("event-new-errors");

  await page.getByLabel("Event title", { exact: true }).fill(title);
  await page.getByLabel("Venue", { exact: true }).fill("The Lantern Rooms");
  await page.getByLabel("Address", { exact: true }).fill("12 Chalk Farm Road, London NW1 8AB");
  await page.getByLabel("Starts", { exact: true }).fill(daysAhead(30, 20));
  await page.getByLabel("Ends (optional)").fill(daysAhead(30, 23));
  await page.getByLabel("Time zone", { exact: true }).selectOption("Europe/London");

  await page.locator('input[type="file"]').setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: await posterPng() });
  await expect(page.getByRole("img", { name: "Cover poster" })).toBeVisible({ timeout: 20_000 });

  // Lineup: add two acts, move the headliner to the top with a button and back with the keyboard.
  await page.getByRole("button", { name: "Add act" }).click();
  await page.getByLabel("Act 1 name").fill(`Juniper Hale ${tag}`);
  await page.getByRole("button", { name: "Add act" }).click();
  await page.getByLabel("Act 2 name").fill(`Marlow ${tag}`);
  await page.getByTestId("lineup-row").nth(1).getByRole("button", { name: "Headliner" }).click();
  await page.getByRole("button", { name: `Move Marlow ${tag} up` }).click();
  await expect(page.getByLabel("Act 1 name")).toHaveValue(`Marlow ${tag}`);
  await expect(page.getByText(`Marlow ${tag} moved to position 1 of 2.`)).toBeAttached();
  await page.getByRole("button", { name: new RegExp(`^Reorder Marlow ${tag}`) }).press("ArrowDown");
  await expect(page.getByLabel("Act 2 name")).toHaveValue(`Marlow ${tag}`);
  await page.getByRole("button", { name: new RegExp(`^Reorder Marlow ${tag}`) }).press("ArrowUp");
  await expect(page.getByLabel("Act 1 name")).toHaveValue(`Marlow ${tag}`);

  // Two ticket types; a price with too many decimals is caught before the server sees it.
  await page.getByLabel("Ticket 1 name").fill("Standing");
  await page.getByLabel("Ticket 1 currency").selectOption("GBP");
  await page.getByLabel("Ticket 1 price").fill("28.005");
  await page.getByLabel("Ticket 1 quantity").fill("300");
  await page.getByRole("button", { name: "Add ticket type" }).click();
  await page.getByLabel("Ticket 2 name").fill("Balcony seat");
  await page.getByLabel("Ticket 2 price").fill("45");
  await page.getByLabel("Ticket 2 quantity").fill("60");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.locator("#field-tickets-0-price-error")).toHaveText("At most 2 decimal places");
  await page.getByLabel("Ticket 1 price").fill("28.00");
  await expect(page.locator("#field-tickets-0-price-error")).toHaveCount(0);
  await settle(page);
  await capture("event-new-filled");

  await page.getByRole("button", { name: "Create event" }).click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}\?saved=created$/);
  const eventId = /\/events\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Event created.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause sales" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel event" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resume sales" })).toHaveCount(0);
  await expect(page.getByText("£28.00", { exact: true })).toBeVisible();
  await expect(page.getByText("£45.00", { exact: true })).toBeVisible();
  // Camille has no Shopify store connected: the product says so instead of failing silently.
  await expect(page.getByTestId("shopify-state")).toContainText("No store connected", { timeout: 20_000 });
  await expect(page.getByTestId("post-sync-summary")).toHaveText("1 up to date");
  await settle(page);
  await capture("event-page");

  // Cancel asks first; keeping it changes nothing.
  await page.getByRole("button", { name: "Cancel event" }).click();
  const confirm = page.getByRole("dialog", { name: "Cancel this event?" });
  await expect(confirm).toBeVisible();
  await captureViewport(page, testInfo.project.name, "event-cancel-confirm");
  await confirm.getByRole("button", { name: "Keep it as it is" }).click();
  await expect(confirm).toBeHidden();

  await page.goto("/events");
  await expect(page.getByTestId("event-row").filter({ hasText: title, visible: true })).toBeVisible();
  await settle(page);
  await capture("events-with-new");

  // ---- Promoter: the feed, two posts (one synced, one not), the public page.
  await signInAs(page, "Priya Promoter");
  await page.goto("/feed");
  await expect(page.getByRole("heading", { level: 1, name: "Feed" })).toBeVisible();
  const card = page.getByTestId("feed-event").filter({ hasText: title });
  await expect(card).toBeVisible();
  await settle(page);
  await capture("feed");

  await card.getByRole("button", { name: /^Create my post/ }).click();
  const dialog = page.getByRole("dialog", { name: "Create my post" });
  await dialog.getByLabel("Caption (optional)").fill("Sea-shanty soul on a Saturday night. Who's in?");
  await captureViewport(page, testInfo.project.name, "feed-create-post");
  await dialog.getByRole("button", { name: "Publish post" }).click();
  const created = page.getByTestId("post-created");
  await expect(created).toBeVisible();
  const syncedSlug = (await created.getByRole("link", { name: "Open post" }).getAttribute("href"))!.replace(/^\/p\//, "");
  expect(syncedSlug).toBeTruthy();
  await captureViewport(page, testInfo.project.name, "feed-post-created");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();

  await card.getByRole("button", { name: /^Create another post/ }).click();
  const second = page.getByRole("dialog", { name: "Create my post" });
  await second.getByRole("switch", { name: "Keep in sync with the event" }).click();
  await expect(second.getByRole("switch", { name: "Keep in sync with the event" })).toHaveAttribute("aria-checked", "false");
  await second.getByRole("button", { name: "Publish post" }).click();
  await expect(page.getByTestId("post-created")).toBeVisible();
  const frozenSlug = (await page.getByTestId("post-created").getByRole("link", { name: "Open post" }).getAttribute("href"))!.replace(/^\/p\//, "");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  if (testInfo.project.name === "phone") await page.getByRole("tab", { name: /My posts/ }).click();
  await expect(page.getByTestId("own-post").filter({ hasText: title })).toHaveCount(2);
  await settle(page);
  await capture("feed-my-posts");

  // The share button copies the link where there is no share sheet.
  if (testInfo.project.name === "desktop") {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByTestId("own-post").filter({ hasText: title }).first().getByRole("button", { name: "Share" }).click();
    await expect(page.getByText("Link copied to the clipboard.")).toBeAttached();
  }

  // The public page, as anyone sees it (no session): tags for link previews, poster, lineup, prices.
  const visitor = await anonymousPage(browser, baseURL, testInfo.project.use);
  await visitor.goto(`/p/${syncedSlug}`);
  await expect(visitor.getByTestId("post-title")).toHaveText(title);
  expect(await meta(visitor, 'property="og:title"')).toBe(title);
  const ogImage = (await meta(visitor, 'property="og:image"'))!;
  expect(ogImage).toMatch(/^https?:\/\/[^/]+\/media\/posters\/[0-9a-f-]{36}\/og\.jpg$/);
  expect(await meta(visitor, 'property="og:url"')).toMatch(new RegExp(`^https?://[^/]+/p/${syncedSlug}$`));
  expect(await meta(visitor, 'name="twitter:card"')).toBe("summary_large_image");
  expect(await meta(visitor, 'name="twitter:image"')).toBe(ogImage);
  const image = await visitor.request.get(ogImage);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/jpeg");
  expect(image.headers()["cache-control"]).toContain("immutable");
  await expect(visitor.getByRole("img", { name: `Poster: ${title}` })).toBeVisible();
  await expect(visitor.getByTestId("ticket-price").filter({ hasText: "Standing" })).toContainText("£28.00");
  await expect(visitor.getByTestId("ticket-price").filter({ hasText: "Balcony seat" })).toContainText("£45.00");
  await expect(visitor.getByText(`Marlow ${tag}`, { exact: true })).toBeVisible();
  await expect(visitor.getByTestId("post-location")).toHaveText("12 Chalk Farm Road, London NW1 8AB");
  await settle(visitor);
  await visitor.screenshot({ path: `e2e/screenshots/${testInfo.project.name}-public-post-visitor.png`, fullPage: true });
  // The promoter opens their own post too (signed in: the header shows them).
  await page.goto(`/p/${syncedSlug}`);
  await expect(page.getByTestId("post-title")).toHaveText(title);
  await settle(page);
  await capture("public-post");

  // ---- Curator renames the event; the synced post follows, the frozen one does not.
  await signInAs(page, "Camille Curator");
  await page.goto(`/events/${eventId}/edit`);
  await expect(page.getByLabel("Event title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Event title", { exact: true })).toBeVisible();
  await settle(page);
  await capture("event-edit");
  await page.getByLabel("Event title", { exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(new RegExp(`/events/${eventId}\\?saved=updated$`));
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

  // Post sync runs in the background (in-process worker, or Inngest): give it a few seconds.
  await expect
    .poll(
      async () => {
        await visitor.goto(`/p/${syncedSlug}`);
        return visitor.getByTestId("post-title").textContent();
      },
      { timeout: 20_000, intervals: [500, 1000, 2000] },
    )
    .toBe(renamed);
  expect(await meta(visitor, 'property="og:title"')).toBe(renamed);
  await visitor.goto(`/p/${frozenSlug}`);
  await expect(visitor.getByTestId("post-title")).toHaveText(title);

  // The curator's page shows each post's sync state.
  const related = page.getByTestId("related-post");
  await expect(related.filter({ hasText: "Sync off" }).filter({ hasText: "Priya Promoter" })).toHaveCount(1);
  await expect(related.filter({ hasText: "Up to date" }).filter({ hasText: "Priya Promoter" })).toHaveCount(1, { timeout: 20_000 });
  // Camille's own post and Priya's synced one follow the rename; Priya's other post does not.
  await expect(page.getByTestId("post-sync-summary")).toHaveText("2 up to date1 sync off", { timeout: 20_000 });
  await settle(page);
  await capture("event-page-after-rename");
  await visitor.context().close();
});

test("a held-back address stays off the public page until its moment", async ({ page, capture }) => {
  await signInAs(page, "Priya Promoter");
  await page.goto("/");
  await settle(page);
  await capture("home-promoter");
  await page.goto("/feed");
  // The demo rooftop party reveals its address 24 hours before the start.
  const card = page.getByTestId("feed-event").filter({ hasText: "Sunset Rooftop Sessions" });
  await card.getByRole("button", { name: /^Create (my|another) post/ }).click();
  await page.getByRole("dialog", { name: "Create my post" }).getByRole("button", { name: "Publish post" }).click();
  await page.getByTestId("post-created").getByRole("link", { name: "Open post" }).click();
  await expect(page.getByTestId("post-title")).toHaveText("Sunset Rooftop Sessions");
  await expect(page.getByTestId("post-location-hidden")).toContainText("The address is revealed on");
  await expect(page.getByText("450 W 33rd St")).toHaveCount(0);
  expect(await page.content()).not.toContain("450 W 33rd St");
  await settle(page);
  await capture("public-post-address-hidden");
});

test("settings: an API key is shown once, listed, and revoked after a confirmation", async ({ page, capture }, testInfo) => {
  await signInAs(page, "Camille Curator");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shopify" })).toBeVisible();
  // Connecting asks for the app's secret too: it verifies the store's orders/paid webhooks.
  await expect(page.getByLabel("API secret key")).toBeVisible();
  await page.getByLabel("API secret key").scrollIntoViewIfNeeded();
  await settle(page);
  await capture("settings-shopify");

  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.locator("#api-key-name-error")).toHaveText("Give the key a name");
  const name = `Box office ${testInfo.project.name} ${randomUUID().slice(0, 4)}`;
  await page.getByLabel("New key's name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toBeVisible();
  const key = await page.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^mq_[A-Za-z0-9_-]{40,}$/);
  await settle(page);
  await capture("settings-key-created");

  // The key works against the REST API (an unknown event: authenticated, so 404 and not 401).
  const probe = "/product-event/7d1c0c36-7f43-4c8b-9a4c-2a3e8d7b6f10/details";
  expect((await page.request.get(probe, { headers: { authorization: `Bearer ${key}` } })).status()).toBe(404);

  await page.getByRole("button", { name: "I've stored it safely" }).click();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  const row = page.getByTestId("api-key").filter({ hasText: name });
  await expect(row).toBeVisible();
  await settle(page);
  await capture("settings");
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this key?" });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText(`Key "${name}" revoked.`)).toBeAttached();
  expect((await page.request.get(probe, { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
});

test("the event page's guest list: invite a group, import a CSV with its report, add door staff", async ({ page, capture }, testInfo) => {
  await signInAs(page, "Camille Curator");
  const start = new Date(Date.now() + 12 * DAY_MS);
  const created = await page.request.post("/product-event/v2", {
    data: {
      title: `Guest night ${testInfo.project.name} ${randomUUID().slice(0, 4)}`,
      startDate: start.toISOString(),
      timezone: "Europe/Berlin",
      venue: "Halle Süd",
      location: "Revaler Straße 99, 10245 Berlin",
      poster: [{ src: "/demo/neon-nights.svg" }],
      tickets: [{ name: "Guest list", price: 0, quantity: 100 }],
    },
  });
  expect(created.status()).toBe(201);
  const { event } = (await created.json()) as { event: { id: string } };
  await page.goto(`/events/${event.id}`);
  const guests = page.getByRole("region", { name: "Guest list" });
  await expect(guests.getByText("No guests on the list yet")).toBeVisible();

  await guests.getByRole("button", { name: "Invite a group" }).click();
  await guests.getByLabel("Press & industry").check();
  await guests.getByRole("button", { name: "Add to the list" }).click();
  await expect(guests.getByText(/guests? added to the list/)).toBeVisible();
  await expect(guests.getByTestId("event-guest").first()).toBeVisible();

  await guests.getByRole("button", { name: "Import CSV" }).click();
  const tag = randomUUID().slice(0, 6);
  await guests
    .getByLabel("…or paste it")
    .fill(`firstName,lastName,email,shoeSize\nRin${tag},Okafor,rin-${tag}@example.com,42\nNoLast${tag},,bad-email,40`);
  await guests.getByRole("button", { name: "Import and add to the list" }).click();
  const report = guests.getByTestId("import-report");
  await expect(report).toContainText("1 imported · 1 added to the list");
  await expect(report).toContainText("1 refused");
  await expect(report).toContainText("Line 3");
  await expect(report).toContainText("Ignored columns: shoeSize");
  await expect(guests.getByTestId("event-guest").filter({ hasText: `Rin${tag} Okafor` })).toBeVisible();

  const staff = page.getByRole("region", { name: "Door staff" });
  await staff.getByLabel("Add door staff by email").fill("staff@marquee.test");
  await staff.getByRole("button", { name: "Add to the door" }).click();
  await expect(staff.getByRole("button", { name: "Remove Sam Steward" })).toBeVisible();

  await guests
    .getByTestId("event-guest")
    .first()
    .getByRole("button", { name: /^Ticket/ })
    .click();
  await expect(page.getByRole("dialog").getByRole("img", { name: /QR code/ })).toBeVisible();
  await captureViewport(page, testInfo.project.name, "event-guest-ticket");
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
  await settle(page);
  await capture("event-page-guests");
});

/** Removes a post or an event the way the app marks it (`deleted_at`): no route deletes either yet. */
async function softDelete(table: "Post" | "Event", id: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE "${table}" SET deleted_at = now() WHERE id = $1`, [id]);
  } finally {
    await client.end();
  }
}

test("an unknown, malformed or deleted share link or event page answers 404 by status, not only by its look", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  await signInAs(page, "Camille Curator");
  const created = await page.request.post("/product-event/v2", {
    data: {
      title: `Gone soon ${testInfo.project.name} ${randomUUID().slice(0, 4)}`,
      startDate: new Date(Date.now() + 20 * DAY_MS).toISOString(),
      timezone: "Europe/London",
      venue: "The Lantern Rooms",
      location: "12 Chalk Farm Road, London NW1 8AB",
      tickets: [{ name: "Standing", price: 1500, currency: "GBP", quantity: 50 }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { event, post } = (await created.json()) as { event: { id: string }; post: { id: string; slug: string } };

  // The share link, as a link preview or a monitor fetches it: no session.
  const visitor = await anonymousPage(browser, baseURL, testInfo.project.use);
  expect((await visitor.goto(`/p/${post.slug}`))?.status()).toBe(200);
  for (const slug of [`no-such-post-${randomUUID().slice(0, 8)}`, "not a slug!"]) {
    expect((await visitor.goto(`/p/${encodeURIComponent(slug)}`))?.status(), slug).toBe(404);
    await expect(visitor.getByRole("heading", { level: 1, name: "This post isn't here" })).toBeVisible();
  }

  // The curator's pages of the event, and of events that aren't there.
  expect((await page.goto("/events"))?.status()).toBe(200);
  for (const path of [`/events/${event.id}`, `/events/${event.id}/edit`]) expect((await page.goto(path))?.status(), path).toBe(200);
  for (const id of [randomUUID(), "not-a-uuid"]) {
    for (const path of [`/events/${id}`, `/events/${id}/edit`]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "No such event" })).toBeVisible();
    }
  }

  // Deleted: the post's link and the event's pages are gone too.
  await softDelete("Post", post.id);
  await softDelete("Event", event.id);
  expect((await visitor.goto(`/p/${post.slug}`))?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { level: 1, name: "This post isn't here" })).toBeVisible();
  for (const path of [`/events/${event.id}`, `/events/${event.id}/edit`]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "No such event" })).toBeVisible();
  }
  await visitor.context().close();
});
