// Money typed by people -> integer minor units, and back, without ever going through a float:
// "25.00" EUR is 2500, "1,250.5" is 125050, "500" JPY is 500.

/** How many decimals `currency` has (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type DecimalParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * A non-negative decimal with at most `digits` decimals -> an integer scaled by 10^digits,
 * by joining digit strings. Accepts "1,250.50" (thousands commas), "25,50" (a decimal comma)
 * and spaces between groups.
 */
export function parseScaledDecimal(text: string, digits: number): DecimalParse {
  let t = text.trim().replace(/[\s\u00a0\u202f_]/g, "");
  if (t === "") return { ok: false, message: "Required" };
  if (t.startsWith("-")) return { ok: false, message: "Can't be negative" };
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replace(/,/g, "");
  else if (/^\d*,\d*$/.test(t)) t = t.replace(",", ".");
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return { ok: false, message: "Enter a number, like 25.00" };
  const whole = m[1] || "0";
  const fraction = (m[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) {
    return {
      ok: false,
      message: digits === 0 ? "Whole amounts only" : `At most ${digits} decimal place${digits === 1 ? "" : "s"}`,
    };
  }
  const joined = `${whole}${fraction.padEnd(digits, "0")}`.replace(/^0+(?=\d)/, "");
  const value = Number(joined);
  if (!Number.isSafeInteger(value)) return { ok: false, message: "That amount is too large" };
  return { ok: true, value };
}

/** "25.00" in EUR -> 2500 minor units. */
export function parseMoneyInput(text: string, currency: string): DecimalParse {
  return parseScaledDecimal(text, currencyDigits(currency));
}

/** An integer scaled by 10^digits as the plain decimal a field shows: 2500, 2 -> "25.00". */
export function formatScaledDecimal(value: number, digits: number): string {
  const units = Math.abs(Math.trunc(value))
    .toString()
    .padStart(digits + 1, "0");
  const text = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return value < 0 ? `-${text}` : text;
}

/** 2500 minor units of EUR -> "25.00", what the price field starts with. */
export function formatMoneyInput(minorUnits: number, currency: string): string {
  return formatScaledDecimal(minorUnits, currencyDigits(currency));
}
