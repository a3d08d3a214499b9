// Events end: DELETE /product-event/:id soft-deletes an event that sold nothing. Its posts leave
// the feed and the public pages, its product is archived and pushed to Shopify, its invited
// guests' tickets stop working and they are told; every read answers as if it never existed.
// An event that sold anything is a 409 that says to cancel it instead.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as detailsRoute } from "@/app/(rest)/product-event/[id]/details/route";
import { DELETE as deleteRoute } from "@/app/(rest)/product-event/[id]/route";
import { actorOf, createEvent, createGuest, createPostFromEvent, inviteGuest } from "../../../prisma/factories";
import { EventStatus, OrderStatus, ProductStatus, Role } from "../../generated/prisma/enums";
import { callRoute, expectProblem, userWithKey } from "../../testing/rest";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { appError } from "../../testing/rejections";
import { createSoldOrder } from "../../testing/sales";
import { loadDoorEvent } from "../checkin/door-access";
import { getPublicPost } from "../feed/public-post";
import { listPromotableEvents } from "../feed/service";
import { getPublicTicket } from "../guests/public-ticket";
import { guestNoticesJob, JOBS, jobsFor } from "../jobs/definitions";
import { getAvailability } from "../orders/availability";
import { deleteEvent, eventDeletion } from "./delete";
import { getEventDetails } from "./details";
import { listManagedEvents } from "./list";

const db = useTestDb();

describe("deleting an event", () => {
  it("refuses (409) an event that sold anything, paid, awaiting payment or refunded: cancel it instead", async () => {
    for (const status of [OrderStatus.PAID, OrderStatus.PENDING_PAYMENT, OrderStatus.REFUNDED]) {
      const curator = await actorFor(db, Role.CURATOR);
      const { event, product } = await createEvent(db, { curatorId: curator.userId });
      await createSoldOrder(db, { eventId: event.id, items: [{ variantId: product.variants[0]!.id, quantity: 1 }], status });

      const refused = await appError(deleteEvent(db, curator, event.id));
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toMatch(/cancel it instead/);
      expect((await eventDeletion(db, curator, event.id)).refusal).toMatch(/cancel it instead/);
      const row = await db.event.findUniqueOrThrow({ where: { id: event.id } });
      expect(row.deletedAt).toBeNull();
      expect(await db.outboxMessage.count({ where: { name: "event.deleted", payload: { equals: { eventId: event.id } } } })).toBe(0);
    }
  });

  it("lets expired orders and the curator's invited guests through (no money moved)", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { event, product } = await createEvent(db, { curatorId: curator.userId });
    const expired = await createSoldOrder(db, {
      eventId: event.id,
      items: [{ variantId: product.variants[0]!.id, quantity: 1 }],
      status: OrderStatus.PENDING_PAYMENT,
    });
    // The hold ran out: the order expired and gave its ticket back.
    await db.order.update({ where: { id: expired.order.id }, data: { status: OrderStatus.EXPIRED } });
    await db.productVariant.update({ where: { id: product.variants[0]!.id }, data: { held: 0 } });
    const guest = await createGuest(db, { userId: curator.userId, email: `invited-${Date.now()}@guests.test` });
    await inviteGuest(db, { eventId: event.id, guestId: guest.id });

    expect((await eventDeletion(db, curator, event.id)).refusal).toBeNull();
    const { event: deleted } = await deleteEvent(db, curator, event.id);
    expect(deleted.deletedAt).toBeInstanceOf(Date);
  });

  it("takes the event out of every read: lists, details, feed, public post, door, availability, ticket, REST GET", async () => {
    const { user, key } = await userWithKey(db, Role.CURATOR);
    const curator = await actorOf(db, user.id);
    const promoter = await actorFor(db, Role.PROMOTER);
    // Started long ago and not over yet: first in the promoter's feed (its first page), whatever other tests made.
    const { event, post, product } = await createEvent(db, {
      curatorId: user.id,
      startDate: new Date("2001-01-01T20:00:00Z"),
      endDate: new Date(Date.now() + 24 * 60 * 60_000),
    });
    const promoterPost = await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.userId });
    const guest = await createGuest(db, { userId: user.id, email: `gone-${Date.now()}@guests.test` });
    const { ticketCode } = await inviteGuest(db, { eventId: event.id, guestId: guest.id });
    // Before: all of it is there (the control for every "gone" below).
    expect((await listManagedEvents(db, curator)).map((e) => e.id)).toContain(event.id);
    expect((await listPromotableEvents(db, promoter)).map((e) => e.id)).toContain(event.id);
    expect((await getPublicPost(db, post.slug)).slug).toBe(post.slug);
    expect((await getPublicTicket(db, ticketCode)).ticketCode).toBe(ticketCode);

    const answer = await callRoute(deleteRoute, { method: "DELETE", path: `/product-event/${event.id}`, key, params: { id: event.id } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ event: { id: event.id, deletedAt: expect.any(String) } });

    expect((await listManagedEvents(db, curator)).map((e) => e.id)).not.toContain(event.id);
    expect((await listPromotableEvents(db, promoter)).map((e) => e.id)).not.toContain(event.id);
    for (const read of [
      () => getEventDetails(db, curator, event.id),
      () => getPublicPost(db, post.slug),
      () => getPublicPost(db, promoterPost.slug),
      () => loadDoorEvent(db, curator, event.id),
      () => getAvailability(db, event.id),
      () => getPublicTicket(db, ticketCode),
      () => eventDeletion(db, curator, event.id),
    ]) {
      expect((await appError(read())).code).toBe("NOT_FOUND");
    }
    await expectProblem(await callRoute(detailsRoute, { path: `/product-event/${event.id}/details`, key, params: { id: event.id } }), 404);
    // Deleting it again: there is nothing to delete.
    await expectProblem(await callRoute(deleteRoute, { method: "DELETE", path: `/product-event/${event.id}`, key, params: { id: event.id } }), 404);

    // The rows stay (soft delete): posts deleted with it, product archived, the event's mails dropped.
    const posts = await db.post.findMany({ where: { createFromEventId: event.id } });
    expect(posts.map((p) => p.deletedAt)).toEqual([expect.any(Date), expect.any(Date)]);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe(ProductStatus.ARCHIVED);
    const row = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({ status: EventStatus.UPCOMING, reminderDueAt: null, locationNoticeDueAt: null });

    // event.deleted: the Shopify push archives the store's product, and the invited guest is told.
    const message = await db.outboxMessage.findFirstOrThrow({ where: { name: "event.deleted", payload: { equals: { eventId: event.id } } } });
    expect(jobsFor(JOBS, message.name, message.payload).map((job) => job.id)).toEqual(["shopify-push", "guest-notices"]);
    // Delivered twice (at least once): told once.
    await guestNoticesJob.handler(db, { eventId: event.id }, { messageId: randomUUID() });
    await guestNoticesJob.handler(db, { eventId: event.id }, { messageId: randomUUID() });
    const mails = await db.mailMessage.findMany({ where: { to: guest.email! } });
    expect(mails.map((m) => [m.template, (m.props as { kind: string }).kind])).toEqual([["event-notice", "CANCELED"]]);
  });

  it("is only for whoever manages the event: another curator gets 404, a promoter 403", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const { event } = await createEvent(db, { curatorId: curator.userId });
    expect((await appError(deleteEvent(db, await actorFor(db, Role.CURATOR), event.id))).code).toBe("NOT_FOUND");
    expect((await appError(deleteEvent(db, await actorFor(db, Role.PROMOTER), event.id))).code).toBe("FORBIDDEN");
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).deletedAt).toBeNull();
  });
});
