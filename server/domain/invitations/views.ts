// An invitation as its event's manager sees it.
import type { Prisma } from "../../generated/prisma/client";
import { InvitationStatus } from "../../generated/prisma/enums";
import type { InvitationView } from "./schema";

export const invitationViewSelect = {
  id: true,
  email: true,
  kind: true,
  status: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedBy: { select: { name: true } },
} satisfies Prisma.InvitationSelect;

type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationViewSelect }>;

export function isExpired(row: { status: InvitationStatus; expiresAt: Date }, now: Date): boolean {
  return row.status === InvitationStatus.PENDING && row.expiresAt <= now;
}

export function toInvitationView({ invitedBy, ...row }: InvitationRow, now: Date = new Date()): InvitationView {
  return { ...row, status: isExpired(row, now) ? "EXPIRED" : row.status, invitedBy: invitedBy.name };
}
