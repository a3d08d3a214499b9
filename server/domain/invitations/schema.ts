// Invitations to work an event's door or to promote it. REST and tRPC validate with these
// schemas; the OpenAPI document is generated from them.
import { z } from "zod";
import { InvitationKind, InvitationStatus, Role } from "../../generated/prisma/enums";

/** POST /product-event/:id/staff and /promoters: who to invite. */
export const ZInviteBody = z.strictObject({
  email: z
    .email({ error: "must be an email address" })
    .max(254)
    .transform((email) => email.toLowerCase()),
});

/** tRPC's invitations.create. */
export const ZCreateInvitationInput = z.strictObject({
  eventId: z.uuid(),
  kind: z.enum(InvitationKind),
  email: ZInviteBody.shape.email,
});
export type TCreateInvitationInput = z.input<typeof ZCreateInvitationInput>;

export const ZInvitationRef = z.strictObject({ eventId: z.uuid(), invitationId: z.uuid() });
export type TInvitationRef = z.infer<typeof ZInvitationRef>;

/** The REST path of one invitation: /product-event/:id/invitations/:invitationId. */
export const ZInvitationPath = z.strictObject({ id: z.uuid(), invitationId: z.uuid() });

/** A link's token as the accept page has it (22 base64url characters; anything else is forged). */
export const ZInvitationToken = z.strictObject({ token: z.string().max(100) });

/** What the created answer says (POST answers `{ invitation }`). */
export const ZInvitationCreated = z.object({
  invitation: z.object({ id: z.uuid(), email: z.string(), status: z.enum(InvitationStatus) }),
});

/** An invitation as its event's manager lists it. EXPIRED: pending, but the link no longer works. */
export const ZInvitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  kind: z.enum(InvitationKind),
  status: z.enum([...Object.values(InvitationStatus), "EXPIRED"]),
  invitedBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type InvitationView = z.infer<typeof ZInvitationView>;

export const ZInvitationList = z.object({ invitations: z.array(ZInvitationView) });

export const ZInvitationRevoked = z.object({ invitation: ZInvitationView });

/** Why a link does nothing: forged (no such link), used, revoked or expired. */
export const ZInvitationState = z.enum(["OPEN", "FORGED", "USED", "REVOKED", "EXPIRED"]);
export type InvitationState = z.infer<typeof ZInvitationState>;

/** The accept page's view of a link, for the signed-in user who follows it. */
export const ZInvitationPreview = z.object({
  state: ZInvitationState,
  /** Null for a forged link. */
  invitation: z
    .object({
      kind: z.enum(InvitationKind),
      /** The invited address, partly hidden unless it is the visitor's own. */
      email: z.string(),
      forYou: z.boolean(),
      invitedBy: z.string(),
      expiresAt: z.date(),
      event: z.object({ id: z.uuid(), title: z.string(), startDate: z.date(), timezone: z.string(), venue: z.string() }),
    })
    .nullable(),
});
export type InvitationPreview = z.infer<typeof ZInvitationPreview>;

export const ZInvitationAccepted = z.object({
  kind: z.enum(InvitationKind),
  eventId: z.uuid(),
  role: z.enum(Role),
  /** Where the accepting user goes next: the event's door, or the feed. */
  next: z.string(),
});
