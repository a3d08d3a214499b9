// The guest book, groups and invitations: inputs (REST and tRPC validate with these same
// schemas) and views (the OpenAPI document is generated from them). Objects are strict, so an
// unknown member (`userId`, `fullName`) is refused with its name rather than ignored.
import { z } from "zod";
import { EventGuestStatus, TicketSource } from "../../generated/prisma/enums";
import { isCountryCode, toE164 } from "./normalize";

export const ZPersonName = z.string().trim().min(1, { error: "must not be empty" }).max(100);

export const ZGuestEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "must be an email address" }));

/** A phone number as typed; stored in E.164 (see toE164). */
export const ZPhoneInput = z.string().trim().min(1, { error: "must not be empty (leave it out instead)" }).max(40);

/** ISO 3166-1 alpha-2 country whose national phone numbers are accepted, e.g. DE. */
export const ZCountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 country code such as DE" })
  .refine(isCountryCode, { error: "is not a country with phone numbers we know" });

const ZIdList = z.array(z.uuid({ error: "must be a UUID" })).max(1000);

/** Turns `phoneNumber` into E.164 (reading national numbers as `defaultCountry`'s) and drops `defaultCountry`. */
function withE164Phone<T extends { phoneNumber?: string | null; defaultCountry?: string }>(
  value: T,
  ctx: z.RefinementCtx,
): Omit<T, "defaultCountry"> {
  const { defaultCountry, ...rest } = value;
  if (rest.phoneNumber == null) return rest;
  const phone = toE164(rest.phoneNumber, defaultCountry);
  if (!phone.ok) {
    ctx.addIssue({ code: "custom", path: ["phoneNumber"], message: phone.message, input: rest.phoneNumber });
    return z.NEVER;
  }
  return { ...rest, phoneNumber: phone.e164 };
}

const guestFields = {
  firstName: ZPersonName,
  lastName: ZPersonName,
  email: ZGuestEmail.optional(),
  /** E.164 ("+4915123456789"), or a national number together with `defaultCountry`. */
  phoneNumber: ZPhoneInput.optional(),
  /** Country whose national phone numbers are accepted (ISO 3166-1 alpha-2, e.g. DE). */
  defaultCountry: ZCountryCode.optional(),
};

/** POST /product-event/guests: the full name is derived from first and last name. */
export const ZCreateGuestInput = z
  .strictObject({
    ...guestFields,
    /** Your guest groups the guest joins. */
    groupIds: ZIdList.optional(),
  })
  .transform(withE164Phone);
export type TCreateGuestInput = z.infer<typeof ZCreateGuestInput>;

/** A guest's fields as a CSV row brings them (no groups: the import names those once). */
export const ZGuestRow = z.strictObject(guestFields).transform(withE164Phone);

export const ZGuestId = z.strictObject({ id: z.uuid({ error: "must be a UUID" }) });

/** Changes to a guest: fields left out stay; `null` clears email or phone. */
export const ZUpdateGuestInput = z
  .strictObject({
    id: z.uuid({ error: "must be a UUID" }),
    firstName: ZPersonName.optional(),
    lastName: ZPersonName.optional(),
    email: ZGuestEmail.nullable().optional(),
    phoneNumber: ZPhoneInput.nullable().optional(),
    defaultCountry: ZCountryCode.optional(),
  })
  .transform(withE164Phone);
export type TUpdateGuestInput = z.infer<typeof ZUpdateGuestInput>;

export const ZListGuestsInput = z.strictObject({
  /** Name, email or phone, accents and case ignored. */
  query: z.string().trim().max(100).optional(),
  groupId: z.uuid().optional(),
  limit: z.int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.uuid().optional(),
});
export type TListGuestsInput = z.infer<typeof ZListGuestsInput>;

/** CSV import: a header row, then one guest per row. See importGuestsCsv for the columns. */
export const ZImportGuestsInput = z.strictObject({
  csv: z.string().min(1, { error: "is empty" }).max(1_000_000, { error: "may be at most 1 MB" }),
  defaultCountry: ZCountryCode.optional(),
  /** Your guest groups every imported guest joins. */
  groupIds: ZIdList.optional(),
});
export type TImportGuestsInput = z.infer<typeof ZImportGuestsInput>;

// ---- Groups

const ZGroupName = z.string().trim().min(1, { error: "must not be empty" }).max(100);

/** POST /product-event/guests/groups. */
export const ZCreateGroupInput = z.strictObject({
  name: ZGroupName,
  /** Guests of your guest book to put in the group. */
  guestIds: ZIdList.optional(),
});
export type TCreateGroupInput = z.infer<typeof ZCreateGroupInput>;

export const ZRenameGroupInput = z.strictObject({ id: z.uuid(), name: ZGroupName });
export const ZGroupMembersInput = z.strictObject({ id: z.uuid(), guestIds: ZIdList.min(1) });

// ---- Invitations

const addGuestsFields = {
  /** Guests of the event's curator. */
  guestIds: ZIdList.optional(),
  /** Groups of the event's curator: their members at the time of the call. */
  groupIds: ZIdList.optional(),
};

const namesSomeone = [
  (v: { guestIds?: string[]; groupIds?: string[] }) => (v.guestIds?.length ?? 0) + (v.groupIds?.length ?? 0) > 0,
  { error: "name at least one guest (guestIds) or group (groupIds)" },
] as const;

/** POST /product-event/:eventId/guests: guests and whole groups (their members today). */
export const ZAddGuestsToEventInput = z.strictObject(addGuestsFields).refine(...namesSomeone);
export type TAddGuestsToEventInput = z.infer<typeof ZAddGuestsToEventInput>;

/** The same with the event's id, for tRPC. */
export const ZAddGuestsToEventCall = z.strictObject({ eventId: z.uuid(), ...addGuestsFields }).refine(...namesSomeone);

export const ZEventGuestRef = z.strictObject({
  eventId: z.uuid(),
  guestId: z.uuid(),
  /** Which of the guest's admissions (a buyer holds one per ticket); left out: their first. */
  ticketCode: z.string().min(1).max(200).optional(),
});

export const ZEventGuestListInput = z.strictObject({
  eventId: z.uuid(),
  status: z.enum(EventGuestStatus).optional(),
  limit: z.int().min(1).max(500).default(100),
  cursor: z.uuid().optional(),
});
export type TEventGuestListInput = z.infer<typeof ZEventGuestListInput>;

// ---- Views

export const ZGuestView = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  /** "First Last", derived. */
  fullName: z.string(),
  email: z.string().nullable(),
  /** E.164, e.g. +4915123456789. */
  phoneNumber: z.string().nullable(),
  groupIds: z.array(z.uuid()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type GuestView = z.infer<typeof ZGuestView>;

export const ZGuestResult = z.object({ guest: ZGuestView });

export const ZGuestGroupView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Members that are in the guest book (deleted guests are left out). */
  guestIds: z.array(z.uuid()),
  createdAt: z.date(),
});
export type GuestGroupView = z.infer<typeof ZGuestGroupView>;

export const ZGuestGroupResult = z.object({ group: ZGuestGroupView });

export const ZGuestPage = z.object({ guests: z.array(ZGuestView), nextCursor: z.uuid().nullable() });
export type GuestPage = z.infer<typeof ZGuestPage>;

/** A guest on an event's list, with the ticket code their QR code holds. */
export const ZEventGuestEntry = z.object({
  guestId: z.uuid(),
  fullName: z.string(),
  status: z.enum(EventGuestStatus),
  /** 128 random bits, base64url: what the guest's QR code holds. */
  ticketCode: z.string(),
});
export type EventGuestEntry = z.infer<typeof ZEventGuestEntry>;

/** The curator's view of one guest on an event's list. */
export const ZEventListEntry = ZEventGuestEntry.extend({
  email: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  checkedInAt: z.date().nullable(),
  checkedInBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** How the admission came: the curator's list (INVITED), an order here (SOLD) or on Shopify. */
  source: z.enum(TicketSource),
  /** The ticket type of a sold admission; null for invited guests. */
  ticketType: z.string().nullable(),
  /** The post a sold admission's order came through, and its promoter; null when none. */
  via: z.object({ postSlug: z.string(), promoterName: z.string().nullable() }).nullable(),
});
export type EventListEntry = z.infer<typeof ZEventListEntry>;

export const ZAddGuestsToEventResult = z.object({
  /** Guests put on the list by this request. */
  added: z.array(z.uuid()),
  /** Guests that were on the list already (not an error): they keep their ticket code. */
  alreadyOnList: z.array(z.uuid()),
  /** Every guest the request named (directly or through a group), as on the list now. */
  guests: z.array(ZEventGuestEntry),
});
export type AddGuestsToEventResult = z.infer<typeof ZAddGuestsToEventResult>;

export const ZImportRefusal = z.object({
  /** Line of the CSV text (the header is line 1). */
  line: z.int(),
  reason: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

export const ZImportReport = z.object({
  created: z.array(z.object({ line: z.int(), guestId: z.uuid(), fullName: z.string() })),
  refused: z.array(ZImportRefusal),
  /** Header cells that are not a guest field (or repeat one), left out. */
  ignoredColumns: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ZImportReport>;
