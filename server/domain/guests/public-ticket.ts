// A guest's ticket as the guest sees it: in the ticket mail (queued in the transaction that puts
// them on the list) and on the public ticket page /t/<code>. The code is the only key: 128
// random bits, so knowing it is what entitles one to see the ticket.
import QRCode from "qrcode";
import type { Db, Tx } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { isAddressRevealed } from "../events/address-reveal";
import { eventViewSelect, toEventView } from "../events/views";
import { queueMail } from "../mail/queue";
import type { TicketMailProps } from "../mail/templates/ticket";

const ticketSelect = {
  id: true,
  ticketCode: true,
  guest: { select: { fullName: true, email: true } },
  event: { select: eventViewSelect },
} as const;

type TicketRow = { ticketCode: string; guest: { fullName: string }; event: Parameters<typeof toEventView>[0] };

export function ticketUrl(code: string): string {
  return new URL(`/t/${encodeURIComponent(code)}`, env().APP_URL).toString();
}

/** The event as a ticket shows it: its times as ISO instants, the location only once revealed. */
export function ticketEvent(row: TicketRow["event"], now: Date): TicketMailProps["event"] {
  const event = toEventView(row);
  return {
    title: event.title,
    startDate: event.startDate.toISOString(),
    endDate: event.endDate?.toISOString() ?? null,
    timezone: event.timezone,
    venue: event.venue,
    location: isAddressRevealed(event, now) ? event.location : null,
  };
}

function toTicket(row: TicketRow, now: Date): TicketMailProps {
  return {
    guestName: row.guest.fullName,
    ticketCode: row.ticketCode,
    ticketUrl: ticketUrl(row.ticketCode),
    event: ticketEvent(row.event, now),
  };
}

/**
 * Queues one ticket mail per newly listed guest with an email (inside the caller's transaction);
 * `ticket:<guestToEventId>` makes a repeat queue nothing.
 */
export async function queueTicketMails(tx: Tx, guestToEventIds: string[], now: Date = new Date()): Promise<number> {
  if (guestToEventIds.length === 0) return 0;
  const rows = await tx.eventGuestToEvent.findMany({
    where: { id: { in: guestToEventIds }, guest: { email: { not: null }, deletedAt: null } },
    select: ticketSelect,
  });
  for (const row of rows) {
    await queueMail(tx, { to: row.guest.email!, template: "ticket", props: toTicket(row, now), dedupeKey: `ticket:${row.id}` });
  }
  return rows.length;
}

/** /t/<code>: the ticket of a live guest of a live event, its QR code as SVG; NOT_FOUND otherwise. */
export async function getPublicTicket(db: Db, code: string, now: Date = new Date()): Promise<TicketMailProps & { qrSvg: string }> {
  const row = await db.eventGuestToEvent.findFirst({
    where: { ticketCode: code, guest: { deletedAt: null }, event: { deletedAt: null } },
    select: ticketSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "No such ticket: the link may be mistyped");
  const qrSvg = await QRCode.toString(row.ticketCode, { errorCorrectionLevel: "M", margin: 2, type: "svg" });
  return { ...toTicket(row, now), qrSvg };
}
