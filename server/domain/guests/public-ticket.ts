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
import { eventTax } from "../orders/availability";
import type { TaxView } from "../orders/schema";

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

/** A ticket's QR code as SVG: the code itself, as the door scans it and the mail shows it. */
export function ticketQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { errorCorrectionLevel: "M", margin: 2, type: "svg" });
}

/**
 * /t/<code>: the ticket of a live guest of a live event, its QR code as SVG and, for a ticket
 * bought in an order, its ticket type; NOT_FOUND otherwise.
 */
export async function getPublicTicket(
  db: Db,
  code: string,
  now: Date = new Date(),
): Promise<TicketMailProps & { qrSvg: string; ticketType: string | null }> {
  const row = await db.eventGuestToEvent.findFirst({
    where: { ticketCode: code, guest: { deletedAt: null }, event: { deletedAt: null } },
    select: { ...ticketSelect, variant: { select: { name: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such ticket: the link may be mistyped");
  return { ...toTicket(row, now), qrSvg: await ticketQrSvg(row.ticketCode), ticketType: row.variant?.name ?? null };
}

/**
 * The order page's event, as the order's tickets show it, with its tax (the label and rate of
 * the order's tax line), and the post the order came from (where a buyer whose hold ran out can
 * try again); NOT_FOUND for an unknown order.
 */
export async function getOrderTicketEvent(
  db: Db,
  orderId: string,
  now: Date = new Date(),
): Promise<{ event: TicketMailProps["event"]; tax: TaxView | null; postSlug: string | null }> {
  const row = await db.order.findUnique({
    where: { id: orderId },
    select: { event: { select: eventViewSelect }, post: { select: { slug: true, deletedAt: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", `Order ${orderId} not found`);
  return {
    event: ticketEvent(row.event, now),
    tax: eventTax(row.event),
    postSlug: row.post && !row.post.deletedAt ? row.post.slug : null,
  };
}
