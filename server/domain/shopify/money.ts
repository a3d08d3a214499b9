// Integer minor units to the decimal string Shopify's Money scalar takes, without a float:
// 2500 EUR -> "25.00", 500 JPY -> "500", 1234 KWD -> "1.234". The number of decimals is the
// currency's own, as Intl (ICU) knows it: the same rule the pages use to show prices.
// And back: the decimal strings Shopify's webhooks carry ("25.00") to integer minor units.

function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function minorUnitsToDecimal(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits)) throw new RangeError(`price ${minorUnits} is not an integer of minor units`);
  const digits = currencyDigits(currency);
  const sign = minorUnits < 0 ? "-" : "";
  const units = Math.abs(minorUnits)
    .toString()
    .padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${units}`;
  return `${sign}${units.slice(0, units.length - digits)}.${units.slice(units.length - digits)}`;
}

/** "25.00" EUR -> 2500, "500" JPY -> 500; null for text that is not such an amount (or has more decimals than the currency). */
export function decimalToMinorUnits(amount: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return null;
  const [, whole, fraction = ""] = match;
  const kept = fraction.replace(/0+$/, "");
  if (kept.length > digits) return null;
  const units = Number(`${whole}${fraction.padEnd(digits, "0").slice(0, digits)}`);
  return Number.isSafeInteger(units) ? units : null;
}
