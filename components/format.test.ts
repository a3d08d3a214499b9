import { describe, expect, it } from "vitest";
import { formatEventRange, formatEventStart, formatMoney, formatPriceRange, zoneAbbreviation } from "./format";

const now = new Date("2026-11-25T12:00:00Z");

describe("formatEventStart", () => {
  it("shows the event's wall-clock time and zone, not the server's", () => {
    expect(formatEventStart(new Date("2026-12-12T21:00:00Z"), "Europe/Berlin", now)).toBe("Sat 12 Dec · 22:00 CET");
    expect(formatEventStart(new Date("2026-12-12T21:00:00Z"), "Asia/Tokyo", now)).toBe("Sun 13 Dec · 06:00 GMT+9");
  });

  it("adds the year only when it is not the current one", () => {
    expect(formatEventStart(new Date("2027-01-03T04:00:00Z"), "America/New_York", now)).toBe("Sat 2 Jan 2027 · 23:00 EST");
  });

  it("falls back to UTC for a zone it does not know", () => {
    expect(formatEventStart(new Date("2026-12-12T21:00:00Z"), "Mars/Olympus", now)).toBe("Sat 12 Dec · 21:00 UTC");
  });

  it("prefers letters over an offset for the zone name", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    expect(zoneAbbreviation(winter, "Europe/Lisbon")).toBe("WET");
    expect(zoneAbbreviation(winter, "America/Los_Angeles")).toBe("PST");
  });
});

describe("formatMoney", () => {
  it("formats integer minor units with the currency's own decimals", () => {
    expect(formatMoney(1550, "EUR")).toBe("€15.50");
    expect(formatMoney(5, "EUR")).toBe("€0.05");
    expect(formatMoney(500, "JPY")).toBe("JP¥500");
    // Intl puts a no-break space between a currency code and the amount.
    expect(formatMoney(12345, "KWD").replace(/\s/u, " ")).toBe("KWD 12.345");
    expect(formatMoney(-250, "GBP")).toBe("-£2.50");
  });
});

describe("formatPriceRange", () => {
  it("says 'from' only when prices differ", () => {
    expect(formatPriceRange({ min: 1500, max: 6000, currency: "EUR" })).toBe("from €15.00");
    expect(formatPriceRange({ min: 2500, max: 2500, currency: "EUR" })).toBe("€25.00");
    expect(formatPriceRange({ min: 0, max: 0, currency: "EUR" })).toBe("Free");
    expect(formatPriceRange({ min: 0, max: 2000, currency: "EUR" })).toBe("Free to €20.00");
    expect(formatPriceRange(null)).toBeNull();
  });
});

describe("formatEventRange", () => {
  it("writes the end as a time when the event ends within a day", () => {
    expect(formatEventRange(new Date("2026-12-12T21:00:00Z"), new Date("2026-12-13T04:00:00Z"), "Europe/Berlin", now)).toBe(
      "Sat 12 Dec · 22:00 – 05:00 CET",
    );
    expect(formatEventRange(new Date("2026-12-12T21:00:00Z"), null, "Europe/Berlin", now)).toBe("Sat 12 Dec · 22:00 CET");
    expect(formatEventRange(new Date("2026-12-12T21:00:00Z"), new Date("2026-12-14T21:00:00Z"), "Europe/Berlin", now)).toBe(
      "Sat 12 Dec · 22:00 CET – Mon 14 Dec · 22:00 CET",
    );
  });
});
