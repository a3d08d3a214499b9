// Test-only: a broken way to let a guest in, for the concurrency test's negative control, so
// that test can tell a broken check-in from a working one. The test mocks ../admit with
// `swappable(admitGuest)` and sets `admitting.readThenWrite` for the control's storm.
import type { Prisma } from "../../../generated/prisma/client";
import { EventGuestStatus } from "../../../generated/prisma/enums";
import type { admitGuest } from "../admit";

type Admit = typeof admitGuest;

export const admitting = { readThenWrite: false };

/** Reads the status, then writes without re-checking it: the classic lost race. */
const readThenWriteAdmit: Admit = async (tx: Prisma.TransactionClient, { eventId, code, staffId }) => {
  const entry = await tx.eventGuestToEvent.findFirst({
    where: { eventId, ticketCode: code, guest: { deletedAt: null } },
    select: { id: true, guestId: true, status: true, guest: { select: { fullName: true } }, variant: { select: { name: true } } },
  });
  if (!entry || entry.status !== EventGuestStatus.INVITED) return null;
  const updated = await tx.eventGuestToEvent.update({
    where: { id: entry.id },
    data: { status: EventGuestStatus.CHECKED_IN, checkedInAt: new Date(), checkedInBy: staffId },
  });
  return {
    entryId: entry.id,
    guestId: entry.guestId,
    fullName: entry.guest.fullName,
    ticketType: entry.variant?.name ?? null,
    checkedInAt: updated.checkedInAt!,
  };
};

/** The real admit, or the broken one while `admitting.readThenWrite` is set. */
export function swappable(real: Admit): Admit {
  return (tx, scan) => (admitting.readThenWrite ? readThenWriteAdmit : real)(tx, scan);
}
