// Display formatting shared by pages. Times are shown in the event's own IANA zone (where
// the guest will be), money from integer minor units without ever going through a float.

const LOCALE = "en-GB";

/**
 * Formatters by locale, zone and options: building an Intl.DateTimeFormat costs far more than
 * using one (measured: 0.42 -> 0.03 ms per event's time range), and the door formats a time for
 * every repeated scan, a list one for every event, a tickets mail one for each of its two bodies.
 * An unknown zone is shown in UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      found = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    }
    formatters.set(key, found);
  }
  return found;
}

/** "CET", "EST", "GMT+9": a short zone name, preferring letters over an offset. */
export function zoneAbbreviation(date: Date, timeZone: string): string {
  const name = (locale: string) => {
    const zone = formatter(locale, timeZone, { timeZoneName: "short" });
    return zone.formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? zone.resolvedOptions().timeZone;
  };
  const british = name("en-GB"); // CET, WET, GMT
  if (!/^GMT[+-]/.test(british)) return british;
  const american = name("en-US"); // EST, PST
  return /^GMT[+-]/.test(american) ? british : american;
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const DAY: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };
const EVENT_DAY: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

/** "21:04" on the zone's clock. */
export function formatClock(at: Date, timeZone: string): string {
  return formatter(LOCALE, timeZone, CLOCK).format(at);
}

/** Whether two instants fall on the same calendar day in the zone. */
export function sameDayIn(a: Date, b: Date, timeZone: string): boolean {
  const day = formatter(LOCALE, timeZone, DAY);
  return day.format(a) === day.format(b);
}

/** "Fri 12 Dec · 22:00" (the year is added when it is not the current one), without the zone. */
export function formatEventDay(start: Date, timeZone: string, now: Date = new Date()): string {
  const format = formatter(LOCALE, timeZone, EVENT_DAY);
  const parts = (d: Date) =>
    Object.fromEntries(format.formatToParts(d).map((part) => [part.type, part.value])) as Record<Intl.DateTimeFormatPartTypes, string | undefined>;
  const p = parts(start);
  const year = p.year === parts(now).year ? "" : ` ${p.year}`;
  return `${p.weekday} ${p.day} ${p.month}${year} · ${p.hour}:${p.minute}`;
}

/** "Fri 12 Dec · 22:00 CET" (the year is added when it is not the current one). */
export function formatEventStart(start: Date, timeZone: string, now: Date = new Date()): string {
  return `${formatEventDay(start, timeZone, now)} ${zoneAbbreviation(start, timeZone)}`;
}

/** 1550 EUR -> "€15.50"; 500 JPY -> "¥500". */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat(LOCALE, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minorUnits < 0;
  const units = Math.abs(Math.trunc(minorUnits))
    .toString()
    .padStart(digits + 1, "0");
  const decimal = digits === 0 ? units : `${units.slice(0, units.length - digits)}.${units.slice(units.length - digits)}`;
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
  if (!end) return formatEventStart(start, timeZone, now);
  if (end.getTime() - start.getTime() < 24 * 60 * 60 * 1000) {
    return `${formatEventDay(start, timeZone, now)} – ${formatClock(end, timeZone)} ${zoneAbbreviation(end, timeZone)}`;
  }
  return `${formatEventStart(start, timeZone, now)} – ${formatEventStart(end, timeZone, now)}`;
}
