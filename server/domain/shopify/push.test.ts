// The pure parts of the push: prices as Shopify's decimal strings, and the throttle wait.
import { describe, expect, it } from "vitest";
import { minorUnitsToDecimal } from "./money";
import { MAX_THROTTLE_WAIT_MS, throttleWaitMs } from "./push";

describe("minorUnitsToDecimal", () => {
  it("writes integer minor units as an exact decimal string with the currency's decimals", () => {
    expect(minorUnitsToDecimal(2500, "EUR")).toBe("25.00");
    expect(minorUnitsToDecimal(750, "EUR")).toBe("7.50");
    expect(minorUnitsToDecimal(5, "USD")).toBe("0.05");
    expect(minorUnitsToDecimal(0, "EUR")).toBe("0.00");
    expect(minorUnitsToDecimal(500, "JPY")).toBe("500");
    expect(minorUnitsToDecimal(1234, "KWD")).toBe("1.234");
    // Beyond a float's exact decimals, still exact.
    expect(minorUnitsToDecimal(9_007_199_254_740_991, "EUR")).toBe("90071992547409.91");
  });

  it("refuses a non-integer", () => {
    expect(() => minorUnitsToDecimal(25.5, "EUR")).toThrow(RangeError);
  });
});

describe("throttleWaitMs", () => {
  const answer = (requestedQueryCost: number, currentlyAvailable: number, restoreRate: number) => ({
    cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable, restoreRate } },
  });

  it("waits until the bucket holds the request's cost again", () => {
    expect(throttleWaitMs(answer(52, 2, 50))).toBe(1000);
    expect(throttleWaitMs(answer(112, 12, 100))).toBe(1000);
    expect(throttleWaitMs(answer(10, 9, 3))).toBe(334); // rounded up, never too early
  });

  it("caps the wait, and falls back to a second when the answer says nothing usable", () => {
    expect(throttleWaitMs(answer(2000, 0, 1))).toBe(MAX_THROTTLE_WAIT_MS);
    expect(throttleWaitMs(answer(10, 50, 100))).toBe(1000);
    expect(throttleWaitMs(undefined)).toBe(1000);
    expect(throttleWaitMs({ cost: { requestedQueryCost: 10 } })).toBe(1000);
  });
});
