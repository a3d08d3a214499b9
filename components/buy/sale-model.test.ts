import { describe, expect, it } from "vitest";
import { timeLeft } from "./hold-countdown";
import { applySoldOut, availabilityLabel, formFieldOf, maxPickable, orderItems, orderSummary, taxLine, type SaleVariant } from "./sale-model";

const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday

function variant(overrides: Partial<SaleVariant> = {}): SaleVariant {
  return {
    variantId: "00000000-0000-4000-8000-000000000001",
    name: "Standing",
    price: 2500,
    currency: "EUR",
    available: 100,
    state: "ON_SALE",
    saleStartsAt: null,
    saleEndsAt: null,
    maxPerOrder: 10,
    ...overrides,
  };
}

const vip = variant({ variantId: "00000000-0000-4000-8000-000000000002", name: "VIP", price: 5950, maxPerOrder: 4, available: 3 });

describe("a ticket type's availability on the post page", () => {
  it("says how many are left only when few are", () => {
    expect(availabilityLabel(variant({ available: 12 }), "Europe/Berlin", now)).toBe("12 left");
    expect(availabilityLabel(variant({ available: 21 }), "Europe/Berlin", now)).toBeNull();
  });

  it("says sold out, and when a sale opens in the event's zone", () => {
    expect(availabilityLabel(variant({ state: "SOLD_OUT", available: 0 }), "Europe/Berlin", now)).toBe("Sold out");
    const friday = variant({ state: "NOT_ON_SALE", saleStartsAt: new Date("2026-11-27T09:00:00Z") });
    expect(availabilityLabel(friday, "Europe/Berlin", now)).toBe("On sale Fri 27 Nov · 10:00 CET");
    expect(availabilityLabel(friday, "America/New_York", now)).toBe("On sale Fri 27 Nov · 04:00 EST");
    expect(availabilityLabel(variant({ state: "NOT_ON_SALE", saleEndsAt: new Date("2026-11-24T00:00:00Z") }), "UTC", now)).toBe("Sales closed");
  });

  it("offers at most the per-order maximum, never more than is left, nothing off sale", () => {
    expect(maxPickable(variant({ available: 100, maxPerOrder: 10 }))).toBe(10);
    expect(maxPickable(vip)).toBe(3);
    expect(maxPickable(variant({ state: "NOT_ON_SALE" }))).toBe(0);
    expect(maxPickable(variant({ state: "SOLD_OUT", available: 0 }))).toBe(0);
  });
});

describe("the live order summary", () => {
  const standing = variant();

  it("prices chosen types only, with tax included in the prices", () => {
    const tax = { label: "VAT", rateBasisPoints: 1900, included: true };
    const summary = orderSummary({ variants: [standing, vip], tax }, { [vip.variantId]: 2, [standing.variantId]: 0 });
    expect(summary).toEqual({
      lines: [{ variantId: vip.variantId, name: "VIP", quantity: 2, amount: 11_900 }],
      tickets: 2,
      subtotal: 11_900,
      tax: 1900,
      total: 11_900,
    });
    expect(taxLine(tax)).toBe("incl. VAT 19 %");
  });

  it("adds tax on top when it is not included", () => {
    const tax = { label: "Sales tax", rateBasisPoints: 875, included: false };
    const summary = orderSummary({ variants: [standing], tax }, { [standing.variantId]: 3 });
    expect(summary).toMatchObject({ subtotal: 7500, tax: 656, total: 8156 });
    expect(taxLine(tax)).toBe("+ Sales tax 8.75 %");
  });

  it("sends the chosen types in the page's order", () => {
    expect(orderItems([standing, vip], { [vip.variantId]: 1, [standing.variantId]: 2 })).toEqual([
      { variantId: standing.variantId, quantity: 2 },
      { variantId: vip.variantId, quantity: 1 },
    ]);
  });
});

describe("the server's answers on the form", () => {
  it("SOLD_OUT updates what is left and cuts the pickers down to it", () => {
    const standing = variant();
    const result = applySoldOut([standing, vip], { [standing.variantId]: 4, [vip.variantId]: 3 }, [
      { variantId: standing.variantId, available: 2 },
      { variantId: vip.variantId, available: 0 },
    ]);
    expect(result.variants.map((v) => [v.name, v.available, v.state])).toEqual([
      ["Standing", 2, "ON_SALE"],
      ["VIP", 0, "SOLD_OUT"],
    ]);
    expect(result.quantities).toEqual({ [standing.variantId]: 2, [vip.variantId]: 0 });
    expect(result.notes).toEqual(["Standing: only 2 left.", "VIP: sold out."]);
  });

  it("puts a field error next to its field, an item's next to its ticket type's picker", () => {
    const items = [{ variantId: vip.variantId }];
    expect(formFieldOf("order.buyer.email", items)).toBe("buyer.email");
    expect(formFieldOf("items.0.quantity", items)).toBe(`variant.${vip.variantId}`);
    expect(formFieldOf("order.items", items)).toBe("items");
  });
});

describe("the hold's countdown", () => {
  it("shows minutes and seconds, never below zero", () => {
    const until = new Date(now.getTime() + 14 * 60_000 + 5_500);
    expect(timeLeft(until, now.getTime())).toBe("14:06");
    expect(timeLeft(until, until.getTime() + 1000)).toBe("0:00");
  });
});
