import { describe, expect, it } from "vitest";
import { CommissionType } from "../../generated/prisma/enums";
import { commissionOf, divideRoundingHalfUp, priceOrder, taxOf } from "./pricing";

const vat19 = { label: "VAT", rateBasisPoints: 1900, included: false };
const vat19Included = { ...vat19, included: true };

describe("order pricing", () => {
  it("rounds half up, exactly", () => {
    expect(divideRoundingHalfUp(5n, 2n)).toBe(3);
    expect(divideRoundingHalfUp(4n, 2n)).toBe(2);
    expect(divideRoundingHalfUp(7n, 3n)).toBe(2);
    expect(divideRoundingHalfUp(8n, 3n)).toBe(3);
    // 100,000,000 x 1,000,000 x 10,000 is far past 2^53.
    expect(divideRoundingHalfUp(100_000_000n * 1_000_000n * 10_000n, 10_000n)).toBe(100_000_000 * 1_000_000);
  });

  it("without tax, the total is the subtotal", () => {
    expect(priceOrder([{ unitPrice: 2500, quantity: 3 }], null, null)).toEqual({ subtotal: 7500, tax: 0, total: 7500, commission: 0 });
  });

  it("adds tax on top, rounded once per order", () => {
    // 3 x 1.05 = 3.15; 19 % of it is 0.5985 -> 0.60.
    expect(priceOrder([{ unitPrice: 105, quantity: 3 }], vat19, null)).toEqual({ subtotal: 315, tax: 60, total: 375, commission: 0 });
    // 3 tickets of 0.50: 19 % of 1.50 is 0.285 -> 0.29; rounding each ticket (0.095 -> 0.10) would charge 0.30.
    expect(taxOf(150, vat19)).toBe(29);
  });

  it("takes included tax out of the price; the total is what the prices say", () => {
    // 119.00 with 19 % included holds 19.00 of tax.
    expect(priceOrder([{ unitPrice: 11_900, quantity: 1 }], vat19Included, null)).toEqual({
      subtotal: 11_900,
      tax: 1900,
      total: 11_900,
      commission: 0,
    });
    // 25.00 with 19 % included: 25 x 19 / 119 = 3.9916 -> 3.99.
    expect(taxOf(2500, vat19Included)).toBe(399);
  });

  it("a zero rate charges nothing", () => {
    expect(taxOf(2500, { label: "VAT", rateBasisPoints: 0, included: false })).toBe(0);
  });

  it("pays a percent commission on the pre-tax subtotal", () => {
    const percent10 = { type: CommissionType.PERCENT, value: 1000 };
    expect(priceOrder([{ unitPrice: 2500, quantity: 2 }], vat19, percent10).commission).toBe(500);
    // Included tax: 119.00 is 100.00 before tax; 10 % of that.
    expect(priceOrder([{ unitPrice: 11_900, quantity: 1 }], vat19Included, percent10).commission).toBe(1000);
  });

  it("pays a fixed commission per ticket, never more than the order brought before tax", () => {
    const fixed = { type: CommissionType.FIXED, value: 300 };
    expect(
      priceOrder(
        [
          { unitPrice: 2500, quantity: 2 },
          { unitPrice: 6000, quantity: 1 },
        ],
        null,
        fixed,
      ).commission,
    ).toBe(900);
    expect(priceOrder([{ unitPrice: 0, quantity: 4 }], null, fixed).commission).toBe(0);
    expect(commissionOf(200, 1, fixed)).toBe(200);
  });
});
