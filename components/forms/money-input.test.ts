import { describe, expect, it } from "vitest";
import { formatMoneyInput, parseMoneyInput, parseScaledDecimal } from "./money-input";

describe("parseMoneyInput", () => {
  it("turns what people type into exact minor units", () => {
    expect(parseMoneyInput("25.00", "EUR")).toEqual({ ok: true, value: 2500 });
    expect(parseMoneyInput("25", "EUR")).toEqual({ ok: true, value: 2500 });
    expect(parseMoneyInput("0.1", "EUR")).toEqual({ ok: true, value: 10 });
    expect(parseMoneyInput("19.99", "USD")).toEqual({ ok: true, value: 1999 });
    // 0.29 * 100 is 28.999999999999996 in floating point; strings don't have that problem.
    expect(parseMoneyInput("0.29", "EUR")).toEqual({ ok: true, value: 29 });
    expect(parseMoneyInput("1,250.50", "GBP")).toEqual({ ok: true, value: 125050 });
    expect(parseMoneyInput("25,50", "EUR")).toEqual({ ok: true, value: 2550 });
    expect(parseMoneyInput(" 1 250 ", "EUR")).toEqual({ ok: true, value: 125000 });
    expect(parseMoneyInput("0", "EUR")).toEqual({ ok: true, value: 0 });
    expect(parseMoneyInput(".5", "EUR")).toEqual({ ok: true, value: 50 });
  });

  it("follows the currency's decimals", () => {
    expect(parseMoneyInput("500", "JPY")).toEqual({ ok: true, value: 500 });
    expect(parseMoneyInput("500.5", "JPY")).toMatchObject({ ok: false, message: "Whole amounts only" });
    expect(parseMoneyInput("12.345", "KWD")).toEqual({ ok: true, value: 12345 });
    expect(parseMoneyInput("25.001", "EUR")).toMatchObject({ ok: false, message: "At most 2 decimal places" });
    expect(parseMoneyInput("25.000", "EUR")).toEqual({ ok: true, value: 2500 });
  });

  it("explains what is wrong with anything else", () => {
    expect(parseMoneyInput("", "EUR")).toMatchObject({ ok: false, message: "Required" });
    expect(parseMoneyInput("-5", "EUR")).toMatchObject({ ok: false, message: "Can't be negative" });
    expect(parseMoneyInput("abc", "EUR")).toMatchObject({ ok: false });
    expect(parseMoneyInput("1.2.3", "EUR")).toMatchObject({ ok: false });
    expect(parseMoneyInput("99999999999999999999", "EUR")).toMatchObject({ ok: false });
  });

  it("scales percentages the same way (19.5 % is 1950 basis points)", () => {
    expect(parseScaledDecimal("19.5", 2)).toEqual({ ok: true, value: 1950 });
    expect(parseScaledDecimal("7", 2)).toEqual({ ok: true, value: 700 });
  });
});

describe("formatMoneyInput", () => {
  it("writes minor units as the plain decimal a field starts with", () => {
    expect(formatMoneyInput(2500, "EUR")).toBe("25.00");
    expect(formatMoneyInput(5, "EUR")).toBe("0.05");
    expect(formatMoneyInput(500, "JPY")).toBe("500");
    expect(formatMoneyInput(12345, "KWD")).toBe("12.345");
  });
});
