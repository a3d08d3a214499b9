// The door (spec section 10): check-in, its undo, search, counts, door staff and the audit.
//
// Who may work the door of an event: its curator, and the STAFF users the curator assigned to
// it; nobody else (admins neither: they manage lists, they do not stand at doors). While the
// event is UPCOMING both may; while it is ON_HOLD (paused) only the curator, who decides
// whether to let people in; once it is COMPLETED or CANCELED the door is closed (409).
//
// A check-in: one read tells the event, whether the actor is its staff, whether their staff
// or device key is over the wrong-code limit, and a nonce's stored answer (replayed as is).
// Then one transaction: ONE conditional UPDATE (status INVITED -> CHECKED_IN for this event's
// code) decides, so of any number of concurrent scans of a code exactly one changes the row;
// the others wait on its row lock, find it CHECKED_IN and answer ALREADY_CHECKED_IN with when
// and by whom. The attempt is written to CheckInAttempt in that same transaction; with a nonce
// the unique index (staff_id, nonce) lets only one request of that scan commit, and the others
// roll back and replay its answer. Refusals (403, 409, 429) are logged too.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError, ERROR_TABLE, type ErrorCode } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { CheckInResult, EventGuestStatus, EventStatus, Role } from "../../generated/prisma/enums";
import { findManagedEvent } from "../guests/service";
import { likeContains, searchTerms } from "../guests/normalize";
import {
  ZCheckInAnswer,
  type CheckInAnswer,
  type DoorSearchHit,
  type GuestCounts,
  type StaffMember,
  type TAssignStaffInput,
  type TCheckInInput,
  type TDoorSearchInput,
  type TUndoCheckInInput,
} from "./schema";

type Tx = Prisma.TransactionClient;

// ---- Who may work the door

/** An event as the door sees it, for one actor. */
interface DoorEvent {
  id: string;
  curatorId: string;
  status: EventStatus;
  timezone: string;
  /** The actor is door staff assigned to this event. */
  isStaff: boolean;
}

interface Refusal {
  code: Extract<ErrorCode, "FORBIDDEN" | "CONFLICT" | "RATE_LIMITED">;
  message: string;
  retryAfterSeconds?: number;
}

async function loadDoorEvent(db: Db | Tx, actor: Actor, eventId: string): Promise<DoorEvent> {
  const event = await db.event.findFirst({
    where: { id: eventId, deletedAt: null },
    select: { id: true, curatorId: true, status: true, timezone: true, staff: { where: { userId: actor.userId }, select: { userId: true } } },
  });
  if (!event) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  const { staff, ...row } = event;
  return { ...row, isStaff: staff.length > 0 };
}

/** Why the actor may not work this event's door now, or null when they may. */
function doorRefusal(actor: Actor, event: DoorEvent): Refusal | null {
  const isCurator = event.curatorId === actor.userId;
  if (!isCurator && !event.isStaff) {
    return {
      code: "FORBIDDEN",
      message: "Only the event's curator and the door staff assigned to it may check guests in or search its list",
    };
  }
  if (event.status === EventStatus.ON_HOLD && !isCurator) {
    return { code: "FORBIDDEN", message: "The event is paused (ON_HOLD): only its curator can let guests in until it resumes" };
  }
  if (event.status === EventStatus.COMPLETED || event.status === EventStatus.CANCELED) {
    return { code: "CONFLICT", message: `The event is ${event.status}: its door is closed` };
  }
  return null;
}

function refusalError(refusal: Refusal): AppError {
  const { retryAfterSeconds } = refusal;
  // Also a member of the answer: a tRPC caller (the door page) sees no Retry-After header.
  return new AppError(refusal.code, refusal.message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds, extra: { retryAfterSeconds } });
}

/** The door's event for search and the like: 404, 403 or 409 as for a check-in. */
async function openDoor(db: Db, actor: Actor, eventId: string): Promise<DoorEvent> {
  const event = await loadDoorEvent(db, actor, eventId);
  const refusal = doorRefusal(actor, event);
  if (refusal) throw refusalError(refusal);
  return event;
}

// ---- Wrong-code rate limit

/**
 * Wrong codes (NOT_ON_LIST) allowed per fixed window, per staff member and per device. Past
 * it, every scan from that staff member or device answers 429 until the window ends, right
 * codes too: answering right codes normally would let a guesser tell them apart. Right codes
 * never count, so a busy door is never slowed. Concurrent requests are checked before they
 * count, so a burst can pass the limit by at most the requests in flight (bounded by the
 * database pool), which is nothing against 128-bit codes: the limit stops sustained guessing.
 */
export const WRONG_CODE_LIMIT = 10;
export const WRONG_CODE_WINDOW_MS = 60_000;

function rateWindow(now: Date) {
  const start = new Date(Math.floor(now.getTime() / WRONG_CODE_WINDOW_MS) * WRONG_CODE_WINDOW_MS);
  const retryAfterSeconds = Math.max(1, Math.ceil((start.getTime() + WRONG_CODE_WINDOW_MS - now.getTime()) / 1000));
  return { start, retryAfterSeconds };
}

/** Staff first, then device: every transaction locks counter rows in the same order. */
function rateKeys(actor: Actor, deviceId: string | undefined): string[] {
  return [`staff:${actor.userId}`, ...(deviceId ? [`device:${deviceId}`] : [])];
}

/** Counts one wrong code against every key; answers the highest count now in the window. */
async function countWrongCode(tx: Tx, keys: string[], windowStart: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitWindow" (key, window_start, count)
    SELECT k, ${windowStart}::timestamptz, 1 FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
    ON CONFLICT (key, window_start) DO UPDATE SET count = "RateLimitWindow".count + 1
    RETURNING count`;
  // Earlier windows of these keys are spent: the table holds one row per active key.
  await tx.$executeRaw`DELETE FROM "RateLimitWindow" WHERE key = ANY(${keys}::text[]) AND window_start < ${windowStart}::timestamptz`;
  return Math.max(...rows.map((r) => r.count));
}

// ---- The atomic check-in

export interface Admitted {
  entryId: string;
  guestId: string;
  fullName: string;
  checkedInAt: Date;
}

/** The one statement that lets a guest in; null when the code is not an INVITED live guest's. */
export type Admit = (tx: Tx, scan: { eventId: string; code: string; staffId: string }) => Promise<Admitted | null>;

/**
 * INVITED -> CHECKED_IN in one conditional UPDATE. A concurrent scan of the same code blocks on
 * the row lock, then re-checks `status = 'INVITED'` against the committed row and changes
 * nothing: exactly one scan wins, whatever the number of staff, devices or servers.
 */
export const atomicAdmit: Admit = async (tx, { eventId, code, staffId }) => {
  const rows = await tx.$queryRaw<Admitted[]>`
    UPDATE "EventGuestToEvent" AS e
    SET status = 'CHECKED_IN', checked_in_at = now(), checked_in_by = ${staffId}::uuid
    FROM "EventGuest" AS g
    WHERE e.event_id = ${eventId}::uuid
      AND e.ticket_code = ${code}
      AND e.status = 'INVITED'
      AND g.id = e.guest_id
      AND g.deleted_at IS NULL
    RETURNING e.id AS "entryId", e.guest_id AS "guestId", g.full_name AS "fullName", e.checked_in_at AS "checkedInAt"`;
  return rows[0] ?? null;
};

export interface CheckInOptions {
  /** The clock of the rate-limit windows (tests move it). */
  now?: Date;
  /** The admitting statement; tests swap in a broken one to prove the concurrency test bites. */
  admit?: Admit;
}

/** A check-in's answer and a sentence for people ("Zoë Müller was already checked in at 21:04 by Sam"). */
export interface CheckInOutcome {
  answer: CheckInAnswer;
  message: string;
}

/** What a nonce's first request got, stored with the attempt and replayed for the nonce. */
const ZStoredResponse = z.object({
  /** SHA-256 of the event id and code: a nonce replays only for the same scan. */
  request: z.string(),
  answer: z
    .preprocess(
      (value) =>
        value && typeof value === "object" && "checkedInAt" in value
          ? { ...value, checkedInAt: new Date(String((value as { checkedInAt: unknown }).checkedInAt)) }
          : value,
      ZCheckInAnswer,
    )
    .optional(),
  message: z.string().optional(),
  error: z
    .object({
      code: z.enum(Object.keys(ERROR_TABLE) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
    })
    .optional(),
});
type StoredResponse = z.infer<typeof ZStoredResponse>;

function scanHash(input: TCheckInInput): string {
  return createHash("sha256").update(`${input.eventId}\n${input.code}`).digest("hex");
}

/** Formatters per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let found = formatters.get(timeZone);
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }),
      time: new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
      date: new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }),
    };
    formatters.set(timeZone, found);
  }
  return found;
}

/** "21:04", or "12 Mar, 21:04" when it was another day, in the event's time zone. */
function doorTime(at: Date, timeZone: string, now: Date): string {
  const { day, time, date } = formattersFor(timeZone);
  const clock = time.format(at);
  return day.format(at) === day.format(now) ? clock : `${date.format(at)}, ${clock}`;
}

const NOT_ON_LIST_MESSAGE = "This code is not on this event's list";

/** The first answer stored for a nonce, again; 422 when the nonce was sent with another scan. */
function replay(response: unknown, hash: string): CheckInOutcome {
  const stored = ZStoredResponse.parse(response);
  if (stored.request !== hash) {
    throw new AppError(
      "UNPROCESSABLE",
      "This nonce was already used for another scan: send a new nonce with each scan, and the same one only when retrying it",
    );
  }
  if (stored.error) throw new AppError(stored.error.code, stored.error.message);
  return { answer: stored.answer!, message: stored.message ?? "" };
}

async function storedResponseOf(db: Db, staffId: string, nonce: string): Promise<unknown> {
  const attempt = await db.checkInAttempt.findUnique({ where: { staffId_nonce: { staffId, nonce } }, select: { response: true } });
  if (!attempt) throw new AppError("CONFLICT", "The same scan is being answered right now: retry it");
  return attempt.response;
}

interface AttemptRow {
  eventId: string;
  staffId: string;
  deviceId: string | null;
  /** Null: not kept for replay (no nonce, or a 429). */
  nonce: string | null;
  result: CheckInResult;
  guestToEventId: string | null;
  response: StoredResponse;
}

/**
 * Logs an attempt. With a nonce, only when no attempt holds that nonce yet (the unique index
 * (staff_id, nonce) decides, waiting for a concurrent transaction that holds it): false then.
 */
async function insertAttempt(db: Db | Tx, row: AttemptRow): Promise<boolean> {
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "CheckInAttempt" (id, event_id, guest_to_event_id, staff_id, device_id, nonce, result, response)
    VALUES (gen_random_uuid(), ${row.eventId}::uuid, ${row.guestToEventId}::uuid, ${row.staffId}::uuid, ${row.deviceId},
            ${row.nonce}, ${row.result}::"CheckInResult", ${JSON.stringify(row.response)}::jsonb)
    ON CONFLICT (staff_id, nonce) DO NOTHING
    RETURNING id`;
  return inserted.length > 0;
}

/** Thrown inside the check-in's transaction to undo it: another request holds the nonce. */
class NonceTaken extends Error {}

/**
 * Everything the door needs to know before a scan, in one round trip: the event, whether the
 * actor is its staff, whether their staff or device key is over the wrong-code limit, and the
 * stored answer of the nonce if this scan was answered before.
 */
async function doorState(
  db: Db,
  actor: Actor,
  input: TCheckInInput,
  keys: string[],
  windowStart: Date,
): Promise<DoorEvent & { rateLimited: boolean; replay: unknown }> {
  const [row] = await db.$queryRaw<(Omit<DoorEvent, "status"> & { status: EventStatus; rateLimited: boolean; replay: unknown })[]>`
    SELECT e.id, e.curator_id AS "curatorId", e.status::text AS status, e.timezone,
           EXISTS (SELECT 1 FROM "EventStaff" s WHERE s.event_id = e.id AND s.user_id = ${actor.userId}::uuid) AS "isStaff",
           EXISTS (SELECT 1 FROM "RateLimitWindow" r
                   WHERE r.key = ANY(${keys}::text[]) AND r.window_start = ${windowStart}::timestamptz
                     AND r.count >= ${WRONG_CODE_LIMIT}) AS "rateLimited",
           (SELECT a.response FROM "CheckInAttempt" a
            WHERE a.staff_id = ${actor.userId}::uuid AND a.nonce = ${input.nonce ?? null}) AS replay
    FROM "Event" e
    WHERE e.id = ${input.eventId}::uuid AND e.deleted_at IS NULL`;
  if (!row) throw new AppError("NOT_FOUND", `No event ${input.eventId}`);
  return row;
}

/** A live guest's entry on this event's list by code, with who checked them in (one statement). */
async function readEntry(tx: Tx, eventId: string, code: string) {
  const [entry] = await tx.$queryRaw<
    {
      id: string;
      status: EventGuestStatus;
      checkedInAt: Date | null;
      guestId: string;
      fullName: string;
      byId: string | null;
      byName: string | null;
    }[]
  >`
    SELECT e.id, e.status::text AS status, e.checked_in_at AS "checkedInAt", g.id AS "guestId", g.full_name AS "fullName",
           u.id AS "byId", u.name AS "byName"
    FROM "EventGuestToEvent" AS e
    JOIN "EventGuest" AS g ON g.id = e.guest_id AND g.deleted_at IS NULL
    LEFT JOIN "User" AS u ON u.id = e.checked_in_by
    WHERE e.event_id = ${eventId}::uuid AND e.ticket_code = ${code}`;
  return entry ?? null;
}

type Decision =
  | { kind: "answer"; outcome: CheckInOutcome; result: CheckInResult; entryId: string | null }
  | { kind: "refused"; refusal: Refusal; result: CheckInResult };

/** Inside the transaction: the atomic UPDATE, else who let the code in, else a wrong code. */
async function admitOrExplain(
  tx: Tx,
  actor: Actor,
  event: DoorEvent,
  code: string,
  { now, admit, keys, limited }: { now: Date; admit: Admit; keys: string[]; limited: Refusal },
): Promise<Decision> {
  const windowStart = rateWindow(now).start;
  // An undo can land between the UPDATE and the read below; then the UPDATE is tried again.
  let raced = false;
  for (let round = 0; round < 3; round++) {
    const admitted = await admit(tx, { eventId: event.id, code, staffId: actor.userId });
    if (admitted) {
      return {
        kind: "answer",
        result: CheckInResult.CHECKED_IN,
        entryId: admitted.entryId,
        outcome: {
          answer: {
            result: "CHECKED_IN",
            guest: { id: admitted.guestId, fullName: admitted.fullName },
            checkedInAt: admitted.checkedInAt,
            checkedInBy: { id: actor.userId, name: actor.name },
          },
          message: `Checked in: ${admitted.fullName}`,
        },
      };
    }
    const entry = await readEntry(tx, event.id, code);
    raced = entry !== null;
    if (!entry) break;
    if (entry.status === EventGuestStatus.CHECKED_IN) {
      const at = entry.checkedInAt ?? now;
      const by = entry.byId && entry.byName ? { id: entry.byId, name: entry.byName } : null;
      return {
        kind: "answer",
        result: CheckInResult.ALREADY_CHECKED_IN,
        entryId: entry.id,
        outcome: {
          answer: { result: "ALREADY_CHECKED_IN", guest: { id: entry.guestId, fullName: entry.fullName }, checkedInAt: at, checkedInBy: by },
          message: `${entry.fullName} was already checked in at ${doorTime(at, event.timezone, now)}${by ? ` by ${by.name}` : ""}`,
        },
      };
    }
  }
  if (raced) {
    return {
      kind: "refused",
      result: CheckInResult.FORBIDDEN,
      refusal: { code: "CONFLICT", message: "This guest's check-in is being changed right now: scan again" },
    };
  }
  // A wrong code: not this event's, not a live guest's, or no code at all. Nothing says whose.
  if ((await countWrongCode(tx, keys, windowStart)) > WRONG_CODE_LIMIT) {
    return { kind: "refused", result: CheckInResult.RATE_LIMITED, refusal: limited };
  }
  return {
    kind: "answer",
    result: CheckInResult.NOT_ON_LIST,
    entryId: null,
    outcome: { answer: { result: "NOT_ON_LIST" }, message: NOT_ON_LIST_MESSAGE },
  };
}

function storedResponse(hash: string, decision: Decision): StoredResponse {
  return decision.kind === "answer"
    ? { request: hash, answer: decision.outcome.answer, message: decision.outcome.message }
    : { request: hash, error: { code: decision.refusal.code, message: decision.refusal.message } };
}

/**
 * Scans a ticket code at an event's door (POST /product-event/guest-verification/check-in).
 * Answers CHECKED_IN, ALREADY_CHECKED_IN (when, by whom) or NOT_ON_LIST; throws 404 for an
 * unknown event, 403 for someone who may not work its door (or staff while it is paused), 409
 * when the door is closed, 429 past the wrong-code limit, 422 for a nonce reused for another
 * scan. The same nonce again replays the first answer (refusals included, 429 excepted: it
 * was not an answer to the scan, so a retry after Retry-After scans for real). Every attempt
 * but a replay is logged, in the transaction of its effect; a replay is the same attempt again.
 */
export async function checkIn(
  db: Db,
  actor: Actor,
  input: TCheckInInput,
  options: CheckInOptions = {},
): Promise<CheckInOutcome> {
  const now = options.now ?? new Date();
  const admit = options.admit ?? atomicAdmit;
  const hash = scanHash(input);
  const nonce = input.nonce ?? null;
  const keys = rateKeys(actor, input.deviceId);
  const window = rateWindow(now);
  const limited: Refusal = {
    code: "RATE_LIMITED",
    message: `Too many wrong codes from this staff member or device: try again in ${window.retryAfterSeconds} s`,
    retryAfterSeconds: window.retryAfterSeconds,
  };

  const event = await doorState(db, actor, input, keys, window.start);
  if (event.replay) return replay(event.replay, hash);
  const attempt = { eventId: event.id, staffId: actor.userId, deviceId: input.deviceId ?? null, guestToEventId: null };

  const refusal = doorRefusal(actor, event);
  if (refusal) {
    const decision: Decision = { kind: "refused", refusal, result: CheckInResult.FORBIDDEN };
    const logged = await insertAttempt(db, { ...attempt, nonce, result: decision.result, response: storedResponse(hash, decision) });
    if (!logged) return replay(await storedResponseOf(db, actor.userId, nonce!), hash);
    throw refusalError(refusal);
  }
  if (event.rateLimited) {
    const decision: Decision = { kind: "refused", refusal: limited, result: CheckInResult.RATE_LIMITED };
    // A 429 is not kept for the nonce: the retry it asks for must scan for real.
    await insertAttempt(db, { ...attempt, nonce: null, result: decision.result, response: storedResponse(hash, decision) });
    throw refusalError(limited);
  }

  let decision: Decision;
  try {
    decision = await db.$transaction(async (tx) => {
      const decided = await admitOrExplain(tx, actor, event, input.code, { now, admit, keys, limited });
      const logged = await insertAttempt(tx, {
        ...attempt,
        nonce: decided.result === CheckInResult.RATE_LIMITED ? null : nonce,
        result: decided.result,
        guestToEventId: decided.kind === "answer" ? decided.entryId : null,
        response: storedResponse(hash, decided),
      });
      // The same nonce was answered by a concurrent request: undo this one, replay that one.
      if (!logged) throw new NonceTaken();
      return decided;
    });
  } catch (error) {
    if (error instanceof NonceTaken) return replay(await storedResponseOf(db, actor.userId, nonce!), hash);
    throw error;
  }
  if (decision.kind === "refused") throw refusalError(decision.refusal);
  return decision.outcome;
}

/**
 * The REST contract's answers: 200 for CHECKED_IN; ALREADY_CHECKED_IN and NOT_ON_LIST are
 * problem+json (409, 404) that also carry `result` (and guest, checkedInAt, checkedInBy), so a
 * client may branch on the status or on `result` alike.
 */
export function restCheckInAnswer({ answer, message }: CheckInOutcome) {
  if (answer.result === "CHECKED_IN") return answer;
  if (answer.result === "ALREADY_CHECKED_IN") throw new AppError("CONFLICT", message, { extra: answer });
  throw new AppError("NOT_FOUND", message, { extra: answer });
}

/** Takes back a check-in (the curator only, e.g. a mistaken scan); logged as UNDONE. */
export async function undoCheckIn(
  db: Db,
  actor: Actor,
  input: TUndoCheckInInput,
): Promise<{ guestId: string; status: EventGuestStatus }> {
  const event = await loadDoorEvent(db, actor, input.eventId);
  if (event.curatorId !== actor.userId) {
    throw new AppError("FORBIDDEN", "Only the event's curator can take back a check-in");
  }
  const refusal = doorRefusal(actor, event);
  if (refusal) throw refusalError(refusal);
  return db.$transaction(async (tx) => {
    const entry = await tx.eventGuestToEvent.findFirst({
      where: { eventId: event.id, guestId: input.guestId, guest: { deletedAt: null } },
      select: { id: true, checkedInAt: true, checkedInBy: true },
    });
    if (!entry) throw new AppError("NOT_FOUND", `Guest ${input.guestId} is not on this event's list`);
    const { count } = await tx.eventGuestToEvent.updateMany({
      where: { id: entry.id, status: EventGuestStatus.CHECKED_IN },
      data: { status: EventGuestStatus.INVITED, checkedInAt: null, checkedInBy: null },
    });
    if (count === 0) throw new AppError("CONFLICT", "This guest is not checked in");
    await tx.checkInAttempt.create({
      data: {
        eventId: event.id,
        staffId: actor.userId,
        guestToEventId: entry.id,
        result: CheckInResult.UNDONE,
        response: { undone: { checkedInAt: entry.checkedInAt?.toISOString() ?? null, checkedInBy: entry.checkedInBy } },
      },
    });
    return { guestId: input.guestId, status: EventGuestStatus.INVITED };
  });
}

// ---- Search at the door

/**
 * The door search's statement: every term must occur in the guest's searchText, each a
 * `LIKE '%term%'` that the trigram GIN index "EventGuest_search_text_idx" serves; joined to
 * this event's list through its (event_id, guest_id) unique index.
 */
export function doorSearchSql(eventId: string, terms: string[], limit: number): Prisma.Sql {
  const matches = Prisma.join(
    terms.map((term) => Prisma.sql`g.search_text LIKE ${likeContains(term)}`),
    " AND ",
  );
  return Prisma.sql`
    SELECT g.id AS "guestId", g.full_name AS "fullName", g.phone_number AS "phoneNumber",
           e.status::text AS status, e.ticket_code AS "ticketCode", e.checked_in_at AS "checkedInAt",
           u.id AS "byId", u.name AS "byName"
    FROM "EventGuest" AS g
    JOIN "EventGuestToEvent" AS e ON e.guest_id = g.id AND e.event_id = ${eventId}::uuid
    LEFT JOIN "User" AS u ON u.id = e.checked_in_by
    WHERE g.deleted_at IS NULL AND ${matches}
    ORDER BY g.full_name, g.id
    LIMIT ${limit}`;
}

/** Guests on the event's list by name, email or phone, accents and case ignored. */
export async function searchDoorList(db: Db, actor: Actor, input: TDoorSearchInput): Promise<{ guests: DoorSearchHit[] }> {
  const event = await openDoor(db, actor, input.eventId);
  const terms = searchTerms(input.query);
  if (terms.length === 0) {
    throw new AppError("INVALID_INPUT", "Type a name or a phone number", {
      errors: [{ path: "query", message: "has no letters or digits" }],
    });
  }
  const rows = await db.$queryRaw<
    {
      guestId: string;
      fullName: string;
      phoneNumber: string | null;
      status: EventGuestStatus;
      ticketCode: string;
      checkedInAt: Date | null;
      byId: string | null;
      byName: string | null;
    }[]
  >(doorSearchSql(event.id, terms, input.limit));
  return {
    guests: rows.map(({ phoneNumber, byId, byName, ...row }) => ({
      ...row,
      phoneHint: phoneNumber ? `…${phoneNumber.slice(-4)}` : null,
      checkedInBy: byId && byName ? { id: byId, name: byName } : null,
    })),
  };
}

// ---- Counts

/** Invited, checked in and remaining, each guest once; for the curator, admins and the event's staff. */
export async function guestCounts(db: Db, actor: Actor, eventId: string): Promise<GuestCounts> {
  const event = await loadDoorEvent(db, actor, eventId);
  const allowed = event.curatorId === actor.userId || event.isStaff || actor.role === Role.ADMIN;
  if (!allowed) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  const [row] = await db.$queryRaw<{ invited: number; checkedIn: number }[]>`
    SELECT count(DISTINCT e.guest_id)::int AS invited,
           count(DISTINCT e.guest_id) FILTER (WHERE e.status = 'CHECKED_IN')::int AS "checkedIn"
    FROM "EventGuestToEvent" AS e
    JOIN "EventGuest" AS g ON g.id = e.guest_id AND g.deleted_at IS NULL
    WHERE e.event_id = ${eventId}::uuid`;
  const invited = row?.invited ?? 0;
  const checkedIn = row?.checkedIn ?? 0;
  return { invited, checkedIn, remaining: invited - checkedIn };
}

// ---- Door staff

const staffSelect = {
  assignedAt: true,
  user: { select: { id: true, name: true, email: true, role: true } },
} satisfies Prisma.EventStaffSelect;

async function readStaff(db: Db, eventId: string): Promise<{ staff: StaffMember[] }> {
  const rows = await db.eventStaff.findMany({
    where: { eventId },
    orderBy: [{ assignedAt: "asc" }, { userId: "asc" }],
    select: staffSelect,
  });
  return { staff: rows.map(({ user, assignedAt }) => ({ userId: user.id, name: user.name, email: user.email, role: user.role, assignedAt })) };
}

/**
 * Assigns a door staff member to the event (its curator, or an admin). The account must have
 * the STAFF role: door access is a role of its own, not something any user can be given.
 * Assigning someone twice is not an error.
 */
export async function assignStaff(db: Db, actor: Actor, input: TAssignStaffInput) {
  const event = await findManagedEvent(db, actor, input.eventId);
  const user = await db.user.findFirst({
    where: { role: Role.STAFF, ...(input.userId ? { id: input.userId } : { email: input.email!.trim().toLowerCase() }) },
    select: { id: true },
  });
  if (!user) {
    throw new AppError("NOT_FOUND", `No door staff account ${input.userId ?? input.email} (the user must have the STAFF role)`);
  }
  await db.eventStaff.createMany({ data: [{ eventId: event.id, userId: user.id }], skipDuplicates: true });
  return readStaff(db, event.id);
}

export async function unassignStaff(db: Db, actor: Actor, input: { eventId: string; userId: string }) {
  const event = await findManagedEvent(db, actor, input.eventId);
  const { count } = await db.eventStaff.deleteMany({ where: { eventId: event.id, userId: input.userId } });
  if (count === 0) throw new AppError("NOT_FOUND", `User ${input.userId} is not door staff of this event`);
  return readStaff(db, event.id);
}

export async function listStaff(db: Db, actor: Actor, eventId: string) {
  const event = await findManagedEvent(db, actor, eventId);
  return readStaff(db, event.id);
}

const doorEventSelect = { id: true, title: true, status: true, startDate: true, timezone: true, venue: true } satisfies Prisma.EventSelect;

/** Events whose door the actor may work now: as their curator or as assigned staff. */
export async function myDoorEvents(db: Db, actor: Actor) {
  const events = await db.event.findMany({
    where: {
      deletedAt: null,
      status: { in: [EventStatus.UPCOMING, EventStatus.ON_HOLD] },
      OR: [{ curatorId: actor.userId }, { staff: { some: { userId: actor.userId } } }],
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: 50,
    select: doorEventSelect,
  });
  return { events };
}

/**
 * One event's door as the actor works it (the door page): the event, and why its door is
 * closed to them now (paused for staff, completed, canceled) or null when they may let guests
 * in. Not their curator nor assigned staff: 404, as for an event that does not exist.
 */
export async function doorOf(db: Db, actor: Actor, eventId: string) {
  const found = await db.event.findFirst({
    where: { id: eventId, deletedAt: null, OR: [{ curatorId: actor.userId }, { staff: { some: { userId: actor.userId } } }] },
    select: { ...doorEventSelect, curatorId: true },
  });
  if (!found) throw new AppError("NOT_FOUND", `No event ${eventId}`);
  const { curatorId, ...event } = found;
  // Found by the filter above, so the actor is its curator or its staff.
  const refusal = doorRefusal(actor, { ...event, curatorId, isStaff: curatorId !== actor.userId });
  return { event, closedReason: refusal?.message ?? null };
}

/** The door's audit trail, newest first (the curator, or an admin). */
export async function listAttempts(db: Db, actor: Actor, input: { eventId: string; limit: number }) {
  const event = await findManagedEvent(db, actor, input.eventId);
  const rows = await db.checkInAttempt.findMany({
    where: { eventId: event.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: {
      id: true,
      result: true,
      deviceId: true,
      createdAt: true,
      staff: { select: { id: true, name: true } },
      guestToEvent: { select: { guest: { select: { id: true, fullName: true } } } },
    },
  });
  return {
    attempts: rows.map(({ guestToEvent, ...row }) => ({ ...row, guest: guestToEvent?.guest ?? null })),
  };
}
