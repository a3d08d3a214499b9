// Each Inngest function through @inngest/test (Inngest's own in-process engine; one engine per
// test, as its state carries over), with the real handlers against this worker's database.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { db } from "../server/db";
import { updateEvent } from "../server/domain/events/update";
import { EventStatus, ProductStatus, Role, ShopifyStatus } from "../server/generated/prisma/enums";
import { actorFor, createEventInput } from "../server/testing/events";
import { eventWithPosts, expectPostsCurrent } from "../server/testing/jobs";
import { createEvent } from "../server/domain/events/create";
import { queueMail } from "../server/domain/mail/queue";
import { ticketTemplate } from "../server/domain/mail/templates/ticket";
import { messageIdFor } from "../server/domain/mail/transport";
import { waitForMail } from "../server/testing/mail";
import { completionSweep } from "./functions/completion-sweep";
import { mailSend } from "./functions/mail-send";
import { postSync } from "./functions/post-sync";
import { productStatus } from "./functions/product-status";
import { shopifyPush } from "./functions/shopify-push";
import { functions } from "./index";

async function latestMessage(eventId: string, name: string) {
  const message = await db.outboxMessage.findFirstOrThrow({
    where: { name, payload: { path: ["eventId"], equals: eventId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return { id: message.id, name, data: message.payload as Record<string, unknown> };
}

describe("Inngest functions", () => {
  it("serves one function per job", () => {
    expect(functions.map((fn) => fn.id())).toEqual([
      "post-sync",
      "product-status",
      "shopify-push",
      "completion-sweep",
      "hold-expiry",
      "mail-send",
      "guest-notices",
      "notices-sweep",
      "message-deliver",
      "webhooks-order-paid",
      "webhooks-guest-checked-in",
      "webhooks-event-created",
      "webhooks-event-updated",
      "webhooks-event-status-changed",
      "webhook-send",
      "webhook-retry",
    ]);
  });

  it("post-sync: brings the event's synced posts to its version in one step", async () => {
    const { curator, event, frozen } = await eventWithPosts(db, { promoters: 2, unsynced: 1 });
    await updateEvent(db, curator, event.id, { title: "Synced through Inngest" });
    const t = new InngestTestEngine({ function: postSync });

    const { result, error, ctx } = await t.execute({ events: [await latestMessage(event.id, "event.updated")] });

    expect(error).toBeUndefined();
    expect(result).toEqual({
      status: "DONE",
      detail: "3 posts brought to version 2",
      // A title change leaves the posts' images alone: no media rows rewritten.
      data: { eventVersion: 2, posts: 3, media: 0 },
    });
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    expect(ctx.step.run).toHaveBeenCalledWith("post-sync", expect.any(Function));
    const { posts } = await expectPostsCurrent(db, event.id);
    expect(posts.every((p) => p.title === "Synced through Inngest")).toBe(true);
    expect((await db.post.findUniqueOrThrow({ where: { id: frozen[0]!.id } })).title).toBe(event.title);
  });

  it("post-sync: refuses an event whose data does not match its schema (no retry)", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {}); // the SDK logs the failure
    onTestFinished(() => quiet.mockRestore());
    const t = new InngestTestEngine({ function: postSync });
    const { error } = await t.execute({ events: [{ name: "event.updated", data: { eventId: "nope", version: 0 } }] });
    expect(error).toMatchObject({ name: "EventValidationError" });
  });

  it("product-status: sets the product's status from the event's current status, and says what it did", async () => {
    const { curator, event, product } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    await updateEvent(db, curator, event.id, { status: EventStatus.CANCELED });
    // Drift the product back by hand: the job reconciles from the event, not from the message.
    await db.product.update({ where: { id: product.id }, data: { status: ProductStatus.ACTIVE } });
    const message = await latestMessage(event.id, "event.status.changed");

    const first = await new InngestTestEngine({ function: productStatus }).execute({ events: [message] });
    expect(first.result).toEqual({
      status: "DONE",
      detail: "1 product set to ARCHIVED (event CANCELED)",
      data: { eventStatus: "CANCELED", productStatus: "ARCHIVED", changed: 1 },
    });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe(ProductStatus.ARCHIVED);

    const again = await new InngestTestEngine({ function: productStatus }).execute({ events: [message] });
    expect(again.result).toMatchObject({ status: "DONE", data: { changed: 0 } });
  });

  it("product-status: reactivates the product of a resumed event", async () => {
    const { curator, event, product } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    await updateEvent(db, curator, event.id, { status: EventStatus.ON_HOLD });
    await updateEvent(db, curator, event.id, { status: EventStatus.UPCOMING });
    await db.product.update({ where: { id: product.id }, data: { status: ProductStatus.ARCHIVED } });
    const { result } = await new InngestTestEngine({ function: productStatus }).execute({
      events: [await latestMessage(event.id, "event.status.changed")],
    });
    expect(result).toMatchObject({ status: "DONE", data: { productStatus: "ACTIVE", changed: 1 } });
  });

  it("shopify-push: pushes the event's product (a merchant without a store: SKIPPED, recorded on the product)", async () => {
    const { event, product } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const { result, ctx } = await new InngestTestEngine({ function: shopifyPush }).execute({
      events: [await latestMessage(event.id, "event.created")],
    });
    expect(result).toMatchObject({ status: "SKIPPED" });
    expect(ctx.step.run).toHaveBeenCalledWith("shopify-push", expect.any(Function));
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).shopifyStatus).toBe(ShopifyStatus.SKIPPED);
  });

  it("shopify-push: a push that cannot succeed fails the run at once, without retries", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {}); // the SDK logs the failure
    onTestFinished(() => quiet.mockRestore());
    const { event } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const { error } = await new InngestTestEngine({ function: shopifyPush }).execute({
      events: [await latestMessage(event.id, "event.created")],
      steps: [{ id: "shopify-push", handler: () => ({ status: "FAILED", detail: "Shopify refused the token" }) }],
    });
    expect(error).toMatchObject({ name: "NonRetriableError", message: "shopify-push failed: Shopify refused the token" });
  });

  it("completion-sweep: on its cron, completes the events that are due", async () => {
    const curator = await actorFor(db, Role.CURATOR);
    const start = new Date(Date.now() - 30 * 60 * 60 * 1000);
    const { event } = await createEvent(db, curator, createEventInput({ startDate: start.toISOString(), endDate: null }));
    const { result, ctx } = await new InngestTestEngine({ function: completionSweep }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }],
    });
    expect(result).toMatchObject({ status: "DONE", data: { completed: expect.any(Number), batches: 1 } });
    expect(ctx.step.run).toHaveBeenCalledWith("completion-sweep", expect.any(Function));
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe(EventStatus.COMPLETED);
  });

  it("mail-send: sends the queued mail (to the embedded catcher here) once; a repeated event sends nothing more", async () => {
    const to = `inngest-${Date.now()}@guests.test`;
    const { id } = await db.$transaction((tx) => queueMail(tx, { to, template: "ticket", props: ticketTemplate.preview }));
    const message = await db.outboxMessage.findFirstOrThrow({ where: { name: "mail.queued", payload: { path: ["mailId"], equals: id } } });
    const event = { id: message.id, name: "mail.queued", data: message.payload as Record<string, unknown> };

    const first = await new InngestTestEngine({ function: mailSend }).execute({ events: [event] });
    expect(first.result).toMatchObject({ status: "DONE", data: { status: "sent", attempts: 1 } });
    expect(first.ctx.step.run).toHaveBeenCalledWith("mail-send", expect.any(Function));
    expect((await waitForMail(to)).messageId).toBe(messageIdFor(id));

    const again = await new InngestTestEngine({ function: mailSend }).execute({ events: [event] });
    expect(again.result).toMatchObject({ status: "SKIPPED" });
  });
});
