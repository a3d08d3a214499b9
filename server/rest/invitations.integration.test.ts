// The invitation REST routes, called as Next calls them with API keys, against a real database:
// POST /product-event/:id/staff and /promoters answer 201 { invitation: { id, email, status } },
// honour Idempotency-Key (one invitation, one mail), list and revoke.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/(rest)/product-event/[id]/invitations/[invitationId]/route";
import { GET as listRoute } from "@/app/(rest)/product-event/[id]/invitations/route";
import { POST as promotersRoute } from "@/app/(rest)/product-event/[id]/promoters/route";
import { POST as staffRoute } from "@/app/(rest)/product-event/[id]/staff/route";
import { createEvent } from "../../prisma/factories";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";

const db = useTestDb();

const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@invited.test`;

describe("REST invitations", () => {
  it("invites door staff and promoters (201), lists them and revokes one", async () => {
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const { event } = await createEvent(db, { curatorId: user.id });
    const params = { id: event.id };
    const staffEmail = address("sam");
    const staff = await callRoute(staffRoute, { method: "POST", path: `/product-event/${event.id}/staff`, key, json: { email: staffEmail }, params });
    expect(staff.status).toBe(201);
    const { invitation } = await staff.json();
    expect(invitation).toEqual({ id: expect.any(String), email: staffEmail, status: "PENDING" });

    const promoterEmail = address("pia");
    const promoter = await callRoute(promotersRoute, {
      method: "POST",
      path: `/product-event/${event.id}/promoters`,
      key,
      json: { email: promoterEmail },
      params,
    });
    expect(promoter.status).toBe(201);

    const list = await callRoute(listRoute, { path: `/product-event/${event.id}/invitations`, key, params });
    expect(list.status).toBe(200);
    expect((await list.json()).invitations).toMatchObject([
      { email: promoterEmail, kind: "PROMOTER", status: "PENDING" },
      { email: staffEmail, kind: "STAFF", status: "PENDING" },
    ]);

    const path = `/product-event/${event.id}/invitations/${invitation.id}`;
    const revoked = await callRoute(revokeRoute, { method: "DELETE", path, key, params: { id: event.id, invitationId: invitation.id } });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).invitation).toMatchObject({ id: invitation.id, status: "REVOKED" });
  });

  it("honours Idempotency-Key: a retried invite is one invitation and one mail", async () => {
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const { event } = await createEvent(db, { curatorId: user.id });
    const email = address("retry");
    const send = () =>
      callRoute(staffRoute, {
        method: "POST",
        path: `/product-event/${event.id}/staff`,
        key,
        json: { email },
        params: { id: event.id },
        idempotencyKey: "invite-1",
      });
    const first = await send();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await db.invitation.count({ where: { email } })).toBe(1);
    expect(await db.mailMessage.count({ where: { to: email } })).toBe(1);
  });

  it("refuses a bad address (400 naming email), another curator's event (404), a promoter (403), nobody (401)", async () => {
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const { event } = await createEvent(db, { curatorId: user.id });
    const other = await userWithKey(db, Role.CURATOR);
    const promoter = await userWithKey(db, Role.PROMOTER);
    const call = (k: string | undefined, json: unknown) =>
      callRoute(staffRoute, { method: "POST", path: `/product-event/${event.id}/staff`, key: k, json, params: { id: event.id } });
    const bad = await expectProblem(await call(key, { email: "not-an-address" }), 400, "INVALID_INPUT");
    expect(bad.errors).toEqual([expect.objectContaining({ path: "email" })]);
    await expectProblem(await call(other.key, { email: address("x") }), 404, "NOT_FOUND");
    await expectProblem(await call(promoter.key, { email: address("x") }), 403, "FORBIDDEN");
    await expectProblem(await call(undefined, { email: address("x") }), 401);
    expect(await db.invitation.count({ where: { eventId: event.id } })).toBe(0);
  });
});
