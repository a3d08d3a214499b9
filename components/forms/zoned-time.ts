// Wall-clock times in an event's IANA zone <-> instants. A curator types "22:00" meaning
// 22:00 where the event happens, whatever zone their laptop is in; the API wants an ISO
// string with its offset. DST follows Temporal's "compatible" rule: a time skipped by a
// spring-forward gap moves forward by the gap, and a time that happens twice (autumn) is
// the first of the two.

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Offset of `zone` from UTC at `instant`, in milliseconds (+01:00 is 3 600 000). */
export function zoneOffsetMs(zone: string, instant: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) return 0; // "GMT" alone: UTC+0
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3] ?? 0)) * MINUTE_MS;
}

/** "2026-12-12T22:00" in `zone` -> the instant, or null when the text is not a wall time. */
export function zonedWallTimeToDate(wallTime: string, zone: string): Date | null {
  const m = WALL_TIME.exec(wallTime.trim());
  if (!m) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1).map((v) => Number(v ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2026-02-30 over to March: refuse instead of guessing.
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // Any transition near this wall time lies between the offsets a day before and after.
  const before = zoneOffsetMs(zone, new Date(wall - DAY_MS));
  const after = zoneOffsetMs(zone, new Date(wall + DAY_MS));
  const candidates = [wall - before, wall - after].filter((instant, i) => zoneOffsetMs(zone, new Date(instant)) === (i === 0 ? before : after));
  // Two candidates: the repeated hour, take the earlier. None: the skipped hour, shift forward.
  const instant = candidates.length > 0 ? Math.min(...candidates) : wall - before;
  return new Date(instant);
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, "0");
}

/** The instant as `zone`'s wall clock: "2026-12-12T22:00" (what datetime-local inputs hold). */
export function dateToZonedWallTime(instant: Date, zone: string): string {
  const local = new Date(instant.getTime() + zoneOffsetMs(zone, instant));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(
    local.getUTCHours(),
  )}:${pad(local.getUTCMinutes())}`;
}

/** The instant as ISO 8601 with `zone`'s offset at that moment: "2026-12-12T22:00:00+01:00". */
export function toIsoWithOffset(instant: Date, zone: string): string {
  const offset = zoneOffsetMs(zone, instant);
  const local = new Date(instant.getTime() + offset);
  const minutes = Math.round(offset / MINUTE_MS);
  const sign = minutes < 0 ? "-" : "+";
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** Wall time in `zone` straight to the ISO string the API takes, or null when unreadable. */
export function wallTimeToIso(wallTime: string, zone: string): string | null {
  const instant = zonedWallTimeToDate(wallTime, zone);
  return instant ? toIsoWithOffset(instant, zone) : null;
}

/** Whether the runtime knows `zone`. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the runtime knows, with UTC, sorted. */
export function supportedTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", ...zones])].sort();
}
