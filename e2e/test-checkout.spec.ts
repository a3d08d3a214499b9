// The built-in test checkout on a phone: a buyer's paid order (REST, anonymous) opens its
// checkoutUrl, which shows the tickets, the tax line, the total and the time left on the hold,
// with no accessibility violations; Pay goes on to the order page with the tickets issued, and
// Cancel gives the held tickets back.
import { randomUUID } from "node:crypto";
import { AxeBuilder } from "@axe-core/playwright";
import type { APIRequestContext } from "@playwright/test";
import { apiKeyFor, auth, json } from "./api/helpers";
import { expect, test } from "./fixtures";

async function saleWithTax(request: APIRequestContext) {
  const key = apiKeyFor(`checkout-${randomUUID()}@example.com`);
  const { event, product } = await json(
    await request.post("/product-event/v2", {
      headers: auth(key),
      data: {
        title: "Checkout Night",
        startDate: "2027-06-01T22:00:00+02:00",
        timezone: "Europe/Berlin",
        venue: "Halle Süd",
        location: "Revaler Str. 99, 10245 Berlin",
        isTaxEnabled: true,
        taxConfig: { label: "VAT", rateBasisPoints: 1900, included: false },
        tickets: [
          { name: "Early bird", price: 1800, currency: "EUR", quantity: 50 },
          { name: "Door", price: 2500, currency: "EUR", quantity: 50 },
        ],
      },
    }),
    201,
  );
  return { event, variants: product.variants as { id: string }[] };
}

async function placeOrder(request: APIRequestContext, eventId: string, items: { variantId: string; quantity: number }[]) {
  const { order } = await json(
    await request.post(`/product-event/${eventId}/orders`, {
      data: { items, buyer: { firstName: "Mia", lastName: "Phone", email: `mia-${randomUUID().slice(0, 8)}@example.com` } },
    }),
    201,
  );
  expect(order.status).toBe("PENDING_PAYMENT");
  return order as { id: string; checkoutUrl: string; total: number };
}

test("a paid order is paid at the test checkout, then its order page", async ({ page, request, capture }) => {
  const { event, variants } = await saleWithTax(request);
  const order = await placeOrder(request, event.id, [
    { variantId: variants[0]!.id, quantity: 2 },
    { variantId: variants[1]!.id, quantity: 1 },
  ]);
  expect(new URL(order.checkoutUrl).pathname).toBe(`/checkout/test/${order.id}`);

  await page.goto(new URL(order.checkoutUrl).pathname);
  await expect(page.getByRole("heading", { name: "Test checkout" })).toBeVisible();
  const items = page.getByTestId("checkout-items");
  await expect(items).toContainText("Early bird");
  await expect(items).toContainText("× 2");
  await expect(page.getByTestId("checkout-tax")).toContainText("VAT");
  await expect(page.getByTestId("checkout-tax")).toContainText("€11.59");
  await expect(page.getByTestId("checkout-total")).toHaveText("€72.59");
  await expect(page.getByTestId("checkout-hold")).toContainText(/held for 1[45] minutes/);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  await capture("test-checkout");

  await page.getByRole("button", { name: "Pay €72.59" }).click();
  await page.waitForURL(`**/orders/${order.id}`);
  const paid = await json(await request.get(`/product-event/${event.id}/availability`), 200);
  expect(paid.variants.map((v: { available: number }) => v.available)).toEqual([48, 49]);

  // Back at the checkout: nothing left to pay.
  await page.goto(`/checkout/test/${order.id}`);
  await expect(page.getByText("nothing to pay")).toBeVisible();
  await capture("test-checkout-paid");
});

test("Cancel at the test checkout gives the held tickets back", async ({ page, request }) => {
  const { event, variants } = await saleWithTax(request);
  const order = await placeOrder(request, event.id, [{ variantId: variants[1]!.id, quantity: 3 }]);
  const held = await json(await request.get(`/product-event/${event.id}/availability`), 200);
  expect(held.variants[1].available).toBe(47);

  await page.goto(`/checkout/test/${order.id}`);
  await page.getByRole("button", { name: "Cancel and release the tickets" }).click();
  await page.waitForURL(`**/orders/${order.id}`);
  const released = await json(await request.get(`/product-event/${event.id}/availability`), 200);
  expect(released.variants[1].available).toBe(50);
});
