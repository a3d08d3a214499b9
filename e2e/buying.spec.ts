// The buyer, end to end, on a phone (and a desktop): a promoter's share link opens the post; a
// visitor buys a free ticket (order page with its QR, the ticket page with its type, the mail),
// then two paid ones (the test checkout, the held order, paying, two QR codes, the mail), and
// meets SOLD_OUT when another buyer takes the last ticket first. Each buyer page passes axe-core
// (WCAG 2.1 AA) at the project's size.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { apiKeyFor, auth, json } from "./api/helpers";
import { expectAccessible, fillBuyer, settle, ticketRow } from "./buyer";
import { expect, test } from "./fixtures";
import { mailsTo, waitForMail } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;

test("a visitor on a phone buys free and paid tickets from a promoter's post, and meets SOLD_OUT", async ({ page, request, capture }, testInfo) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const tag = `${testInfo.project.name}-${randomUUID().slice(0, 6)}`;
  const title = `Harbour Lights ${tag}`;
  const curatorKey = apiKeyFor(`cora-${tag}@example.test`);
  const promoterKey = apiKeyFor("promoter@marquee.test"); // the demo promoter, Priya

  const { event, product } = await json(
    await request.post("/product-event/v2", {
      headers: auth(curatorKey),
      data: {
        title,
        startDate: new Date(Date.now() + 20 * DAY_MS).toISOString(),
        timezone: "Europe/Berlin",
        venue: "Halle am Hafen",
        location: "Am Sandtorkai 1, 20457 Hamburg",
        isTaxEnabled: true,
        taxConfig: { label: "VAT", rateBasisPoints: 1900, included: true },
        tickets: [
          { name: "VIP", price: 5950, currency: "EUR", quantity: 20 },
          { name: "Guest list", price: 0, currency: "EUR", quantity: 50 },
          { name: "Last call", price: 1500, currency: "EUR", quantity: 1 },
          { name: "Late release", price: 2000, currency: "EUR", quantity: 100 },
        ],
      },
    }),
    201,
  );
  const variants = Object.fromEntries((product.variants as { id: string; name: string }[]).map((v) => [v.name, v.id]));
  // What the event form does not set yet: VIP's per-order maximum, and a sale that opens on a Friday at 10:00 Berlin time.
  const friday = new Date(Date.now() + 7 * DAY_MS);
  friday.setUTCDate(friday.getUTCDate() + ((5 - friday.getUTCDay() + 7) % 7));
  friday.setUTCHours(9, 0, 0, 0); // 10:00 CET
  const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();
  try {
    await sql.query(`UPDATE "ProductVariant" SET max_per_order = 4 WHERE id = $1`, [variants.VIP]);
    await sql.query(`UPDATE "ProductVariant" SET sale_starts_at = $2 WHERE id = $1`, [variants["Late release"], friday]);
  } finally {
    await sql.end();
  }
  const { post } = await json(await request.post("/posts/curator/from-event", { headers: auth(promoterKey), data: { eventId: event.id } }), 201);

  // ---- The share link: ticket types with their availability, in the event's zone.
  await page.goto(`/p/${post.slug}`);
  await expect(page.getByTestId("post-title")).toHaveText(title);
  const tickets = page.getByRole("region", { name: "Tickets" });
  await expect(ticketRow(page, "VIP")).toContainText("€59.50");
  await expect(ticketRow(page, "VIP")).toContainText("20 left");
  await expect(ticketRow(page, "Guest list")).toContainText("Free");
  await expect(ticketRow(page, "Last call")).toContainText("1 left");
  await expect(ticketRow(page, "Late release")).toContainText(/On sale Fri \d+ \w+ · 10:00 CET/);
  await expect(ticketRow(page, "Late release").getByRole("button")).toHaveCount(0);
  await expect(tickets.getByTestId("tax-note")).toHaveText("Prices include VAT 19 %.");
  await expectAccessible(page);
  await settle(page);
  await capture("buy-post");

  // Nothing chosen: said at the pickers, nothing sent.
  await tickets.getByRole("button", { name: "Get tickets" }).click();
  await expect(tickets.getByText("Choose at least one ticket")).toBeVisible();

  // ---- A free ticket: a mistyped email comes back from the server next to the field.
  const freeBuyer = { firstName: "Fina", lastName: `Free ${tag}`, email: `fina-${tag}@example.test` };
  await page.getByRole("button", { name: "More Guest list tickets" }).click();
  await expect(page.getByLabel("Guest list tickets", { exact: true })).toHaveText("1");
  await expect(page.getByTestId("summary-total")).toHaveText("Free");
  await fillBuyer(page, { ...freeBuyer, email: "fina-at-example" });
  await tickets.getByRole("button", { name: "Get free ticket" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-buyer-email-error")).toBeVisible();
  await expectAccessible(page);
  await settle(page);
  await capture("buy-post-field-error");

  await page.getByLabel("Email", { exact: true }).fill(freeBuyer.email);
  // A double tap sends one order: the button is disabled while it is on its way, and the page's key replays.
  await tickets.getByRole("button", { name: "Get free ticket" }).dblclick();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("order-heading")).toHaveText("You're in");
  await expect(page.getByTestId("order-ticket-qr")).toHaveCount(1);
  await expect(page.getByTestId("order-ticket-type")).toHaveText("Guest list");
  await expect(page.getByTestId("order-location")).toHaveText("Am Sandtorkai 1, 20457 Hamburg");
  await expect(page.getByTestId("order-total")).toHaveText("Free");
  await expectAccessible(page);
  await settle(page);
  await capture("order-free");

  const freeMail = await waitForMail(freeBuyer.email, (m) => m.subject === `Your ticket: ${title}`);
  const freeCode = decodeURIComponent((await page.getByRole("link", { name: "Open ticket 1 full screen" }).getAttribute("href"))!.slice(3));
  expect(freeMail.text, "the mail carries the same ticket as the order page").toContain(`/t/${encodeURIComponent(freeCode)}`);
  expect(freeMail.text).toContain("Guest list");
  expect((await mailsTo(freeBuyer.email)).length, "the double tap made one order").toBe(1);

  // The ticket full screen: its type shows.
  await page.getByRole("link", { name: "Open ticket 1 full screen" }).click();
  await expect(page.getByTestId("ticket-qr")).toBeVisible();
  await expect(page.getByTestId("ticket-type")).toHaveText("Guest list");
  await expect(page.getByTestId("ticket-guest")).toHaveText(`Fina Free ${tag}`);
  await expectAccessible(page);
  await settle(page);
  await capture("ticket-page");

  // ---- Two paid tickets: the summary with the tax line, the checkout, the held order, the payment.
  const paidBuyer = { firstName: "Vera", lastName: `Paid ${tag}`, email: `vera-${tag}@example.test` };
  await page.goto(`/p/${post.slug}`);
  const more = page.getByRole("button", { name: "More VIP tickets" });
  for (let i = 0; i < 4; i++) await more.click();
  await expect(more).toBeDisabled(); // VIP's maximum per order
  await expect(ticketRow(page, "VIP")).toContainText("At most 4 per order.");
  await page.getByRole("button", { name: "Fewer VIP tickets" }).click();
  await page.getByRole("button", { name: "Fewer VIP tickets" }).click();
  const summary = page.getByRole("region", { name: "Order summary" });
  await expect(summary).toContainText("2 × VIP");
  await expect(summary.getByTestId("summary-tax")).toHaveText("incl. VAT 19 %€19.00");
  await expect(summary.getByTestId("summary-total")).toHaveText("€119.00");
  await fillBuyer(page, paidBuyer);
  await expectAccessible(page);
  await settle(page);
  await capture("buy-post-summary");

  await page.getByRole("button", { name: "Pay €119.00" }).click();
  await page.waitForURL(/\/checkout\/test\/[0-9a-f-]{36}$/);
  const paidOrderId = new URL(page.url()).pathname.split("/").at(-1)!;
  await expect(page.getByTestId("checkout-total")).toHaveText("€119.00");
  await expectAccessible(page);
  await settle(page);
  await capture("checkout");

  // Held while the buyer pays: the order page says so, with the time left and the way to pay.
  await page.goto(`/orders/${paidOrderId}`);
  await expect(page.getByTestId("order-heading")).toHaveText("Pay to get your tickets");
  await expect(page.getByTestId("hold-time-left")).toHaveText(/^1[0-5]:\d\d$/);
  await expect(page.getByTestId("order-ticket-qr")).toHaveCount(0);
  await expectAccessible(page);
  await settle(page);
  await capture("order-pending");

  // Back to the checkout by the order page's Pay link; paying there leads to the order page.
  await page.getByRole("link", { name: "Pay €119.00" }).click();
  await page.waitForURL(new RegExp(`/checkout/test/${paidOrderId}$`));
  await page.getByRole("button", { name: "Pay €119.00" }).click();
  await page.waitForURL(new RegExp(`/orders/${paidOrderId}$`));
  await expect(page.getByTestId("order-heading")).toHaveText("You're in");
  await expect(page.getByTestId("order-ticket-qr")).toHaveCount(2);
  await expect(page.getByTestId("order-ticket-type")).toHaveText(["VIP", "VIP"]);
  await expect(page.getByTestId("order-tax")).toHaveText("incl. VAT 19 %€19.00");
  await expect(page.getByTestId("order-total")).toHaveText("€119.00");
  await expectAccessible(page);
  await settle(page);
  await capture("order-paid");

  const paidMail = await waitForMail(paidBuyer.email, (m) => m.subject === `Your 2 tickets: ${title}`);
  for (const link of await page.getByRole("link", { name: /^Open ticket \d full screen$/ }).all()) {
    expect(paidMail.text).toContain((await link.getAttribute("href"))!);
  }
  expect(paidMail.attachments.filter((a) => a.contentType === "image/png")).toHaveLength(2);

  // ---- A canceled checkout: the order page says so plainly and leads back to the post.
  await page.goto(`/p/${post.slug}`);
  await page.getByRole("button", { name: "More VIP tickets" }).click();
  await fillBuyer(page, { firstName: "Cleo", lastName: `Cancel ${tag}`, email: `cleo-${tag}@example.test` });
  await page.getByRole("button", { name: "Pay €59.50" }).click();
  await page.waitForURL(/\/checkout\/test\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Cancel and release the tickets" }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("order-heading")).toHaveText("This order was canceled");
  await expect(page.getByTestId("order-status")).toContainText("Nothing was charged.");
  await expectAccessible(page);
  await settle(page);
  await capture("order-canceled");
  await page.getByRole("link", { name: "Back to the event" }).click();
  await expect(page.getByTestId("post-title")).toHaveText(title);
  await expect(ticketRow(page, "VIP")).toContainText("18 left"); // the canceled hold gave its ticket back

  // ---- SOLD_OUT: another buyer takes the last ticket while this visitor fills in the form.
  await page.goto(`/p/${post.slug}`);
  await page.getByRole("button", { name: "More Last call tickets" }).click();
  await fillBuyer(page, { firstName: "Sam", lastName: `Late ${tag}`, email: `sam-${tag}@example.test` });
  await json(
    await request.post(`/product-event/${event.id}/orders`, {
      data: {
        items: [{ variantId: variants["Last call"], quantity: 1 }],
        buyer: { firstName: "Quick", lastName: `Buyer ${tag}`, email: `quick-${tag}@example.test` },
      },
    }),
    201,
  );
  await page.getByRole("button", { name: "Pay €15.00" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Not enough tickets left" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Last call: sold out.");
  await expect(ticketRow(page, "Last call")).toContainText("Sold out");
  await expect(page.getByRole("button", { name: "More Last call tickets" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Order summary" })).toHaveCount(0);
  await expectAccessible(page);
  await alert.scrollIntoViewIfNeeded();
  await capture("buy-post-sold-out", { fullPage: false });
  expect(pageErrors, "no JavaScript errors on the way").toEqual([]);
});

test("an unknown or malformed order id is a 404 page", async ({ page }) => {
  expect((await page.goto(`/orders/${randomUUID()}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This order isn't here" })).toBeVisible();
  expect((await page.goto("/orders/not-an-order"))?.status()).toBe(404);
});
