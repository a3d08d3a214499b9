// The door's words, written once for the server's answers and the door page: a check-in's time
// on the event's clock (where the staff stand, not the phone's) and the sentences around it.
// The door page bundles this module: no server-only imports, no Node APIs.
import { formatClock, formatEventDay, sameDayIn, zoneAbbreviation } from "../../../components/format";
import type { CheckInAnswer } from "./schema";

/** "21:04" on the same day there as `now`; "Tue 24 Nov · 23:00" on another. */
export function doorTime(at: Date, timeZone: string, now: Date = new Date()): string {
  return sameDayIn(at, now, timeZone) ? formatClock(at, timeZone) : formatEventDay(at, timeZone, now);
}

/** The same time with its zone, as the door page shows it: "21:04 CET". */
export function formatDoorTime(at: Date, timeZone: string, now: Date = new Date()): string {
  return `${doorTime(at, timeZone, now)} ${zoneAbbreviation(at, timeZone)}`;
}

/** "just now", "12 min ago", "3 h ago". */
export function formatAgo(at: Date, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

export const NOT_ON_LIST_MESSAGE = "This code is not on this event's list";

export function checkedInMessage(fullName: string): string {
  return `Checked in: ${fullName}`;
}

/** "Zoë Müller was already checked in at 21:04 by Sam". */
export function alreadyCheckedInMessage(fullName: string, at: Date, by: { name: string } | null, timeZone: string, now: Date = new Date()): string {
  return `${fullName} was already checked in at ${doorTime(at, timeZone, now)}${by ? ` by ${by.name}` : ""}`;
}

/** The sentence for a check-in's answer given at `at`, in the event's time zone. */
export function answerMessage(answer: CheckInAnswer, timeZone: string, at: Date): string {
  if (answer.result === "CHECKED_IN") return checkedInMessage(answer.guest.fullName);
  if (answer.result === "ALREADY_CHECKED_IN")
    return alreadyCheckedInMessage(answer.guest.fullName, answer.checkedInAt, answer.checkedInBy, timeZone, at);
  return NOT_ON_LIST_MESSAGE;
}
