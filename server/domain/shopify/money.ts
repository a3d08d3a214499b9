// Integer minor units to the decimal string Shopify's Money scalar takes, without a float:
// 2500 EUR -> "25.00", 500 JPY -> "500", 1234 KWD -> "1.234". The number of decimals is the
// currency's own, as Intl (ICU) knows it: the same rule the pages use to show prices.

export function minorUnitsToDecimal(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits)) throw new RangeError(`price ${minorUnits} is not an integer of minor units`);
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const sign = minorUnits < 0 ? "-" : "";
  const units = Math.abs(minorUnits)
    .toString()
    .padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${units}`;
  return `${sign}${units.slice(0, units.length - digits)}.${units.slice(units.length - digits)}`;
}
