// The automatic mails to an event's guests: each guest gets each one once, however often a job
// runs. A mail's dedupe key names the guest, the event and the one cause (the reminder or the
// reveal at its due moment, the cancellation, one change of time or place): the mail row and
// its outbox message are written in one statement pair, in the transaction that reads the
// guests, and a repeated key adds nothing. So a retried job, a job run twice at once, or a
// worker killed mid-run and run again queues each mail exactly once (the mail queue then sends
// each row once: server/domain/mail/send.ts).
//
// Who gets them: every live guest with an email holding a ticket that counts (the curator's
// invitation or a PAID order), one mail per guest however many tickets they hold.
// Opt-outs are not asked here yet (the messages service owns them).
import type { Db, Tx } from "../../db/client";
import { claimDueNotices, clearDueNotice, eventMailRecipients, type DueNotice } from "../../db/sql/notices";
import { execute, query } from "../../db/sql/statement";
import { EventStatus } from "../../generated/prisma/enums";
import { ticketEvent, ticketUrl } from "../guests/public-ticket";
import { queueMails } from "../mail/queue";
import { emailsOptedOut } from "../messages/opt-out";
import type { EventNoticeMailProps } from "../mail/templates/event-notice";
import { eventViewSelect, toEventView } from "../events/views";
import type { DomainEventPayload } from "../outbox/messages";
import { locationNoticeDueAt } from "./schedule";

/** Events claimed per transaction by the sweep. */
const SWEEP_BATCH = 20;

/** Queues `notice` to every guest of the event, keyed `<key>:<guestId>`; answers how many were added. */
async function queueToGuests(
  tx: Tx,
  eventId: string,
  key: string,
  notice: (guest: { guestName: string; ticketCodes: string[] }) => EventNoticeMailProps,
  { exceptOptedOutOf }: { exceptOptedOutOf?: string } = {},
): Promise<number> {
  let guests = await query(tx, eventMailRecipients({ eventId }));
  if (exceptOptedOutOf) {
    const optedOut = await emailsOptedOut(tx, { curatorId: exceptOptedOutOf, emails: guests.map((guest) => guest.email) });
    guests = guests.filter((guest) => !optedOut.has(guest.email.toLowerCase()));
  }
  return queueMails(
    tx,
    guests.map((guest) => ({ to: guest.email, template: "event-notice", props: notice(guest), dedupeKey: `${key}:${guest.guestId}` })),
  );
}

const ticketUrls = (codes: string[]) => codes.map((code) => ticketUrl(code));

/**
 * The notices sweep (every minute): events whose reminder or location mail is due get it sent
 * to their guests, and their due moment cleared, in one transaction per batch of events
 * claimed with SKIP LOCKED. A due event that can no longer use it (canceled, completed,
 * deleted; a reminder for an event that has started) is cleared without a mail.
 */
export async function sendDueNotices(db: Db, now: Date = new Date()): Promise<{ events: number; mails: number }> {
  let events = 0;
  let mails = 0;
  for (const notice of ["REMINDER", "LOCATION"] as const) {
    for (;;) {
      const batch = await db.$transaction(async (tx) => {
        const due = await query(tx, claimDueNotices({ notice, now, batchSize: SWEEP_BATCH }));
        let queued = 0;
        for (const { id, dueAt } of due) queued += await sendDueNotice(tx, notice, id, dueAt, now);
        return { claimed: due.length, queued };
      });
      events += batch.claimed;
      mails += batch.queued;
      if (batch.claimed < SWEEP_BATCH) break;
    }
  }
  return { events, mails };
}

async function sendDueNotice(tx: Tx, notice: DueNotice, eventId: string, dueAt: Date, now: Date): Promise<number> {
  const row = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { ...eventViewSelect, deletedAt: true } });
  const event = ticketEvent(row, now);
  await execute(tx, clearDueNotice({ notice, eventId }));
  if (row.deletedAt || row.status !== EventStatus.UPCOMING) return 0;
  if (notice === "REMINDER" && row.startDate.getTime() <= now.getTime()) return 0;
  if (notice === "LOCATION" && event.location === null) {
    // Due by the column but not revealed by the rule (a setting changed without rescheduling): wait for the rule's moment.
    await tx.event.update({ where: { id: eventId }, data: { locationNoticeDueAt: locationNoticeDueAt(toEventView(row), now) } });
    return 0;
  }
  // The due moment is in the key: a postponed event's reminder, scheduled anew, goes again.
  // A guest who unsubscribed from the curator's mails gets no reminder; the location, a
  // cancellation or a change of time or place still reach them: their ticket depends on those.
  return queueToGuests(
    tx,
    eventId,
    `${notice.toLowerCase()}:${eventId}:${dueAt.getTime()}`,
    (guest) => ({ kind: notice, guestName: guest.guestName, event, ticketUrls: ticketUrls(guest.ticketCodes) }),
    { exceptOptedOutOf: notice === "REMINDER" ? row.curatorId : undefined },
  );
}

/**
 * Tells the guests their event is canceled (status CANCELED, or deleted: a deleted event's
 * guests were only the curator's invitations, whose tickets stop working). Once per guest and
 * event, whichever of the two came first.
 */
export async function sendCanceledNotices(db: Db, { eventId }: { eventId: string }, now: Date = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const row = await tx.event.findUnique({ where: { id: eventId }, select: eventViewSelect });
    if (!row) return 0;
    const event = ticketEvent(row, now);
    return queueToGuests(tx, eventId, `canceled:${eventId}`, (guest) => ({
      kind: "CANCELED",
      guestName: guest.guestName,
      event,
      ticketUrls: [],
    }));
  });
}

/**
 * Tells the guests of a live event that its time or place changed, showing it as it is now
 * (the location only once revealed: a change of a still hidden address tells nobody).
 */
export async function sendChangedNotices(db: Db, payload: DomainEventPayload<"event.moved">, now: Date = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const row = await tx.event.findFirst({ where: { id: payload.eventId, deletedAt: null }, select: eventViewSelect });
    if (!row || row.status === EventStatus.CANCELED || row.status === EventStatus.COMPLETED) return 0;
    const event = ticketEvent(row, now);
    const changes = event.location === null ? payload.changes.filter((change) => change !== "location") : payload.changes;
    if (changes.length === 0) return 0;
    return queueToGuests(tx, payload.eventId, `changed:${payload.eventId}:${payload.changeId}`, (guest) => ({
      kind: "CHANGED",
      guestName: guest.guestName,
      event,
      ticketUrls: ticketUrls(guest.ticketCodes),
      changes,
    }));
  });
}
