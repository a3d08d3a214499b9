// Plans every statement of this folder against the migrated schema (EXPLAIN parses, resolves
// every table, column, type and enum value, and binds the parameters, but runs nothing), so
// a rename that breaks one fails the test named after it. Each variant a statement can take
// (the scopes) is planned too.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client";
import { CheckInResult, MediaType, MessageChannel, OrderStatus, Role, TicketSource } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import * as apiKeys from "./api-keys";
import * as checkin from "./checkin";
import * as doorList from "./door-list";
import * as events from "./events";
import * as guests from "./guests";
import * as health from "./health";
import * as jobs from "./jobs";
import * as mail from "./mail";
import * as notices from "./notices";
import * as messages from "./messages";
import * as orders from "./orders";
import * as outbox from "./outbox";
import * as ownedRows from "./owned-rows";
import * as partnerWebhooks from "./partner-webhooks";
import * as posts from "./posts";
import * as sales from "./sales";
import * as shopify from "./shopify";
import { statement, type Statement } from "./statement";

const db = useTestDb();
const id = randomUUID();
const now = new Date();
const scopes: Array<jobs.Scope | undefined> = [undefined, { messageIds: [id] }, { runIds: [id] }, { messageIds: [id], runIds: [id] }, { runIds: [] }];

/** Every exported statement of every file here, each with the variants it can take. */
const samples: Record<string, Record<string, Array<Statement<unknown>>>> = {
  "api-keys": {
    authenticateKey: [apiKeys.authenticateKey({ hash: "0".repeat(64) })],
  },
  checkin: {
    readEntryByCode: [checkin.readEntryByCode({ eventId: id, code: "code" })],
    insertCheckInAttempt: [null, id].map((guestToEventId) =>
      checkin.insertCheckInAttempt({
        eventId: id,
        staffId: id,
        deviceId: null,
        nonce: "n-1",
        result: CheckInResult.NOT_ON_LIST,
        guestToEventId,
        response: { request: "0".repeat(64) },
      }),
    ),
    scanAtDoor: [
      { nonce: null, scannedAt: null, offline: false, readThenWrite: false },
      { nonce: "n-1", scannedAt: now, offline: true, readThenWrite: true },
    ].map((variant) =>
      checkin.scanAtDoor({
        ...variant,
        eventId: id,
        code: "code",
        actor: { userId: id, role: Role.STAFF },
        deviceId: "d-1",
        request: "0".repeat(64),
        keys: [`staff:${id}`, "device:d-1"],
        windowStart: now,
        limit: 10,
        auditedPerWindow: 20,
        rateLimited: { code: "RATE_LIMITED", message: "Too many" },
      }),
    ),
    countWrongCodeAgainst: [checkin.countWrongCodeAgainst({ keys: [`staff:${id}`, "device:d-1"], windowStart: now })],
    deleteSpentWindows: [checkin.deleteSpentWindows({ keys: [`staff:${id}`], windowStart: now })],
    matchDoorList: [["muller"], ["zoe", "mul%_\\"]].map((terms) => checkin.matchDoorList({ eventId: id, terms, limit: 20 })),
    countDoorGuests: [checkin.countDoorGuests({ eventId: id })],
  },
  sales: {
    eventSalesByStatus: [sales.eventSalesByStatus({ eventId: id })],
    eventSalesByPromoter: [sales.eventSalesByPromoter({ eventId: id })],
    salesByPost: [sales.salesByPost({ postIds: [id] })],
  },
  "door-list": {
    readDoorList: [null, "10:12:10,11", "12:12:"].map((since) => doorList.readDoorList({ eventId: id, since })),
    lockEntryByCode: [doorList.lockEntryByCode({ eventId: id, code: "code" })],
    moveCheckInTo: [doorList.moveCheckInTo({ entryId: id, staffId: id, at: now })],
    insertConflict: [
      doorList.insertConflict({
        eventId: id,
        entryId: id,
        first: { staffId: id, deviceId: "d-1", at: now },
        second: { staffId: id, deviceId: null, at: now },
        reportedNonce: "n-1",
      }),
    ],
    readConflicts: [undefined, id].map((conflict) => doorList.readConflicts({ eventId: id, id: conflict, limit: 20 })),
  },
  events: {
    shareLockLiveEvent: [events.shareLockLiveEvent({ eventId: id })],
    lockManagedEvent: [Role.CURATOR, Role.ADMIN].map((role) => events.lockManagedEvent({ eventId: id, actor: { userId: id, role } })),
    postSyncSummary: [events.postSyncSummary({ eventId: id })],
    lockTicketCounts: [events.lockTicketCounts({ productId: id, variantIds: [id] })],
    completeAndArchiveDue: [false, true].map((withoutRowLocks) =>
      events.completeAndArchiveDue({ now, batchSize: 10, defaultLengthMs: 86_400_000, withoutRowLocks }),
    ),
  },
  guests: {
    insertInvitations: [guests.insertInvitations({ eventId: id, guestIds: [id], codes: ["code"] })],
  },
  health: {
    ping: [health.ping()],
  },
  jobs: {
    lockDueMessages: scopes.map((scope) => jobs.lockDueMessages({ limit: 10, scope })),
    leaseDueMessages: scopes.map((scope) => jobs.leaseDueMessages({ limit: 10, leaseMs: 60_000, scope })),
    leaseDueRuns: scopes.map((scope) => jobs.leaseDueRuns({ limit: 4, leaseMs: 60_000, scope })),
    enqueueScheduledRun: [jobs.enqueueScheduledRun({ job: "events.complete-due", scheduledAt: now })],
    countPending: scopes.map((scope) => jobs.countPending({ scope })),
  },
  mail: {
    insertMailMessages: [mail.insertMailMessages({ mails: [{ to: "guest@example.com", template: "event-notice", props: {}, dedupeKey: "k" }] })],
    queueMailMessages: [mail.queueMailMessages({ mails: [{ to: "guest@example.com", template: "event-notice", props: {}, dedupeKey: "k" }] })],
  },
  notices: {
    claimDueNotices: (["REMINDER", "LOCATION"] as const).map((notice) => notices.claimDueNotices({ notice, now, batchSize: 10 })),
    clearDueNotice: (["REMINDER", "LOCATION"] as const).map((notice) => notices.clearDueNotice({ notice, eventId: id })),
    eventMailRecipients: [notices.eventMailRecipients({ eventId: id })],
  },
  messages: {
    audienceGuests: [
      { channel: MessageChannel.EMAIL, checkedIn: null, ticketTypeIds: null },
      { channel: MessageChannel.SMS, checkedIn: true, ticketTypeIds: [id] },
      { channel: MessageChannel.SMS, checkedIn: false, ticketTypeIds: null },
    ].map((audience) => messages.audienceGuests({ eventId: id, curatorId: id, ...audience })),
    takeSmsAllowance: [messages.takeSmsAllowance({ eventId: id, guestIds: [id], limit: 3 })],
    giveBackSms: [messages.giveBackSms({ eventId: id, guestId: id })],
    curatorsWhoTexted: [messages.curatorsWhoTexted({ phone: "+4915112345678" })],
  },
  orders: {
    holdTickets: [orders.holdTickets({ variantId: id, quantity: 2 })],
    sellTickets: [orders.sellTickets({ variantId: id, quantity: 2 })],
    sellHeldTickets: [orders.sellHeldTickets({ variantId: id, quantity: 2 })],
    releaseHeldTickets: [orders.releaseHeldTickets({ variantId: id, quantity: 2 })],
    lockDueHolds: [orders.lockDueHolds({ now, limit: 100, skip: [] }), orders.lockDueHolds({ now, limit: 100, skip: [id] })],
    lockBuyersInGuestBook: [orders.lockBuyersInGuestBook({ curatorId: id, emails: ["Buyer@Example.com", "buyer@example.com", "b@x.test"] })],
    readSaleEvent: [orders.readSaleEvent({ eventId: id })],
    findBuyersInGuestBook: [orders.findBuyersInGuestBook({ curatorId: id, emails: ["A_b%@Example.com", "b@x.test"] })],
    insertOrders: [
      orders.insertOrders({
        eventId: id,
        curatorId: id,
        orders: [
          {
            id,
            status: OrderStatus.PAID,
            buyerFirstName: "A",
            buyerLastName: "B",
            buyerEmail: "a@b.test",
            buyerPhone: null,
            guestId: id,
            postId: null,
            promoterId: null,
            currency: "EUR",
            subtotal: 0,
            tax: 0,
            total: 0,
            commission: 0,
            expiresAt: null,
            paidAt: now.toISOString(),
            idempotencyKey: "key",
            requestHash: "0".repeat(64),
          },
        ],
        items: [{ orderId: id, variantId: id, name: "GA", unitPrice: 2500, quantity: 2 }],
        guests: [{ id, firstName: "A", lastName: "B", fullName: "A B", email: "a@b.test", phoneNumber: null, searchText: "a b a@b.test" }],
      }),
    ],
    countAttemptsAgainst: [
      orders.countAttemptsAgainst({ keys: [`orders:buyer:${id}`, `orders:client:${id}`, `orders:client:${id}`], windowStart: now }),
    ],
    findAttributedPosts: [orders.findAttributedPosts({ eventId: id, slugs: ["a-post", "b_%"] })],
    insertTickets: [
      orders.insertTickets({
        tickets: [{ eventId: id, guestId: id, ticketCode: "code", source: TicketSource.SOLD, orderId: id, variantId: id }],
      }),
    ],
    issueOrderTickets: [
      orders.issueOrderTickets({
        tickets: [{ eventId: id, guestId: id, ticketCode: "code", source: TicketSource.SOLD, orderId: id, variantId: id }],
        mails: [{ to: "a@b.test", template: "order-tickets", props: { orderId: id }, dedupeKey: `order:${id}` }],
        paidEvents: partnerWebhooks.insertPartnerEventsIfSubscribed({ name: "order.paid", payloads: [{ orderId: id, eventId: id }], eventId: id }),
      }),
    ],
  },
  outbox: {
    insertOutboxMessages: [outbox.insertOutboxMessages({ messages: [{ name: "event.completed", payload: { eventIds: [id] } }] })],
  },
  "owned-rows": {
    digestOwnedRows: [ownedRows.digestOwnedRows({ ownerIds: [id] })],
  },
  posts: {
    eventForSync: [posts.eventForSync({ eventId: id })],
    writeSyncedPosts: [false, true].map((withoutVersionGuard) =>
      posts.writeSyncedPosts({
        eventId: id,
        headline: "Night",
        title: "Night",
        subTitle: "Halle Süd · Fri 12 Dec, 23:00",
        coverImages: [{ src: "/p.jpg" }],
        ticketPrices: [],
        syncedEventVersion: 2,
        media: [{ src: "/p.jpg", position: 0, mediaType: MediaType.IMAGE }],
        withoutVersionGuard,
      }),
    ),
  },
  "partner-webhooks": {
    insertPartnerEventsIfSubscribed: [
      partnerWebhooks.insertPartnerEventsIfSubscribed({ name: "order.paid", payloads: [{ orderId: id, eventId: id }], eventId: id }),
    ],
    // A condition the door's scan statement also uses, planned on its own here.
    curatorSubscribed: [statement(Prisma.sql`SELECT ${partnerWebhooks.curatorSubscribed({ name: "guest.checked_in", eventId: id })}`)],
    claimDueDeliveries: [null, [id]].map((ids) => partnerWebhooks.claimDueDeliveries({ now, limit: 10, leaseMs: 60_000, ids })),
    lockEndpoint: [partnerWebhooks.lockEndpoint({ id })],
  },
  shopify: {
    setLockTimeout: [shopify.setLockTimeout({ wait: "30s" })],
    lockProductPush: [shopify.lockProductPush({ productId: id })],
    queueInventoryPush: [shopify.queueInventoryPush({ variantIds: [id, id] })],
    takeQueuedInventoryPush: [shopify.takeQueuedInventoryPush({ productId: id })],
  },
};

/** Every file of statements in this folder, read from the folder so a new one cannot be missed. */
const files: Record<string, Record<string, unknown>> = Object.fromEntries(
  await Promise.all(
    readdirSync(import.meta.dirname)
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "statement.ts")
      .map((file) => file.slice(0, -".ts".length))
      .map(async (name) => [name, await import(`./${name}.ts`)]),
  ),
);

describe("raw SQL statements", () => {
  it("every exported statement has a sample here", () => {
    const exported = Object.entries(files).flatMap(([file, module]) =>
      Object.entries(module)
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => `${file}.${name}`),
    );
    const sampled = Object.entries(samples).flatMap(([file, statements]) => Object.keys(statements).map((name) => `${file}.${name}`));
    expect(sampled.sort()).toEqual(exported.sort());
  });

  for (const [file, statements] of Object.entries(samples)) {
    for (const [name, variants] of Object.entries(statements)) {
      it(`${file}.${name} plans against the migrated schema`, async () => {
        for (const sql of variants) {
          const plan = await db.$queryRaw<unknown[]>(Prisma.sql`EXPLAIN ${sql}`);
          expect(plan.length).toBeGreaterThan(0);
        }
      });
    }
  }
});
