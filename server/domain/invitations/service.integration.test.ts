// Invitations against PostgreSQL: inviting queues the mail in the same transaction, the link
// (only its hash stored) makes the invited address door staff of that event only or an
// invited promoter whose feed shows the event first; revoked, used, expired and forged links
// do nothing and say so; only the event's manager invites, lists and revokes.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorOf, createEvent, createGuest, createInvitation, createPostFromEvent, createUser, inviteGuest } from "../../../prisma/factories";
import { EventStatus, InvitationStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { appError } from "../../testing/rejections";
import { checkIn } from "../checkin/check-in";
import { myDoorEvents } from "../checkin/door-access";
import { listPromotableEvents } from "../feed/service";
import { acceptInvitation } from "./accept";
import { invite } from "./invite";
import { listInvitations } from "./list";
import { previewInvitation } from "./preview";
import { revokeInvitation } from "./revoke";
import { hashInvitationToken } from "./token";

const db = useTestDb();
const DAY_MS = 24 * 60 * 60 * 1000;

const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@invited.test`;

/** The token of the last invitation mail queued for `email` (the link is only in the mail). */
async function tokenMailedTo(email: string): Promise<string> {
  const mail = await db.mailMessage.findFirstOrThrow({ where: { to: email, template: "invitation" }, orderBy: { createdAt: "desc" } });
  const url = new URL((mail.props as { acceptUrl: string }).acceptUrl);
  return decodeURIComponent(url.pathname.replace("/invitations/", ""));
}

async function curatorWithEvent(overrides: { startDate?: Date } = {}) {
  const curator = await actorFor(db, Role.CURATOR);
  const { event } = await createEvent(db, { curatorId: curator.userId, title: `Invite night ${randomUUID().slice(0, 6)}`, ...overrides });
  return { curator, event };
}

async function signedInAs(email: string, role: Role = Role.PROMOTER) {
  return actorOf(db, (await createUser(db, { role, email })).id);
}

describe("inviting door staff", () => {
  it("queues one invitation mail in the invitation's transaction, stores only the token's hash, and the link makes the invitee staff of that event only", async () => {
    const { curator, event } = await curatorWithEvent();
    const { event: other } = await createEvent(db, { curatorId: curator.userId });
    const email = address("sam");

    const { invitation } = await invite(db, curator, { eventId: event.id, kind: "STAFF", email: email.toUpperCase() });
    expect(invitation).toEqual({ id: expect.any(String), email, status: InvitationStatus.PENDING });

    const mails = await db.mailMessage.findMany({ where: { to: email } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "invitation", dedupeKey: `invitation:${invitation.id}` });
    expect(mails[0]!.props).toMatchObject({ inviterName: curator.name, kind: "STAFF", event: { title: event.title, venue: event.venue } });
    expect(await db.outboxMessage.count({ where: { name: "mail.queued", payload: { path: ["mailId"], equals: mails[0]!.id } } })).toBe(1);

    const token = await tokenMailedTo(email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 bits, base64url
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.9 * DAY_MS);

    // A brand-new account (default role PROMOTER, no posts) follows the link.
    const sam = await signedInAs(email);
    expect(await previewInvitation(db, sam, token)).toMatchObject({
      state: "OPEN",
      invitation: { kind: "STAFF", email, forYou: true, invitedBy: curator.name, event: { id: event.id, title: event.title } },
    });
    expect(await acceptInvitation(db, sam, token)).toEqual({ kind: "STAFF", eventId: event.id, role: Role.STAFF, next: `/door/${event.id}` });

    const staffOf = await db.eventStaff.findMany({ where: { userId: sam.userId }, select: { eventId: true } });
    expect(staffOf).toEqual([{ eventId: event.id }]);
    const samNow = await actorOf(db, sam.userId);
    expect(samNow.role).toBe(Role.STAFF);
    // The door list shows the event at once, and only that one; its door lets a guest in.
    expect((await myDoorEvents(db, samNow)).events.map((e) => e.id)).toEqual([event.id]);
    expect((await myDoorEvents(db, samNow)).events.map((e) => e.id)).not.toContain(other.id);
    const guest = await createGuest(db, { userId: curator.userId });
    const entry = await inviteGuest(db, { eventId: event.id, guestId: guest.id });
    expect((await checkIn(db, samNow, { eventId: event.id, code: entry.ticketCode })).answer).toMatchObject({ result: "CHECKED_IN" });
    const otherGuest = await createGuest(db, { userId: curator.userId });
    const otherEntry = await inviteGuest(db, { eventId: other.id, guestId: otherGuest.id });
    expect((await appError(checkIn(db, samNow, { eventId: other.id, code: otherEntry.ticketCode }))).code).toBe("FORBIDDEN");

    expect((await listInvitations(db, curator, event.id)).invitations).toMatchObject([
      { id: invitation.id, email, kind: "STAFF", status: "ACCEPTED", invitedBy: curator.name },
    ]);
  });

  it("a used link does nothing the second time, and says so", async () => {
    const { curator, event } = await curatorWithEvent();
    const email = address("twice");
    await invite(db, curator, { eventId: event.id, kind: "STAFF", email });
    const token = await tokenMailedTo(email);
    const sam = await signedInAs(email);
    await acceptInvitation(db, sam, token);
    const error = await appError(acceptInvitation(db, sam, token));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already used/) });
    expect((await previewInvitation(db, sam, token)).state).toBe("USED");
  });

  it("a revoked link does nothing: no staff row, the page says it was withdrawn", async () => {
    const { curator, event } = await curatorWithEvent();
    const email = address("revoked");
    const { invitation } = await invite(db, curator, { eventId: event.id, kind: "STAFF", email });
    const token = await tokenMailedTo(email);
    expect((await revokeInvitation(db, curator, { eventId: event.id, invitationId: invitation.id })).invitation.status).toBe("REVOKED");
    // Twice is not an error.
    expect((await revokeInvitation(db, curator, { eventId: event.id, invitationId: invitation.id })).invitation.status).toBe("REVOKED");
    const sam = await signedInAs(email);
    expect((await previewInvitation(db, sam, token)).state).toBe("REVOKED");
    expect(await appError(acceptInvitation(db, sam, token))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/withdrawn/) });
    expect(await db.eventStaff.count({ where: { userId: sam.userId } })).toBe(0);
  });

  it("an expired link and a forged one do nothing, and say so", async () => {
    const { event } = await curatorWithEvent();
    const email = address("late");
    const expired = await createInvitation(db, { eventId: event.id, email, expiresAt: new Date(Date.now() - 1000) });
    const sam = await signedInAs(email);
    expect((await previewInvitation(db, sam, expired.token)).state).toBe("EXPIRED");
    expect(await appError(acceptInvitation(db, sam, expired.token))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired/) });

    const forged = `${expired.token.slice(0, -1)}${expired.token.endsWith("A") ? "B" : "A"}`;
    expect(await previewInvitation(db, sam, forged)).toEqual({ state: "FORGED", invitation: null });
    expect(await appError(acceptInvitation(db, sam, forged))).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/not valid/) });
    expect(await db.eventStaff.count({ where: { userId: sam.userId } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: expired.id } })).status).toBe(InvitationStatus.PENDING);
  });

  it("only the invited address accepts: another signed-in account is refused and sees the address hidden", async () => {
    const { event } = await curatorWithEvent();
    const email = address("intended");
    const { token } = await createInvitation(db, { eventId: event.id, email });
    const stranger = await signedInAs(address("stranger"));
    const preview = await previewInvitation(db, stranger, token);
    expect(preview.invitation).toMatchObject({ forYou: false, email: `${email[0]}•••@invited.test` });
    expect(await appError(acceptInvitation(db, stranger, token))).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.eventStaff.count({ where: { userId: stranger.userId } })).toBe(0);
    // The addressee still can (the refusal used nothing up).
    expect((await acceptInvitation(db, await signedInAs(email), token)).kind).toBe("STAFF");
  });

  it("of two concurrent accepts of one link exactly one wins", async () => {
    const { event } = await curatorWithEvent();
    const email = address("race");
    const { token } = await createInvitation(db, { eventId: event.id, email });
    const sam = await signedInAs(email);
    const results = await Promise.allSettled([acceptInvitation(db, sam, token), acceptInvitation(db, sam, token)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("re-inviting a pending address sends a fresh link and revokes the old one", async () => {
    const { curator, event } = await curatorWithEvent();
    const email = address("again");
    const first = await invite(db, curator, { eventId: event.id, kind: "STAFF", email });
    const oldToken = await tokenMailedTo(email);
    const second = await invite(db, curator, { eventId: event.id, kind: "STAFF", email });
    const newToken = await tokenMailedTo(email);
    expect(newToken).not.toBe(oldToken);
    expect(await db.mailMessage.count({ where: { to: email } })).toBe(2);
    const statuses = Object.fromEntries((await listInvitations(db, curator, event.id)).invitations.map((i) => [i.id, i.status]));
    expect(statuses).toEqual({ [first.invitation.id]: "REVOKED", [second.invitation.id]: "PENDING" });
    const sam = await signedInAs(email);
    expect((await appError(acceptInvitation(db, sam, oldToken))).code).toBe("CONFLICT");
    expect((await acceptInvitation(db, sam, newToken)).eventId).toBe(event.id);
    // Once they work the door, inviting them again is a 409.
    expect((await appError(invite(db, curator, { eventId: event.id, kind: "STAFF", email }))).code).toBe("CONFLICT");
  });

  it("a promoter who has posted keeps promoting, and still finds the door in their door list", async () => {
    const { curator, event } = await curatorWithEvent();
    const email = address("poster");
    const promoter = await signedInAs(email);
    await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.userId });
    const { token } = await createInvitation(db, { eventId: event.id, email });
    expect((await acceptInvitation(db, promoter, token)).role).toBe(Role.PROMOTER);
    expect((await myDoorEvents(db, await actorOf(db, promoter.userId))).events.map((e) => e.id)).toEqual([event.id]);
    // A curator keeps being a curator.
    const otherCurator = await actorFor(db, Role.CURATOR);
    const { token: t2 } = await createInvitation(db, { eventId: event.id, email: otherCurator.email });
    expect((await acceptInvitation(db, otherCurator, t2)).role).toBe(Role.CURATOR);
    expect(curator.role).toBe(Role.CURATOR);
  });
});

describe("inviting promoters", () => {
  it("the accepted link makes them an invited promoter, and the event comes first in their feed", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const soon = await createEvent(db, { curatorId: curator.userId, startDate: new Date(Date.now() + 2 * DAY_MS) });
    const later = await createEvent(db, { curatorId: curator.userId, startDate: new Date(Date.now() + 300 * DAY_MS) });
    const email = address("pia");
    await invite(db, curator, { eventId: later.event.id, kind: "PROMOTER", email });
    const pia = await signedInAs(email);
    const before = await listPromotableEvents(db, pia);
    // Control: by date alone the far-off event is not first (other tests' events may even push it off the page).
    expect(before.findIndex((e) => e.id === later.event.id)).not.toBe(0);

    expect(await acceptInvitation(db, pia, await tokenMailedTo(email))).toEqual({
      kind: "PROMOTER",
      eventId: later.event.id,
      role: Role.PROMOTER,
      next: "/feed",
    });
    expect(await db.eventPromoter.count({ where: { userId: pia.userId, eventId: later.event.id } })).toBe(1);
    const feed = await listPromotableEvents(db, pia);
    expect(feed[0]).toMatchObject({ id: later.event.id, invited: true });
    expect(feed.find((e) => e.id === soon.event.id)?.invited).toBe(false);
    expect((await appError(invite(db, curator, { eventId: later.event.id, kind: "PROMOTER", email }))).code).toBe("CONFLICT");
  });
});

describe("who may invite, list and revoke", () => {
  it("only the event's manager: another curator gets 404, a promoter or door staff 403, an admin may", async () => {
    const { curator, event } = await curatorWithEvent();
    const other = await actorFor(db, Role.CURATOR);
    const promoter = await actorFor(db, Role.PROMOTER);
    const staff = await actorFor(db, Role.STAFF);
    await db.eventStaff.create({ data: { eventId: event.id, userId: staff.userId } });
    const admin = await actorFor(db, Role.ADMIN);
    const email = address("access");
    const { invitation } = await invite(db, curator, { eventId: event.id, kind: "STAFF", email });
    for (const [who, code] of [
      [other, "NOT_FOUND"],
      [promoter, "FORBIDDEN"],
      [staff, "FORBIDDEN"],
    ] as const) {
      expect((await appError(invite(db, who, { eventId: event.id, kind: "STAFF", email: address("x") }))).code).toBe(code);
      expect((await appError(invite(db, who, { eventId: event.id, kind: "PROMOTER", email: address("x") }))).code).toBe(code);
      expect((await appError(listInvitations(db, who, event.id))).code).toBe(code);
      expect((await appError(revokeInvitation(db, who, { eventId: event.id, invitationId: invitation.id }))).code).toBe(code);
    }
    // Nothing was queued or revoked by the refused calls.
    expect(await db.invitation.count({ where: { eventId: event.id } })).toBe(1);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe(InvitationStatus.PENDING);
    expect((await invite(db, admin, { eventId: event.id, kind: "STAFF", email: address("by-admin") })).invitation.status).toBe("PENDING");
    // Another event's invitation is unknown through this one.
    const { event: second } = await createEvent(db, { curatorId: curator.userId });
    expect((await appError(revokeInvitation(db, curator, { eventId: second.id, invitationId: invitation.id }))).code).toBe("NOT_FOUND");
  });

  it("nobody is invited to an event that is over, and an accepted invitation is past revoking", async () => {
    const { curator, event } = await curatorWithEvent();
    const email = address("done");
    const { invitation } = await invite(db, curator, { eventId: event.id, kind: "STAFF", email });
    await acceptInvitation(db, await signedInAs(email), await tokenMailedTo(email));
    expect((await appError(revokeInvitation(db, curator, { eventId: event.id, invitationId: invitation.id }))).code).toBe("CONFLICT");
    const canceled = await createEvent(db, { curatorId: curator.userId, status: EventStatus.CANCELED });
    expect((await appError(invite(db, curator, { eventId: canceled.event.id, kind: "STAFF", email: address("late") }))).code).toBe("CONFLICT");
  });

  it("writes the invitation and its mail in one transaction (the same xmin)", async () => {
    const { curator, event } = await curatorWithEvent();
    const email = address("atomic");
    const { invitation } = await invite(db, curator, { eventId: event.id, kind: "STAFF", email });
    const [row] = await db.$queryRaw<{ invitation: string; mail: string }[]>`
      SELECT (SELECT xmin::text FROM "Invitation" WHERE id = ${invitation.id}::uuid) AS invitation,
             (SELECT xmin::text FROM "MailMessage" WHERE dedupe_key = ${`invitation:${invitation.id}`}) AS mail`;
    expect(row!.mail).toBe(row!.invitation);
  });
});
