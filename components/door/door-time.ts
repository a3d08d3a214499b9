// Times at the door, on the event's clock (where the staff stand), not the phone's.
import { formatEventStart, zoneAbbreviation } from "../format";

function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** "21:04 CET" on the same day there as `now`; "Fri 12 Dec · 21:04 CET" on another. */
export function formatDoorTime(at: Date, timeZone: string, now: Date = new Date()): string {
  let zone = timeZone;
  try {
    if (dayIn(at, timeZone) !== dayIn(now, timeZone)) return formatEventStart(at, timeZone, now);
  } catch {
    zone = "UTC"; // an unknown zone: formatEventStart falls back the same way
  }
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return `${clock} ${zoneAbbreviation(at, zone)}`;
}

/** "just now", "12 min ago", "3 h ago". */
export function formatAgo(at: Date, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}
