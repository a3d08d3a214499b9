// When an event's automatic guest mails are due: the reminder (reminderHoursBefore before the
// start) and the location (the address reveal moment). Stored on the event (reminderDueAt,
// locationNoticeDueAt) when it is created or its times change, so the notices sweep finds due
// events by an index instead of computing this for every event; cleared once sent.
import { addressRevealMoment, type AddressRevealSettings } from "../events/address-reveal";

const HOUR_MS = 60 * 60 * 1000;

/** The default reminder, as the column's default: a day before the start. */
export const DEFAULT_REMINDER_HOURS = 24;

/** A moment still ahead, or null: a mail whose moment has passed is not sent late (nor scheduled). */
function ahead(moment: Date | null, now: Date): Date | null {
  return moment && moment.getTime() > now.getTime() ? moment : null;
}

/** When the reminder is due; null when the event has none (null or 0 hours) or its moment has passed. */
export function reminderDueAt(event: { startDate: Date; reminderHoursBefore: number | null }, now: Date): Date | null {
  if (!event.reminderHoursBefore) return null;
  return ahead(new Date(event.startDate.getTime() - event.reminderHoursBefore * HOUR_MS), now);
}

/**
 * When the location mail is due: the moment the address is revealed. Null when the address is
 * never held back (guests have it in their ticket) or it is already revealed.
 */
export function locationNoticeDueAt(event: AddressRevealSettings, now: Date): Date | null {
  return ahead(addressRevealMoment(event), now);
}
