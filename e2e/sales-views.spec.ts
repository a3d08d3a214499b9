// What the curator and the promoter see of a sale, on a phone and on a desktop: a promoter
// shares a post, buyers order through the REST route (one paid order through the post, settled
// as the payment's confirmation settles it; one free order straight from the event), and then
// the curator's Sales section and guest list, the promoter's feed and the door each show it.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { apiKeyFor, auth, json } from "./api/helpers";
import { expect, signInAs, signInByEmail, test } from "./fixtures";
import { createSaleEvent } from "./sale-event";

interface Ticket {
  code: string;
  variantId: string;
}

/** An order through POST /product-event/:id/orders; a held one is paid as the payment's confirmation pays it. */
async function buy(
  request: APIRequestContext,
  eventId: string,
  body: { items: { variantId: string; quantity: number }[]; buyer: { firstName: string; lastName: string; email: string }; ref?: string },
): Promise<{ id: string; status: string; tickets: Ticket[] }> {
  const { order } = await json(
    await request.post(`/product-event/${eventId}/orders`, { data: body, headers: { "idempotency-key": randomUUID() } }),
    201,
  );
  if (order.status === "PAID") return order;
  expect(order.status).toBe("PENDING_PAYMENT");
  const paid = JSON.parse(
    execFileSync("npx", ["tsx", "e2e/pay-order.ts", order.id], { encoding: "utf8", env: process.env }).trim().split("\n").at(-1)!,
  );
  expect(paid.outcome).toBe("PAID");
  return paid.order;
}

function euros(minor: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(minor / 100);
}

async function toTop(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
}

test("the curator's Sales section, the guest list's sources, the promoter's feed and the door show what sold", async ({
  page,
  request,
  capture,
}, testInfo) => {
  test.setTimeout(120_000);
  const phone = testInfo.project.name === "phone";
  const tag = randomUUID().slice(0, 6);
  const curatorEmail = `sally-${tag}@example.test`;
  const key = apiKeyFor(curatorEmail);
  const promoterKey = apiKeyFor("promoter@marquee.test"); // the demo promoter, Priya
  const title = `Sales Night ${tag}`;

  const { event, variants } = await createSaleEvent(request, key, title);
  expect(event.commission).toEqual({ type: "PERCENT", value: 1000 });
  const [vip, free] = variants;
  expect(vip!.maxPerOrder).toBe(4);
  const { post } = await json(await request.post("/posts/curator/from-event", { headers: auth(promoterKey), data: { eventId: event.id } }), 201);

  const vera = await buy(request, event.id, {
    items: [{ variantId: vip!.id, quantity: 2 }],
    buyer: { firstName: "Vera", lastName: `Vip ${tag}`, email: `vera-${tag}@example.test` },
    ref: post.slug,
  });
  expect(vera.tickets).toHaveLength(2);
  await buy(request, event.id, {
    items: [{ variantId: free!.id, quantity: 1 }],
    buyer: { firstName: "Fred", lastName: `Free ${tag}`, email: `fred-${tag}@example.test` },
  });
  const { guest: ivy } = await json(
    await request.post("/product-event/guests", { headers: auth(key), data: { firstName: "Ivy", lastName: `Invited ${tag}` } }),
    201,
  );
  await json(await request.post(`/product-event/${event.id}/guests`, { headers: auth(key), data: { guestIds: [ivy.id] } }), 200);

  // The curator's REST list agrees with what the page will show.
  const listed = await json(await request.get(`/product-event/${event.id}/orders`, { headers: auth(key) }), 200);
  expect(listed.totals).toMatchObject({ orders: 2, tickets: 3, revenue: 11_900, tax: 1900 });
  // 10 % of Vera's 100.00 before the included 19 % VAT.
  expect(listed.totals.commission).toBe(1000);
  expect(listed.totals.byPromoter).toContainEqual(
    expect.objectContaining({ postSlug: post.slug, promoterName: "Priya Promoter", orders: 1, tickets: 2, commission: 1000 }),
  );

  // ---- The curator's event page
  await signInByEmail(page, curatorEmail);
  await page.goto(`/events/${event.id}`);
  const sales = page.getByRole("region", { name: "Sales" });
  await expect(sales).toBeVisible();
  const totals = sales.getByLabel("Sales totals");
  await expect(totals).toContainText(euros(11_900));
  await expect(totals).toContainText(`incl. ${euros(1900)} tax`);
  await expect(totals).toContainText(euros(1000));
  const vipRow = sales.getByTestId("variant-sales").filter({ hasText: "VIP" });
  await expect(vipRow).toContainText("2 sold · 0 held · 18 left of 20");
  await expect(vipRow.getByRole("img")).toHaveAttribute("aria-label", "VIP: 2 sold, 0 held, 18 left of 20");
  const priya = sales.getByTestId("promoter-sales").filter({ hasText: "Priya Promoter" });
  await expect(priya).toContainText(`/p/${post.slug}`);
  await expect(priya).toContainText(euros(1000));
  await expect(sales.getByTestId("order-row")).toHaveCount(2);
  await sales.getByLabel("Search orders by buyer name or email").fill("vera");
  await expect(sales.getByTestId("order-row")).toHaveCount(1);
  await expect(sales.getByTestId("order-row")).toContainText("2 × VIP · via Priya Promoter");
  await expect(sales.getByTestId("order-row")).toContainText("Paid");
  await sales.getByLabel("Search orders by buyer name or email").fill("");
  await expect(sales.getByTestId("order-row")).toHaveCount(2);
  await expect(page.getByRole("region", { name: "Ticket types" })).toContainText("Prices include VAT 19 %.");
  await toTop(page);
  await capture("sales-section");

  // The guest list: each admission with its ticket type and where it came from.
  const guests = page.getByRole("list", { name: "Guest list" });
  const veraRows = guests.getByTestId("event-guest").filter({ hasText: `Vera Vip ${tag}` });
  await expect(veraRows).toHaveCount(2);
  await expect(veraRows.first().getByTestId("admission-source")).toHaveText(`VIP · Sold here via Priya Promoter (/p/${post.slug})`);
  await expect(
    guests
      .getByTestId("event-guest")
      .filter({ hasText: `Fred Free ${tag}` })
      .getByTestId("admission-source"),
  ).toHaveText("Guest list · Sold here");
  const ivyRow = guests.getByTestId("event-guest").filter({ hasText: `Ivy Invited ${tag}` });
  await expect(ivyRow).toContainText("Invited");
  await expect(ivyRow.getByTestId("admission-source")).toHaveCount(0);
  await guests.scrollIntoViewIfNeeded();
  await capture("sales-guest-list", { fullPage: false });

  // The post's sales on the event page's list of posts.
  await expect(page.getByTestId("related-post").filter({ hasText: "Priya Promoter" }).getByTestId("related-post-sales")).toHaveText(
    `1 order · 2 tickets · ${euros(11_900)} · commission ${euros(1000)}`,
  );

  // ---- The ticket editor: the sale rules and commission as saved; capacity below what sold is refused at the field.
  await page.goto(`/events/${event.id}/edit`);
  await expect(page.getByLabel("Commission kind")).toHaveValue("PERCENT");
  await expect(page.getByLabel("Commission (%)")).toHaveValue("10");
  await page.getByText("Sale window & limit").first().click();
  await expect(page.getByLabel("Ticket 1 Max per order")).toHaveValue("4");
  await page.getByLabel("Ticket 1 Quantity", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#field-tickets-0-quantity-error")).toContainText("2 already sold or held");
  await page.getByRole("region", { name: "Ticket types" }).scrollIntoViewIfNeeded();
  await capture("sales-ticket-editor", { fullPage: false });
  expect((await json(await request.get(`/product-event/${event.id}/details`, { headers: auth(key) }), 200)).product.variants[0].quantity).toBe(20);

  // ---- The door: Vera's ticket, green with its type, then amber with it on the second try.
  await page.goto(`/door/${event.id}`);
  await page.getByLabel("Find a guest by name or phone").fill(`Vera Vip ${tag}`);
  const hit = page.getByRole("list", { name: "Guests found" }).getByRole("listitem").first();
  await hit.getByRole("button", { name: `Check in Vera Vip ${tag}` }).click();
  const answer = page.getByRole("dialog");
  await expect(answer).toHaveAttribute("data-answer", "CHECKED_IN");
  await expect(answer.getByTestId("door-answer-ticket-type")).toHaveText("Ticket type: VIP");
  await capture("sales-door-green", { fullPage: false });
  await answer.getByRole("button", { name: "Next guest" }).click();
  await expect(answer).toBeHidden();

  // ---- The promoter's feed: the post's orders, tickets, revenue and commission.
  await page.context().clearCookies();
  await signInAs(page, "Priya Promoter");
  await page.goto("/feed");
  if (phone) await page.getByRole("tab", { name: /My posts/ }).click();
  const card = page.getByTestId("own-post").filter({ hasText: title });
  const figures = card.getByTestId("post-sales");
  await expect(figures).toContainText("Orders1");
  await expect(figures).toContainText("Tickets2");
  await expect(figures).toContainText(`Revenue${euros(11_900)}`);
  await expect(figures).toContainText(`Earned${euros(1000)}`);

  // Live: a sale made while the feed is open shows up without a reload.
  await buy(request, event.id, {
    items: [{ variantId: vip!.id, quantity: 1 }],
    buyer: { firstName: "Lou", lastName: `Later ${tag}`, email: `lou-${tag}@example.test` },
    ref: post.slug,
  });
  await expect(figures).toContainText("Tickets3", { timeout: 20_000 });
  await expect(figures).toContainText(`Earned${euros(1500)}`);
  await toTop(page);
  await capture("sales-promoter-feed");
});
