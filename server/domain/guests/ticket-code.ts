// A guest's ticket: an unguessable code, and its QR code as the curator sends it.
import { randomBytes } from "node:crypto";
import QRCode from "qrcode";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { findManagedEvent } from "./ownership";

/** 128 bits from the CSPRNG, base64url (22 characters): what a guest's QR code holds. */
export function newTicketCode(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * A guest's ticket as the curator sends it: the code, and its QR code as SVG and as a PNG data
 * URL (made by the `qrcode` package; the QR code holds exactly the ticket code).
 */
export async function ticketQr(
  db: Db,
  actor: Actor,
  { eventId, guestId, ticketCode }: { eventId: string; guestId: string; ticketCode?: string },
): Promise<{ ticketCode: string; svg: string; pngDataUrl: string }> {
  await findManagedEvent(db, actor, eventId);
  const entry = await db.eventGuestToEvent.findFirst({
    where: { eventId, guestId, ...(ticketCode !== undefined && { ticketCode }), guest: { deletedAt: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { ticketCode: true },
  });
  if (!entry) throw new AppError("NOT_FOUND", `Guest ${guestId} is not on the list of event ${eventId}`);
  const options = { errorCorrectionLevel: "M", margin: 2 } as const;
  const [svg, pngDataUrl] = await Promise.all([
    QRCode.toString(entry.ticketCode, { ...options, type: "svg" }),
    QRCode.toDataURL(entry.ticketCode, { ...options, type: "image/png", width: 320 }),
  ]);
  return { ticketCode: entry.ticketCode, svg, pngDataUrl };
}
