// Display formatting shared by pages. Times are shown in the event's own IANA zone (where
// the guest will be), money from integer minor units without ever going through a float.

const LOCALE = "en-GB";

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** "CET", "EST", "GMT+9": a short zone name, preferring letters over an offset. */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  const zone = safeZone(timeZone);
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
      .formatToParts(date)
      .find((part) => part.type === "timeZoneName")?.value ?? zone;
  const british = name("en-GB"); // CET, WET, GMT
  if (!/^GMT[+-]/.test(british)) return british;
  const american = name("en-US"); // EST, PST
  return /^GMT[+-]/.test(american) ? british : american;
}

/** "Fri 12 Dec · 22:00 CET" (the year is added when it is not the current one). */
export function formatEventStart(start: Date, timeZone: string, now: Date = new Date()): string {
  const zone = safeZone(timeZone);
  const parts = (d: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat(LOCALE, {
        timeZone: zone,
        weekday: "short",
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      })
        .formatToParts(d)
        .map((part) => [part.type, part.value]),
    ) as Record<Intl.DateTimeFormatPartTypes, string | undefined>;
  const p = parts(start);
  const year = p.year === parts(now).year ? "" : ` ${p.year}`;
  return `${p.weekday} ${p.day} ${p.month}${year} · ${p.hour}:${p.minute} ${zoneAbbreviation(start, zone)}`;
}

/** 1550 EUR -> "€15.50"; 500 JPY -> "¥500". */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat(LOCALE, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minorUnits < 0;
  const units = Math.abs(Math.trunc(minorUnits)).toString().padStart(digits + 1, "0");
  const decimal =
    digits === 0 ? units : `${units.slice(0, units.length - digits)}.${units.slice(units.length - digits)}`;
  return format.format(`${negative ? "-" : ""}${decimal}` as `${number}`);
}

/** "from €15.00", "€15.00" when every ticket costs the same, "Free" when they all are. */
export function formatPriceRange(range: { min: number; max: number; currency: string } | null): string | null {
  if (!range) return null;
  if (range.max === 0) return "Free";
  if (range.min === range.max) return formatMoney(range.min, range.currency);
  if (range.min === 0) return `Free to ${formatMoney(range.max, range.currency)}`;
  return `from ${formatMoney(range.min, range.currency)}`;
}

/** Up to two capital initials: "Camille Curator" -> "CC". */
export function initials(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join("");
}

/** "Sat 12 Dec · 22:00 – 05:00 CET", or both ends in full when the event runs past a day. */
export function formatEventRange(start: Date, end: Date | null, timeZone: string, now: Date = new Date()): string {
  const from = formatEventStart(start, timeZone, now);
  if (!end) return from;
  if (end.getTime() - start.getTime() < 24 * 60 * 60 * 1000) {
    const zone = safeZone(timeZone);
    const time = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(end);
    const abbreviation = zoneAbbreviation(end, zone);
    return `${from.replace(/ (\S+)$/, "")} – ${time} ${abbreviation}`;
  }
  return `${from} – ${formatEventStart(end, timeZone, now)}`;
}
