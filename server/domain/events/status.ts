// The event status diagram of spec section 9, as data, with one arrow more (DESIGN.md "Events end"):
//
//   [*] -> UPCOMING (create)
//   UPCOMING -> ON_HOLD (pause)      ON_HOLD -> UPCOMING (resume)
//   UPCOMING -> CANCELED (cancel)    ON_HOLD -> CANCELED (cancel a paused event)
//   UPCOMING -> COMPLETED (the sweep, or the curator by hand)
//   COMPLETED and CANCELED are final.
//
// ON_HOLD -> CANCELED is not in the spec's diagram: resuming a paused event only to cancel it
// would reopen its sales for a moment. Everything else is refused. Manual completion stays
// allowed because an event with allowAutoComplete off is never completed by the sweep: its
// curator closes it instead.
import { AppError } from "../../errors";
import { EventStatus } from "../../generated/prisma/enums";

export const EVENT_STATUS_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  [EventStatus.UPCOMING]: [EventStatus.ON_HOLD, EventStatus.CANCELED, EventStatus.COMPLETED],
  [EventStatus.ON_HOLD]: [EventStatus.UPCOMING, EventStatus.CANCELED],
  [EventStatus.CANCELED]: [],
  [EventStatus.COMPLETED]: [],
};

export function allowedNextStatuses(from: EventStatus): readonly EventStatus[] {
  return EVENT_STATUS_TRANSITIONS[from];
}

export function canTransition(from: EventStatus, to: EventStatus): boolean {
  return EVENT_STATUS_TRANSITIONS[from].includes(to);
}

export function isFinalStatus(status: EventStatus): boolean {
  return EVENT_STATUS_TRANSITIONS[status].length === 0;
}

/** Throws ILLEGAL_TRANSITION (409) naming the current status and the allowed moves. */
export function assertTransition(from: EventStatus, to: EventStatus): void {
  if (canTransition(from, to)) return;
  const allowedStatuses = [...allowedNextStatuses(from)];
  const message = isFinalStatus(from)
    ? `The event is ${from}, which is final: its status can no longer change`
    : `The event is ${from}; it cannot move to ${to}, only to ${allowedStatuses.join(" or ")}`;
  throw new AppError("ILLEGAL_TRANSITION", message, { extra: { currentStatus: from, allowedStatuses } });
}
