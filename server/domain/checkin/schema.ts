// The door: check-in, its answers, search, counts and staff. REST and tRPC validate with these
// schemas; the OpenAPI document is generated from them.
import { z } from "zod";
import { CheckInResult, EventGuestStatus, EventStatus, Role } from "../../generated/prisma/enums";

const ZClientToken = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, { error: "must be 1 to 100 printable ASCII characters without spaces" });

/** POST /product-event/guest-verification/check-in. */
export const ZCheckInInput = z.strictObject({
  eventId: z.uuid({ error: "must be a UUID" }),
  /** What the guest's QR code holds. */
  code: z.string().trim().min(1, { error: "must not be empty" }).max(200),
  /**
   * Made up by the client once per scan (a UUID is a good one) and sent again with every retry
   * of that scan: a repeated nonce replays the first answer instead of scanning again.
   */
  nonce: ZClientToken.optional(),
  /** The scanning device; wrong codes are rate-limited per device as well as per staff member. */
  deviceId: ZClientToken.optional(),
});
export type TCheckInInput = z.infer<typeof ZCheckInInput>;

/** POST /product-event/guest-verification/undo: the guest whose check-in is taken back. */
export const ZUndoCheckInInput = z.strictObject({ eventId: z.uuid({ error: "must be a UUID" }), guestId: z.uuid({ error: "must be a UUID" }) });
export type TUndoCheckInInput = z.infer<typeof ZUndoCheckInInput>;

/** The guest is back on the list as not yet arrived. */
export const ZUndoneCheckIn = z.object({ guestId: z.uuid(), status: z.literal(EventGuestStatus.INVITED) });

export const ZDoorSearchInput = z.strictObject({
  eventId: z.uuid(),
  /** Name, email or phone (national or international), accents and case ignored. */
  query: z.string().trim().min(2, { error: "type at least 2 characters" }).max(100),
  limit: z.int().min(1).max(50).default(20),
});
export type TDoorSearchInput = z.infer<typeof ZDoorSearchInput>;

export const ZEventRef = z.strictObject({ eventId: z.uuid() });

/** Door staff by user id or by email; the account must have the STAFF role. */
export const ZAssignStaffInput = z
  .strictObject({ eventId: z.uuid(), userId: z.uuid().optional(), email: z.email().optional() })
  .refine((v) => (v.userId ? 1 : 0) + (v.email ? 1 : 0) === 1, { error: "name the staff member by userId or by email" });
export type TAssignStaffInput = z.infer<typeof ZAssignStaffInput>;

export const ZUnassignStaffInput = z.strictObject({ eventId: z.uuid(), userId: z.uuid() });

export const ZAttemptsInput = z.strictObject({
  eventId: z.uuid(),
  limit: z.int().min(1).max(200).default(50),
});

// ---- Answers

export const ZDoorGuest = z.object({ id: z.uuid(), fullName: z.string() });

/** The guest a scan found, with the ticket type of a sold admission ("VIP"; null for an invited guest). */
export const ZScannedGuest = ZDoorGuest.extend({ ticketType: z.string().nullable() });

/** Who let the guest in: "already checked in at 21:04 by Sam". */
export const ZCheckedInBy = z.object({ id: z.uuid(), name: z.string() });

export const ZCheckedIn = z.object({
  result: z.literal("CHECKED_IN"),
  guest: ZScannedGuest,
  checkedInAt: z.date(),
  checkedInBy: ZCheckedInBy,
});

/** The code was let in before: when and by whom. (409 over REST; a normal answer at the door.) */
export const ZAlreadyCheckedIn = z.object({
  result: z.literal("ALREADY_CHECKED_IN"),
  guest: ZScannedGuest,
  checkedInAt: z.date(),
  /** Null only for admissions recorded without a staff member. */
  checkedInBy: ZCheckedInBy.nullable(),
});

/** The code is not on this event's list; nothing about whose it might be. (404 over REST.) */
export const ZNotOnList = z.object({ result: z.literal("NOT_ON_LIST") });

export const ZCheckInAnswer = z.discriminatedUnion("result", [ZCheckedIn, ZAlreadyCheckedIn, ZNotOnList]);
export type CheckInAnswer = z.infer<typeof ZCheckInAnswer>;
export type CheckedInAnswer = z.infer<typeof ZCheckedIn>;

/** A check-in's answer and a sentence for people ("Zoë Müller was already checked in at 21:04 by Sam"). */
export interface CheckInOutcome {
  answer: CheckInAnswer;
  message: string;
}

export const ZDoorSearchHit = z.object({
  guestId: z.uuid(),
  fullName: z.string(),
  /** Last digits only ("…6789"), enough to tell two namesakes apart. */
  phoneHint: z.string().nullable(),
  status: z.enum(EventGuestStatus),
  /** Sent to check-in to let this guest in (the same atomic check-in as a scan). */
  ticketCode: z.string(),
  /** A sold admission's ticket type ("VIP"); null for an invited guest. A buyer of several tickets is one hit each. */
  ticketType: z.string().nullable(),
  checkedInAt: z.date().nullable(),
  checkedInBy: ZCheckedInBy.nullable(),
});
export type DoorSearchHit = z.infer<typeof ZDoorSearchHit>;

export const ZGuestCounts = z.object({
  /** Guests on the list (each once, however many groups brought them). */
  invited: z.int(),
  checkedIn: z.int(),
  remaining: z.int(),
});
export type GuestCounts = z.infer<typeof ZGuestCounts>;

export const ZStaffMember = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(Role),
  assignedAt: z.date(),
});
export type StaffMember = z.infer<typeof ZStaffMember>;

export const ZDoorEvent = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(EventStatus),
  startDate: z.date(),
  timezone: z.string(),
  venue: z.string(),
});

export const ZCheckInAttemptView = z.object({
  id: z.uuid(),
  result: z.enum(CheckInResult),
  staff: z.object({ id: z.uuid(), name: z.string() }),
  deviceId: z.string().nullable(),
  guest: ZDoorGuest.nullable(),
  createdAt: z.date(),
});

// ---- The door offline: the list a phone keeps, its scans synced later, and their conflicts

const NOT_A_CURSOR = "must be the cursor of an earlier read";
const XID = /^\d{1,19}$/;

/**
 * Whether `text` is a snapshot as Postgres writes one (`xmin:xmax:running,…`, see readDoorList)
 * and would read it back: 0 < xmin <= xmax, the running ones ascending in [xmin, xmax). Checked
 * here so a made-up cursor is a 400 naming `since`, never a 500 from the cast.
 */
function isSnapshot(text: string): boolean {
  const [xmin, xmax, running, ...rest] = text.split(":");
  const ids = running ? running.split(",") : [];
  if (rest.length || !xmin || !xmax || ![xmin, xmax, ...ids].every((id) => XID.test(id))) return false;
  const low = BigInt(xmin);
  const high = BigInt(xmax);
  if (low === 0n || low > high || high >= 2n ** 63n) return false;
  let previous = low;
  for (const id of ids.map(BigInt)) {
    if (id < previous || id >= high) return false;
    previous = id;
  }
  return true;
}

/**
 * The door list feed: everything (no `since`), or what changed since the cursor of the last read.
 * A cursor of one number is what phones kept before cursors were snapshots: "every transaction
 * before it had ended", the snapshot `n:n:`.
 */
export const ZDoorListInput = z.strictObject({
  eventId: z.uuid(),
  since: z
    .string()
    .max(8_000, { error: NOT_A_CURSOR })
    .transform((cursor) => (XID.test(cursor) ? `${cursor}:${cursor}:` : cursor))
    .refine(isSnapshot, { error: NOT_A_CURSOR })
    .optional(),
});
export type TDoorListInput = z.infer<typeof ZDoorListInput>;

/** One admission as a phone keeps it: the code only as HMAC-SHA256(salt, code), base64url. */
export const ZDoorListEntry = z.object({
  id: z.uuid(),
  codeHash: z.string(),
  guestId: z.uuid(),
  fullName: z.string(),
  ticketType: z.string().nullable(),
  status: z.enum(EventGuestStatus),
  checkedInAt: z.date().nullable(),
  checkedInBy: ZCheckedInBy.nullable(),
  /** Gone from the list (the guest was deleted): the phone forgets it. */
  removed: z.boolean(),
});
export type DoorListEntry = z.infer<typeof ZDoorListEntry>;

/** "Ada Guest came in twice: 21:04 by Sam at phone A, 21:06 by Kim at phone B". */
export const ZCheckInConflictView = z.object({
  id: z.uuid(),
  guest: ZDoorGuest,
  /** The admission the record keeps (the earlier), then the other. */
  first: z.object({ by: ZCheckedInBy, deviceId: z.string().nullable(), at: z.date() }),
  second: z.object({ by: ZCheckedInBy, deviceId: z.string().nullable(), at: z.date() }),
  createdAt: z.date(),
});
export type CheckInConflictView = z.infer<typeof ZCheckInConflictView>;

export interface DoorList {
  /** Keys the code hashes; the phone hashes what it scans with it (Web Crypto). */
  salt: string;
  /** Send as `since` next time. */
  cursor: string;
  /** True when `entries` is the whole list (no `since`): the phone replaces what it kept. */
  full: boolean;
  entries: DoorListEntry[];
  conflicts: CheckInConflictView[];
}

/** What a phone said at the door while offline. */
export const ZOfflineAnswer = z.enum(["CHECKED_IN", "ALREADY_CHECKED_IN", "NOT_ON_LIST"]);
export type OfflineAnswer = z.infer<typeof ZOfflineAnswer>;

export const ZOfflineScan = z.strictObject({
  code: ZCheckInInput.shape.code,
  nonce: ZClientToken,
  /** When the scan happened on the phone (epoch ms or ISO time); the record keeps it, never later than now. */
  scannedAt: z.coerce.date({ error: "must be a time" }),
  offlineAnswer: ZOfflineAnswer,
});

/** A phone's scans made offline, sent in the order they happened. */
export const ZSyncOfflineScansInput = z.strictObject({
  eventId: z.uuid(),
  deviceId: ZClientToken,
  scans: z.array(ZOfflineScan).min(1).max(200),
});
export type TSyncOfflineScansInput = z.infer<typeof ZSyncOfflineScansInput>;

/** What became of one synced scan. */
export interface SyncedScan {
  nonce: string;
  /** The server's answer to the scan; REFUSED when the door would not take it (logged too). */
  result: CheckInAnswer["result"] | "REFUSED";
  message: string;
  /** Set when this scan let in a guest someone else had let in too. */
  conflict: CheckInConflictView | null;
}

export interface SyncOfflineScansResult {
  synced: SyncedScan[];
  /** Rate-limited part way: the scans after the last synced one wait this long (seconds). */
  retryAfterSeconds: number | null;
}
