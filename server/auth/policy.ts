// Who may do what, written once. Services, list queries (as a Prisma `where` or an SQL fragment), tRPC
// procedures and pages all ask this module; none keeps its own role list.
//
// - Curators manage their own events and keep their own guest book; admins manage every
//   curator's events and books (they help curators; they do not stand at doors).
// - Curators see only their own events; everyone else sees every curator's.
// - Promoters, curators and admins post from the events they see.
// - An event's door is worked by its curator and the STAFF users the curator assigned to it:
//   both while it is UPCOMING, only the curator while it is ON_HOLD, nobody once it is
//   COMPLETED or CANCELED.
// - Whoever manages an event invites people by email to work its door or promote it. The
//   invitation is for the invited address: only a user signed in with that address accepts it
//   (the link reached that mailbox, so its owner can always sign in with it).
// - Curators and admins keep partner webhook endpoints, each their own: an endpoint receives
//   the events of its owner's own events, and nobody else sees or changes it (admins included).
import { AppError, type ErrorCode } from "../errors";
import { escapeLiteral } from "pg";
import { Prisma } from "../generated/prisma/client";
import { EventStatus, InvitationKind, Role } from "../generated/prisma/enums";
import type { Actor } from "./actor";

type Caller = Pick<Actor, "userId" | "role">;

/** Roles that manage events and keep guest books. */
export const EVENT_MANAGER_ROLES: readonly Role[] = [Role.CURATOR, Role.ADMIN];
/** Roles that create posts from events and read the promoter feed. */
export const POSTING_ROLES: readonly Role[] = [Role.PROMOTER, Role.CURATOR, Role.ADMIN];

export function managesEvents(actor: Caller): boolean {
  return EVENT_MANAGER_ROLES.includes(actor.role);
}

export function assertManagesEvents(actor: Caller): void {
  if (!managesEvents(actor)) throw new AppError("FORBIDDEN", "Only curators (and admins) manage events");
}

export function assertKeepsGuestBook(actor: Caller): void {
  if (!managesEvents(actor)) throw new AppError("FORBIDDEN", "Only curators (and admins) keep a guest book");
}

/** Who keeps partner webhook endpoints (each their own): whoever manages events. */
export function assertKeepsWebhookEndpoints(actor: Caller): void {
  if (!managesEvents(actor)) throw new AppError("FORBIDDEN", "Only curators (and admins) keep webhook endpoints");
}

/** The webhook endpoints an actor may see and change, as a Prisma filter: their own, never deleted. */
export function ownWebhookEndpointsWhere(actor: Caller): Prisma.WebhookEndpointWhereInput {
  return { ownerId: actor.userId, deletedAt: null };
}

export function mayPost(actor: Caller): boolean {
  return POSTING_ROLES.includes(actor.role);
}

/** Whether the actor manages every curator's events (an admin), not only their own. */
export function managesAllEvents(actor: Pick<Caller, "role">): boolean {
  return actor.role === Role.ADMIN;
}

/** The events an actor manages, as a Prisma filter: a curator's own, every event for an admin. */
export function managedEventsWhere(actor: Caller): Prisma.EventWhereInput {
  return managesAllEvents(actor) ? {} : { curatorId: actor.userId };
}

/** The same rule for raw SQL over the "Event" table under `alias` (e.g. `e`). */
export function managedEventsSql(actor: Caller, alias: string): Prisma.Sql {
  return managesAllEvents(actor) ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(`${alias}.curator_id`)} = ${actor.userId}::uuid`;
}

/**
 * The events an actor's lists show, as a Prisma filter: a curator only their own (curators
 * never see each other's events), everyone else every curator's.
 */
export function visibleEventsWhere(actor: Caller): Prisma.EventWhereInput {
  return actor.role === Role.CURATOR ? { curatorId: actor.userId } : {};
}

/** Whether the actor sees this event, by the rule of visibleEventsWhere. */
export function seesEvent(actor: Caller, event: { curatorId: string }): boolean {
  return actor.role !== Role.CURATOR || event.curatorId === actor.userId;
}

/** Whether the actor manages this event (its curator, or an admin). */
export function managesEvent(actor: Caller, event: { curatorId: string }): boolean {
  return managesEvents(actor) && (managesAllEvents(actor) || event.curatorId === actor.userId);
}

/** The events whose door the actor works, as a Prisma filter: as their curator or as assigned staff. */
export function doorsWhere(actor: Caller): Prisma.EventWhereInput {
  return { OR: [{ curatorId: actor.userId }, { staff: { some: { userId: actor.userId } } }] };
}

/** How long door staff may take back their own check-in (a mistaken scan, noticed at once). */
export const STAFF_UNDO_WINDOW_MS = 5 * 60_000;

/**
 * Who takes back a check-in (a mistaken scan): the event's curator always; its door staff only
 * their own check-in, within STAFF_UNDO_WINDOW_MS of it; nobody else, admins included. (Whether
 * the actor may work the door now at all is doorRefusal's.)
 */
export function mayUndoCheckIn(
  actor: Caller,
  event: { curatorId: string; isStaff: boolean },
  admission: { checkedInBy: string | null; checkedInAt: Date | null },
  now: Date,
): boolean {
  if (event.curatorId === actor.userId) return true;
  return (
    event.isStaff &&
    admission.checkedInBy === actor.userId &&
    admission.checkedInAt !== null &&
    now.getTime() - admission.checkedInAt.getTime() <= STAFF_UNDO_WINDOW_MS
  );
}

/** Who sees an event's door counts: whoever manages the event, and its door staff. */
export function seesDoorCounts(actor: Caller, event: { curatorId: string; isStaff: boolean }): boolean {
  return managesEvent(actor, event) || event.isStaff;
}

/** Why an actor may not work an event's door now. */
export interface DoorRefusal {
  code: Extract<ErrorCode, "FORBIDDEN" | "CONFLICT" | "RATE_LIMITED">;
  message: string;
  retryAfterSeconds?: number;
}

/** Why the actor may not work this event's door now, or null when they may. */
export function doorRefusal(actor: Caller, event: { curatorId: string; status: EventStatus; isStaff: boolean }): DoorRefusal | null {
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

/**
 * doorRefusal asked about every status and every way a caller can stand to an event (its
 * curator, its staff, neither), as the arms of doorRefusalSql's CASE. They do not depend on who
 * asks, so they are built once; the answers are our own sentences, written as literals (as
 * parameters they were 36 more values to send and bind on every scan).
 */
const DOOR_REFUSAL_ARMS = (() => {
  const caller: Caller = { userId: "caller", role: Role.STAFF };
  const standings = {
    curator: { curatorId: caller.userId, isStaff: false },
    staff: { curatorId: "", isStaff: true },
    none: { curatorId: "", isStaff: false },
  };
  const arms = Object.entries(standings).flatMap(([standing, relation]) =>
    Object.values(EventStatus).map((status) => {
      const refusal = doorRefusal(caller, { ...relation, status });
      const answer = refusal ? `${escapeLiteral(JSON.stringify({ code: refusal.code, message: refusal.message }))}::jsonb` : "NULL::jsonb";
      return `WHEN '${standing}:${status}' THEN ${answer}`;
    }),
  );
  return Prisma.raw(arms.join(" "));
})();

/**
 * doorRefusal in SQL, for the check-in's one statement (server/db/sql/checkin.ts): the refusal
 * as jsonb `{code, message}`, or NULL when the actor may work the door. Its arms come from
 * doorRefusal itself (DOOR_REFUSAL_ARMS), so the two forms cannot disagree.
 */
export function doorRefusalSql(actor: Caller, event: { curatorId: Prisma.Sql; status: Prisma.Sql; isStaff: Prisma.Sql }): Prisma.Sql {
  const standing = Prisma.sql`CASE WHEN ${event.curatorId} = ${actor.userId}::uuid THEN 'curator' WHEN ${event.isStaff} THEN 'staff' ELSE 'none' END`;
  return Prisma.sql`(CASE ${standing} || ':' || ${event.status}::text ${DOOR_REFUSAL_ARMS} END)`;
}

/**
 * Who may send the scans a phone made offline: whoever works the event's door, its curator
 * and assigned staff, whatever the event's status now (the scans happened while they stood
 * there). Each scan that would admit someone still goes through the door's own rule.
 */
export function maySyncOfflineScans(actor: Caller, event: { curatorId: string; isStaff: boolean }): boolean {
  return event.curatorId === actor.userId || event.isStaff;
}

/** Who invites door staff and promoters to an event: whoever manages it. */
export function mayInviteTo(actor: Caller, event: { curatorId: string }): boolean {
  return managesEvent(actor, event);
}

/** Whether the signed-in user may accept an invitation sent to `invitedEmail`: only its addressee. */
export function mayAcceptInvitation(actor: Pick<Actor, "email">, invitedEmail: string): boolean {
  return actor.email.trim().toLowerCase() === invitedEmail.toLowerCase();
}

/**
 * The role an accepted invitation leaves its user with. Curators and admins keep theirs (they
 * keep everything they had, plus this door or feed). Otherwise the invitation's role is taken
 * by an account that has not yet worked in its own: a promoter without posts (such as an
 * account just made by following the invitation, whose default role is PROMOTER) becomes door
 * staff; door staff without doors becomes a promoter. Anyone else keeps their role, and the
 * door list or the feed still shows the invited event.
 */
export function roleAfterInvitation(user: { role: Role; hasPosts: boolean; hasDoors: boolean }, kind: InvitationKind): Role {
  if (kind === InvitationKind.STAFF && user.role === Role.PROMOTER && !user.hasPosts) return Role.STAFF;
  if (kind === InvitationKind.PROMOTER && user.role === Role.STAFF && !user.hasDoors) return Role.PROMOTER;
  return user.role;
}
