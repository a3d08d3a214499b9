// The guest book (spec section 10): a curator's guests and groups, CSV import, and putting
// guests on an event's list with an unguessable ticket code each. The door (check-in, search,
// counts, staff) is server/domain/checkin.
//
// Ownership: a guest book belongs to its user (curators; admins have one of their own too).
// Another user's guest or group is answered as unknown (404), never as "not yours", so ids
// cannot be probed. An event's list only ever holds guests of that event's curator.
import { randomBytes, randomUUID } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import QRCode from "qrcode";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError, fieldErrors, type FieldError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { EventStatus, Role } from "../../generated/prisma/enums";
import { foldText, fullNameOf, guestSearchText, searchTerms } from "./normalize";
import {
  ZGuestRow,
  type AddGuestsToEventResult,
  type EventListEntry,
  type GuestGroupView,
  type GuestPage,
  type GuestView,
  type ImportReport,
  type TAddGuestsToEventInput,
  type TCreateGroupInput,
  type TCreateGuestInput,
  type TEventGuestListInput,
  type TImportGuestsInput,
  type TListGuestsInput,
  type TUpdateGuestInput,
} from "./schema";

type Tx = Prisma.TransactionClient;

const GUEST_BOOK_ROLES: readonly Role[] = [Role.CURATOR, Role.ADMIN];

/** Events whose list may still change: not once it is COMPLETED or CANCELED. */
export const OPEN_EVENT_STATUSES: readonly EventStatus[] = [EventStatus.UPCOMING, EventStatus.ON_HOLD];

function assertGuestBookOwner(actor: Actor): void {
  if (!GUEST_BOOK_ROLES.includes(actor.role)) {
    throw new AppError("FORBIDDEN", "Only curators (and admins) keep a guest book");
  }
}

/** 128 bits from the CSPRNG, base64url (22 characters): what a guest's QR code holds. */
export function newTicketCode(): string {
  return randomBytes(16).toString("base64url");
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function notFound(what: string, ids: string[]): AppError {
  return new AppError("NOT_FOUND", `No ${what} ${ids.join(", ")} in the guest book`);
}

/**
 * A page starts after its cursor row wherever that row is, so a cursor must be a row of the
 * list being paged: another book's guest (another event's entry) would tell where its name
 * (its date) sorts among the caller's own. Unknown and foreign cursors get the same answer.
 */
function foreignCursor(): AppError {
  return new AppError("INVALID_INPUT", "The cursor is not from this list", {
    errors: [{ path: "cursor", message: "is not a cursor from this list; pass the nextCursor of the previous page" }],
  });
}

// ---- Views

const guestViewSelect = {
  id: true,
  firstName: true,
  lastName: true,
  fullName: true,
  email: true,
  phoneNumber: true,
  createdAt: true,
  updatedAt: true,
  // Only groups that still exist.
  groups: { where: { group: { deletedAt: null } }, select: { groupId: true } },
} satisfies Prisma.EventGuestSelect;

type GuestRow = Prisma.EventGuestGetPayload<{ select: typeof guestViewSelect }>;

function toGuestView({ groups, ...row }: GuestRow): GuestView {
  return { ...row, groupIds: groups.map((g) => g.groupId).sort() };
}

const groupViewSelect = {
  id: true,
  name: true,
  createdAt: true,
  guests: { where: { guest: { deletedAt: null } }, select: { guestId: true } },
} satisfies Prisma.EventGuestGroupSelect;

type GroupRow = Prisma.EventGuestGroupGetPayload<{ select: typeof groupViewSelect }>;

function toGroupView({ guests, ...row }: GroupRow): GuestGroupView {
  return { ...row, guestIds: guests.map((g) => g.guestId).sort() };
}

// ---- Lookups that answer 404 for anything not in the book

/** The ids among `ids` that are live guests of `userId`; throws 404 naming the others. */
async function ownGuestIds(db: Db | Tx, userId: string, ids: string[]): Promise<string[]> {
  const wanted = unique(ids);
  if (wanted.length === 0) return [];
  const found = await db.eventGuest.findMany({
    where: { id: { in: wanted }, userId, deletedAt: null },
    select: { id: true },
  });
  const have = new Set(found.map((g) => g.id));
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length > 0) throw notFound(missing.length === 1 ? "guest" : "guests", missing);
  return wanted;
}

async function ownGroupIds(db: Db | Tx, userId: string, ids: string[]): Promise<string[]> {
  const wanted = unique(ids);
  if (wanted.length === 0) return [];
  const found = await db.eventGuestGroup.findMany({
    where: { id: { in: wanted }, userId, deletedAt: null },
    select: { id: true },
  });
  const have = new Set(found.map((g) => g.id));
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length > 0) throw notFound(missing.length === 1 ? "guest group" : "guest groups", missing);
  return wanted;
}

// ---- Guests

/** POST /product-event/guests: a guest in the caller's book, optionally in some of their groups. */
export async function createGuest(db: Db, actor: Actor, input: TCreateGuestInput): Promise<{ guest: GuestView }> {
  assertGuestBookOwner(actor);
  const groupIds = await ownGroupIds(db, actor.userId, input.groupIds ?? []);
  const fullName = fullNameOf(input.firstName, input.lastName);
  const guest = await db.eventGuest.create({
    data: {
      userId: actor.userId,
      firstName: input.firstName,
      lastName: input.lastName,
      fullName,
      email: input.email ?? null,
      phoneNumber: input.phoneNumber ?? null,
      searchText: guestSearchText({ fullName, email: input.email, phoneNumber: input.phoneNumber }),
      groups: { create: groupIds.map((groupId) => ({ groupId })) },
    },
    select: guestViewSelect,
  });
  return { guest: toGuestView(guest) };
}

export async function getGuest(db: Db, actor: Actor, id: string): Promise<{ guest: GuestView }> {
  assertGuestBookOwner(actor);
  const guest = await db.eventGuest.findFirst({
    where: { id, userId: actor.userId, deletedAt: null },
    select: guestViewSelect,
  });
  if (!guest) throw notFound("guest", [id]);
  return { guest: toGuestView(guest) };
}

/** Changes names, email or phone; the full name and the search text follow. */
export async function updateGuest(db: Db, actor: Actor, input: TUpdateGuestInput): Promise<{ guest: GuestView }> {
  assertGuestBookOwner(actor);
  const { id, ...changes } = input;
  return db.$transaction(async (tx) => {
    const current = await tx.eventGuest.findFirst({
      where: { id, userId: actor.userId, deletedAt: null },
      select: { firstName: true, lastName: true, email: true, phoneNumber: true },
    });
    if (!current) throw notFound("guest", [id]);
    const next = {
      firstName: changes.firstName ?? current.firstName,
      lastName: changes.lastName ?? current.lastName,
      email: changes.email === undefined ? current.email : changes.email,
      phoneNumber: changes.phoneNumber === undefined ? current.phoneNumber : changes.phoneNumber,
    };
    const fullName = fullNameOf(next.firstName, next.lastName);
    const guest = await tx.eventGuest.update({
      where: { id },
      data: { ...next, fullName, searchText: guestSearchText({ ...next, fullName }) },
      select: guestViewSelect,
    });
    return { guest: toGuestView(guest) };
  });
}

/**
 * Soft delete: the guest leaves every read (book, groups, event lists, counts, door search),
 * and their ticket codes answer NOT_ON_LIST at the door. Past check-ins stay in the audit.
 */
export async function deleteGuest(db: Db, actor: Actor, id: string): Promise<{ id: string }> {
  assertGuestBookOwner(actor);
  const { count } = await db.eventGuest.updateMany({
    where: { id, userId: actor.userId, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  if (count === 0) throw notFound("guest", [id]);
  return { id };
}

/** The caller's guest book, by full name; `query` matches name, email or phone like the door. */
export async function listGuests(db: Db, actor: Actor, input: TListGuestsInput): Promise<GuestPage> {
  assertGuestBookOwner(actor);
  if (input.cursor) {
    // Not filtered on deletedAt: a guest the curator deleted while paging is still their cursor.
    const own = await db.eventGuest.findFirst({ where: { id: input.cursor, userId: actor.userId }, select: { id: true } });
    if (!own) throw foreignCursor();
  }
  const terms = input.query ? searchTerms(input.query) : [];
  const rows = await db.eventGuest.findMany({
    where: {
      userId: actor.userId,
      deletedAt: null,
      ...(input.groupId ? { groups: { some: { groupId: input.groupId } } } : {}),
      AND: terms.map((term) => ({ searchText: { contains: term } })),
    },
    orderBy: [{ fullName: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: guestViewSelect,
  });
  const page = rows.slice(0, input.limit);
  return { guests: page.map(toGuestView), nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
}

// ---- CSV import

/** Columns an import understands, by their header folded to letters and digits. */
const CSV_COLUMNS: Record<string, "firstName" | "lastName" | "fullName" | "email" | "phoneNumber"> = {
  firstname: "firstName",
  givenname: "firstName",
  forename: "firstName",
  first: "firstName",
  lastname: "lastName",
  surname: "lastName",
  familyname: "lastName",
  last: "lastName",
  name: "fullName",
  fullname: "fullName",
  email: "email",
  emailaddress: "email",
  mail: "email",
  phone: "phoneNumber",
  phonenumber: "phoneNumber",
  mobile: "phoneNumber",
  mobilenumber: "phoneNumber",
  mobilephone: "phoneNumber",
  cell: "phoneNumber",
  tel: "phoneNumber",
  telephone: "phoneNumber",
};

const MAX_IMPORT_ROWS = 10_000;

type CsvRecord = Partial<Record<"firstName" | "lastName" | "fullName" | "email" | "phoneNumber", string>>;

/**
 * Imports guests from CSV text: a header row (`firstName,lastName,email,phoneNumber`; common
 * variants such as "First name", "Surname", "E-mail", "Mobile" work, and a single "Name"
 * column is split at its first space), then one guest per row. Rows are checked with the
 * same rules as POST /product-event/guests; a row is refused, with its line and the reason,
 * when it is invalid, cannot be parsed, or has the email or phone number of a guest already
 * in the book or of an earlier row. The other rows are created together in one transaction.
 */
export async function importGuestsCsv(db: Db, actor: Actor, input: TImportGuestsInput): Promise<ImportReport> {
  assertGuestBookOwner(actor);
  const groupIds = await ownGroupIds(db, actor.userId, input.groupIds ?? []);
  const refused: ImportReport["refused"] = [];
  const ignoredColumns: string[] = [];
  // The understood columns, learnt from the header row.
  const header = new Set<string>();

  let records: { record: CsvRecord; info: { lines: number } }[];
  try {
    records = parse(input.csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) refused.push({ line: Number(error.lines), reason: `unreadable row: ${error.message}`, errors: [] });
        return undefined;
      },
      columns: (names: string[]) =>
        names.map((raw) => {
          const column = CSV_COLUMNS[foldText(raw).replace(/[^a-z0-9]/g, "")];
          // Unknown columns, and a second column for the same field, are left out.
          if (!column || header.has(column)) {
            ignoredColumns.push(raw);
            return false;
          }
          header.add(column);
          return column;
        }),
    }) as { record: CsvRecord; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      throw new AppError("INVALID_INPUT", `The CSV cannot be read: ${error.message}`, {
        errors: [{ path: "csv", message: error.message }],
      });
    }
    throw error;
  }
  if (records.length > MAX_IMPORT_ROWS) {
    throw new AppError("INVALID_INPUT", `An import may hold at most ${MAX_IMPORT_ROWS} rows (got ${records.length})`, {
      errors: [{ path: "csv", message: `has more than ${MAX_IMPORT_ROWS} rows` }],
    });
  }
  const hasNames = (header.has("firstName") && header.has("lastName")) || header.has("fullName");
  if (!hasNames) {
    const message = "needs a header row with firstName and lastName columns (or one Name column)";
    throw new AppError("INVALID_INPUT", `The CSV ${message}`, { errors: [{ path: "csv", message }] });
  }

  type Candidate = { line: number; firstName: string; lastName: string; email?: string; phoneNumber?: string };
  const candidates: Candidate[] = [];
  for (const { record, info } of records) {
    const values = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== "")) as CsvRecord;
    if (Object.keys(values).length === 0) continue; // a row of empty cells
    let { firstName, lastName } = values;
    if (!firstName && !lastName && values.fullName) {
      const [first, ...rest] = values.fullName.split(/\s+/);
      firstName = first;
      lastName = rest.join(" ");
    }
    const parsed = ZGuestRow.safeParse({
      firstName: firstName ?? "",
      lastName: lastName ?? "",
      ...(values.email ? { email: values.email } : {}),
      ...(values.phoneNumber ? { phoneNumber: values.phoneNumber } : {}),
      ...(input.defaultCountry ? { defaultCountry: input.defaultCountry } : {}),
    });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues);
      refused.push({ line: info.lines, reason: errors.map((e) => `${e.path} ${e.message}`).join("; "), errors });
      continue;
    }
    candidates.push({ line: info.lines, ...parsed.data });
  }

  // Duplicates of the book (by email or phone) and of earlier rows.
  const emails = unique(candidates.flatMap((c) => (c.email ? [c.email] : [])));
  const phones = unique(candidates.flatMap((c) => (c.phoneNumber ? [c.phoneNumber] : [])));
  const existing =
    emails.length + phones.length > 0
      ? await db.eventGuest.findMany({
          where: {
            userId: actor.userId,
            deletedAt: null,
            OR: [{ email: { in: emails } }, { phoneNumber: { in: phones } }],
          },
          select: { fullName: true, email: true, phoneNumber: true },
        })
      : [];
  const seenEmail = new Map<string, string>(existing.flatMap((g) => (g.email ? [[g.email, `${g.fullName} in your guest book`]] : [])));
  const seenPhone = new Map<string, string>(
    existing.flatMap((g) => (g.phoneNumber ? [[g.phoneNumber, `${g.fullName} in your guest book`]] : [])),
  );
  const accepted: (Candidate & { id: string; fullName: string })[] = [];
  for (const candidate of candidates) {
    const errors: FieldError[] = [];
    const emailOwner = candidate.email ? seenEmail.get(candidate.email) : undefined;
    const phoneOwner = candidate.phoneNumber ? seenPhone.get(candidate.phoneNumber) : undefined;
    if (emailOwner) errors.push({ path: "email", message: `is already used by ${emailOwner}` });
    if (phoneOwner) errors.push({ path: "phoneNumber", message: `is already used by ${phoneOwner}` });
    if (errors.length > 0) {
      refused.push({ line: candidate.line, reason: `duplicate: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, errors });
      continue;
    }
    if (candidate.email) seenEmail.set(candidate.email, `line ${candidate.line}`);
    if (candidate.phoneNumber) seenPhone.set(candidate.phoneNumber, `line ${candidate.line}`);
    accepted.push({ ...candidate, id: randomUUID(), fullName: fullNameOf(candidate.firstName, candidate.lastName) });
  }

  if (accepted.length > 0) {
    await db.$transaction(async (tx) => {
      await tx.eventGuest.createMany({
        data: accepted.map((g) => ({
          id: g.id,
          userId: actor.userId,
          firstName: g.firstName,
          lastName: g.lastName,
          fullName: g.fullName,
          email: g.email ?? null,
          phoneNumber: g.phoneNumber ?? null,
          searchText: guestSearchText(g),
        })),
      });
      if (groupIds.length > 0) {
        await tx.eventGuestToGroup.createMany({
          data: accepted.flatMap((g) => groupIds.map((groupId) => ({ guestId: g.id, groupId }))),
        });
      }
    });
  }
  refused.sort((a, b) => a.line - b.line);
  return {
    created: accepted.map((g) => ({ line: g.line, guestId: g.id, fullName: g.fullName })),
    refused,
    ignoredColumns,
  };
}

// ---- Groups

export async function createGroup(db: Db, actor: Actor, input: TCreateGroupInput): Promise<{ group: GuestGroupView }> {
  assertGuestBookOwner(actor);
  const guestIds = await ownGuestIds(db, actor.userId, input.guestIds ?? []);
  const group = await db.eventGuestGroup.create({
    data: { userId: actor.userId, name: input.name, guests: { create: guestIds.map((guestId) => ({ guestId })) } },
    select: groupViewSelect,
  });
  return { group: toGroupView(group) };
}

async function ownGroup(db: Db | Tx, actor: Actor, id: string) {
  assertGuestBookOwner(actor);
  const group = await db.eventGuestGroup.findFirst({ where: { id, userId: actor.userId, deletedAt: null }, select: { id: true } });
  if (!group) throw notFound("guest group", [id]);
  return group;
}

async function readGroup(db: Db | Tx, id: string): Promise<{ group: GuestGroupView }> {
  const group = await db.eventGuestGroup.findUniqueOrThrow({ where: { id }, select: groupViewSelect });
  return { group: toGroupView(group) };
}

export async function listGroups(db: Db, actor: Actor): Promise<{ groups: GuestGroupView[] }> {
  assertGuestBookOwner(actor);
  const groups = await db.eventGuestGroup.findMany({
    where: { userId: actor.userId, deletedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: groupViewSelect,
  });
  return { groups: groups.map(toGroupView) };
}

export async function renameGroup(db: Db, actor: Actor, input: { id: string; name: string }) {
  await ownGroup(db, actor, input.id);
  await db.eventGuestGroup.update({ where: { id: input.id }, data: { name: input.name } });
  return readGroup(db, input.id);
}

/** Soft delete; its guests stay in the book and on the events they were added to. */
export async function deleteGroup(db: Db, actor: Actor, id: string): Promise<{ id: string }> {
  await ownGroup(db, actor, id);
  await db.eventGuestGroup.update({ where: { id }, data: { deletedAt: new Date() } });
  return { id };
}

export async function addToGroup(db: Db, actor: Actor, input: { id: string; guestIds: string[] }) {
  await ownGroup(db, actor, input.id);
  const guestIds = await ownGuestIds(db, actor.userId, input.guestIds);
  await db.eventGuestToGroup.createMany({
    data: guestIds.map((guestId) => ({ guestId, groupId: input.id })),
    skipDuplicates: true,
  });
  return readGroup(db, input.id);
}

export async function removeFromGroup(db: Db, actor: Actor, input: { id: string; guestIds: string[] }) {
  await ownGroup(db, actor, input.id);
  await db.eventGuestToGroup.deleteMany({ where: { groupId: input.id, guestId: { in: input.guestIds } } });
  return readGroup(db, input.id);
}

// ---- Events' lists

/** Who manages an event's list: its curator, or an admin. Anyone else: 404, as for events. */
export async function findManagedEvent(db: Db | Tx, actor: Actor, eventId: string) {
  if (!GUEST_BOOK_ROLES.includes(actor.role)) {
    throw new AppError("FORBIDDEN", "Only the event's curator (and admins) manage its guest list");
  }
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, ...(actor.role === Role.ADMIN ? {} : { curatorId: actor.userId }) },
    select: { id: true, curatorId: true, status: true, timezone: true },
  });
  if (!event) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  return event;
}

/** Inserts the missing (event, guest) rows; answers the guests it added. */
async function insertInvitations(db: Db, eventId: string, guestIds: string[]): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const codes = guestIds.map(() => newTicketCode());
    try {
      const rows = await db.$queryRaw<{ guestId: string }[]>`
        INSERT INTO "EventGuestToEvent" (id, event_id, guest_id, ticket_code)
        SELECT gen_random_uuid(), ${eventId}::uuid, t.guest_id, t.code
        FROM unnest(${guestIds}::uuid[], ${codes}::text[]) AS t(guest_id, code)
        ON CONFLICT (event_id, guest_id) DO NOTHING
        RETURNING guest_id AS "guestId"`;
      return rows.map((r) => r.guestId);
    } catch (error) {
      // Two equal codes out of 2^128 will not happen; if the CSPRNG ever did it, draw again.
      if (attempt < 3 && /ticket_code/.test(String((error as Error).message))) continue;
      throw error;
    }
  }
}

/**
 * POST /product-event/:eventId/guests: puts guests (and the current members of groups) of
 * the event's curator on its list, each with a fresh ticket code. Guests on the list already
 * are reported in `alreadyOnList` and keep their code; concurrent calls never duplicate a row.
 */
export async function addGuestsToEvent(
  db: Db,
  actor: Actor,
  eventId: string,
  input: TAddGuestsToEventInput,
): Promise<AddGuestsToEventResult> {
  const event = await findManagedEvent(db, actor, eventId);
  if (!OPEN_EVENT_STATUSES.includes(event.status)) {
    throw new AppError("CONFLICT", `The event is ${event.status}: guests can be added while it is UPCOMING or ON_HOLD`, {
      extra: { status: event.status },
    });
  }
  const owner = event.curatorId;
  const direct = await ownGuestIds(db, owner, input.guestIds ?? []);
  const groupIds = await ownGroupIds(db, owner, input.groupIds ?? []);
  const members =
    groupIds.length > 0
      ? await db.eventGuestToGroup.findMany({
          where: { groupId: { in: groupIds }, guest: { deletedAt: null } },
          select: { guestId: true },
        })
      : [];
  const guestIds = unique([...direct, ...members.map((m) => m.guestId)]);
  if (guestIds.length === 0) return { added: [], alreadyOnList: [], guests: [] };

  const added = await insertInvitations(db, eventId, guestIds);
  const addedSet = new Set(added);
  const entries = await db.eventGuestToEvent.findMany({
    where: { eventId, guestId: { in: guestIds } },
    select: { guestId: true, status: true, ticketCode: true, guest: { select: { fullName: true } } },
    orderBy: [{ guest: { fullName: "asc" } }, { guestId: "asc" }],
  });
  return {
    added: guestIds.filter((id) => addedSet.has(id)),
    alreadyOnList: guestIds.filter((id) => !addedSet.has(id)),
    guests: entries.map(({ guest, ...entry }) => ({ ...entry, fullName: guest.fullName })),
  };
}

/** The curator's view of an event's list: every live guest with code and check-in, by name. */
export async function listEventGuests(
  db: Db,
  actor: Actor,
  input: TEventGuestListInput,
): Promise<{ guests: EventListEntry[]; nextCursor: string | null }> {
  await findManagedEvent(db, actor, input.eventId);
  if (input.cursor) {
    const onList = await db.eventGuestToEvent.findFirst({ where: { id: input.cursor, eventId: input.eventId }, select: { id: true } });
    if (!onList) throw foreignCursor();
  }
  const rows = await db.eventGuestToEvent.findMany({
    where: { eventId: input.eventId, guest: { deletedAt: null }, ...(input.status ? { status: input.status } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      guestId: true,
      status: true,
      ticketCode: true,
      checkedInAt: true,
      checkedInByUser: { select: { id: true, name: true } },
      guest: { select: { fullName: true, email: true, phoneNumber: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  return {
    guests: page.map((row) => ({
      guestId: row.guestId,
      fullName: row.guest.fullName,
      email: row.guest.email,
      phoneNumber: row.guest.phoneNumber,
      status: row.status,
      ticketCode: row.ticketCode,
      checkedInAt: row.checkedInAt,
      checkedInBy: row.checkedInByUser,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}

/**
 * A guest's ticket as the curator sends it: the code, and its QR code as SVG and as a PNG data
 * URL (made by the `qrcode` package; the QR code holds exactly the ticket code).
 */
export async function ticketQr(
  db: Db,
  actor: Actor,
  { eventId, guestId }: { eventId: string; guestId: string },
): Promise<{ ticketCode: string; svg: string; pngDataUrl: string }> {
  await findManagedEvent(db, actor, eventId);
  const entry = await db.eventGuestToEvent.findFirst({
    where: { eventId, guestId, guest: { deletedAt: null } },
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
