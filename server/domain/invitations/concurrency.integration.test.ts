// Re-inviting one address at once, under real concurrency: 20 invitations of the same address
// to the same event and kind, sent together, leave exactly one pending invitation (one working
// link), every call succeeds, and each invitation written has its one mail. The negative
// control runs the same storm with the partial unique index dropped and sees several pending
// invitations, so the test can tell the guarded insert from an unguarded one.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEvent } from "../../../prisma/factories";
import { InvitationStatus, Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { invite } from "./invite";

const db = useTestDb();
const AT_ONCE = 20;
const INDEX = "Invitation_one_pending_per_address";

/** Invites one address AT_ONCE times together (written in mixed case, as people type it). */
async function storm() {
  const curator = await actorFor(db, Role.CURATOR);
  const { event } = await createEvent(db, { curatorId: curator.userId });
  const email = `sam-${randomUUID().slice(0, 8)}@race.test`;
  const results = await Promise.allSettled(
    Array.from({ length: AT_ONCE }, (_, i) => invite(db, curator, { eventId: event.id, kind: "STAFF", email: i % 2 ? email.toUpperCase() : email })),
  );
  const rows = await db.invitation.findMany({ where: { eventId: event.id }, select: { id: true, status: true, email: true } });
  return { event, email, results, rows, pending: rows.filter((r) => r.status === InvitationStatus.PENDING) };
}

describe("concurrent re-invitations of one address", () => {
  it("leave exactly one pending invitation, and every call answers with an invitation that was written", async () => {
    const { email, results, rows, pending } = await storm();
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.email).toBe(email);
    const answered = new Set(results.map((r) => (r.status === "fulfilled" ? r.value.invitation.id : null)));
    expect([...answered].every((id) => rows.some((row) => row.id === id))).toBe(true);
    // Each invitation written has exactly one mail (losers of the race sent none of their own).
    const mails = await db.mailMessage.findMany({ where: { to: email }, select: { dedupeKey: true } });
    expect(mails.map((m) => m.dedupeKey).sort()).toEqual(rows.map((r) => `invitation:${r.id}`).sort());
  });

  it("negative control: without the partial unique index the same storm leaves several pending invitations", async () => {
    const [index] = await db.$queryRawUnsafe<{ indexdef: string }[]>(`SELECT indexdef FROM pg_indexes WHERE indexname = '${INDEX}'`);
    expect(index, "the partial unique index exists").toBeDefined();
    await db.$executeRawUnsafe(`DROP INDEX "${INDEX}"`);
    let eventId: string | undefined;
    try {
      const { event, pending } = await storm();
      eventId = event.id;
      expect(pending.length).toBeGreaterThan(1);
    } finally {
      // The control's duplicates would stop the index coming back.
      if (eventId) await db.invitation.deleteMany({ where: { eventId } });
      await db.$executeRawUnsafe(index!.indexdef);
    }
  });
});
