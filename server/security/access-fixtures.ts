// The world of the access matrix: two curators' tenants (A and B) side by side, a promoter with
// a post on A's event, an admin, every caller's API key, the private strings each tenant holds
// (markers that must never reach a caller who may not see them), and a digest of the rows a
// set of users owns, to prove a refused or foreign call wrote nothing.
import { randomInt, randomUUID } from "node:crypto";
import {
  actorOf,
  assignStaff,
  createEvent,
  createGuest,
  createGuestGroup,
  createInvitation,
  createPostFromEvent,
  createUser,
  inviteGuest,
} from "../../prisma/factories";
import type { Actor } from "../auth/actor";
import type { Db } from "../db/client";
import { digestOwnedRows } from "../db/sql/owned-rows";
import { query } from "../db/sql/statement";
import { createApiKey, revokeApiKey } from "../domain/api-keys/service";
import { checkIn } from "../domain/checkin/check-in";
import { createWebhookEndpoint } from "../domain/partner-webhooks/create";
import { connectShopifyStore } from "../domain/shopify/connection";
import { Role, WebhookDeliveryStatus } from "../generated/prisma/enums";
import { userWithKey } from "../testing/rest";
import { createSoldOrder } from "../testing/sales";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who calls: the two curators, a promoter, each curator's door staff, an admin, nobody. */
export const CALLERS = ["A", "B", "P", "SA", "SB", "admin", "anon"] as const;
export type Caller = (typeof CALLERS)[number];
/** Over REST one more: a key A once had and revoked (refused everywhere, never anonymous). */
export const REST_CALLERS = [...CALLERS, "revokedKey"] as const;
export type RestCaller = (typeof REST_CALLERS)[number];

/**
 * Callers outside A's tenant: whatever they call, A's rows stay as they were. (SA works A's
 * door and admins manage every curator's events, so their allowed calls may change A's rows.)
 */
export const OUTSIDERS_OF_A: readonly RestCaller[] = ["B", "P", "SB", "anon", "revokedKey"];

/** One curator's tenant: everything below is theirs, or about their event. */
export interface Tenant {
  curator: { id: string };
  staff: { id: string; email: string };
  /** UPCOMING, with its address held back until a day before it starts. */
  event: { id: string; location: string };
  /** The event's ticket type (a variant of its product). */
  ticketTypeId: string;
  /** The curator's auto-post of the event. */
  post: { id: string; slug: string };
  guest: { id: string; fullName: string; email: string; phoneNumber: string };
  group: { id: string; name: string };
  /** `guest` on the event's list (`entryId`: the list entry, a page cursor of that list). */
  invitation: { entryId: string; guestId: string; ticketCode: string };
  /** Another guest, let in by the staff member from a named phone (so the audit has a device). */
  admitted: { guestId: string; fullName: string; ticketCode: string; deviceId: string };
  /** A paid order's buyer: on the orders list, the curator's alone (and admins'). */
  buyerEmail: string;
  shopDomain: string;
  keys: { curator: string; staff: string };
  merchantId: string;
  /** The curator's partner webhook endpoint (its URL is theirs alone) and one finished delivery to it. */
  webhook: { endpointId: string; url: string; deliveryId: string };
}

/** A string only some callers may ever see in an answer (success or problem alike). */
export interface Marker {
  what: string;
  text: string;
  visibleTo: readonly RestCaller[];
}

export interface World {
  a: Tenant;
  b: Tenant;
  /** The promoter and their post on A's event. */
  promoter: { id: string; post: { id: string; slug: string } };
  admin: { id: string };
  /** Every user above: the owners whose rows `ownedRowsDigest` covers for "nothing written". */
  userIds: string[];
  actors: Record<Exclude<Caller, "anon">, Actor>;
  keys: Record<Exclude<RestCaller, "anon">, string>;
  markers: Marker[];
  /** The markers of A's tenant (the matrix calls against A's resources show each to someone). */
  markersOfA: Marker[];
  /** Fresh write targets, one per call, so an allowed write never spoils the next caller's row. */
  newGuest(t: Tenant): Promise<{ id: string }>;
  newInvitation(t: Tenant, checkedInBy?: string): Promise<{ guestId: string; ticketCode: string }>;
  newGroup(t: Tenant): Promise<{ id: string }>;
  newStaff(): Promise<{ id: string }>;
  /** A pending door staff invitation to the tenant's event, for `email` (a fresh address by default). */
  newStaffInvitation(t: Tenant, email?: string): Promise<{ id: string; token: string }>;
  newCuratorPost(t: Tenant): Promise<{ id: string }>;
  /** Another event of the tenant's, that sold nothing (one that may be deleted). */
  newEvent(t: Tenant): Promise<{ id: string }>;
  newWebhookEndpoint(t: Tenant): Promise<{ id: string }>;
  /** A finished delivery to the tenant's endpoint (so it may be redelivered). */
  newWebhookDelivery(t: Tenant): Promise<{ id: string }>;
}

async function buildTenant(db: Db): Promise<Tenant> {
  const tag = randomUUID().slice(0, 8);
  const { user: curator, key: curatorKey } = await userWithKey(db, Role.CURATOR);
  const { user: staff, key: staffKey } = await userWithKey(db, Role.STAFF);
  const startDate = new Date(Date.now() + 14 * DAY_MS);
  const { event, post, product } = await createEvent(db, {
    curatorId: curator.id,
    startDate,
    location: `Hinterhof ${tag}, Geheimstraße 7`,
    isAddressRevealEnabled: true,
    addressRevealConfig: { revealAt: new Date(startDate.getTime() - DAY_MS) },
  });
  await assignStaff(db, { eventId: event.id, userId: staff.id });

  const guest = await createGuest(db, {
    userId: curator.id,
    firstName: "Private",
    lastName: `Guest ${tag}`,
    email: `guest-${tag}@private.test`,
    phoneNumber: `+4915${randomInt(10_000_000, 99_999_999)}`,
  });
  const group = await createGuestGroup(db, { userId: curator.id, name: `Inner circle ${tag}`, guestIds: [guest.id] });
  const invitation = await inviteGuest(db, { eventId: event.id, guestId: guest.id });

  const late = await createGuest(db, { userId: curator.id, firstName: "Admitted", lastName: `Guest ${tag}` });
  const admitted = await inviteGuest(db, { eventId: event.id, guestId: late.id });
  const deviceId = `door-phone-${tag}`;
  await checkIn(db, await actorOf(db, staff.id), { eventId: event.id, code: admitted.ticketCode, deviceId });

  const buyerEmail = `buyer-${tag}@private.test`;
  await createSoldOrder(db, { eventId: event.id, items: [{ variantId: product.variants[0]!.id, quantity: 2 }], buyer: { email: buyerEmail } });

  const shopDomain = `store-${tag}.myshopify.com`;
  await connectShopifyStore(db, await actorOf(db, curator.id), { shopDomain, adminToken: `shpat_${tag}`, webhookSecret: `shpss_${tag}` });

  const curatorActor = await actorOf(db, curator.id);
  const { endpoint } = await createWebhookEndpoint(db, curatorActor, {
    url: `https://hooks-${tag}.partner.test/marquee`,
    events: ["order.paid", "event.updated"],
  });
  const delivery = await finishedDelivery(db, endpoint.id);

  return {
    curator: { id: curator.id },
    staff: { id: staff.id, email: staff.email },
    event: { id: event.id, location: event.location },
    ticketTypeId: product.variants[0]!.id,
    post: { id: post.id, slug: post.slug },
    guest: { id: guest.id, fullName: guest.fullName, email: guest.email!, phoneNumber: guest.phoneNumber! },
    group: { id: group.id, name: group.name },
    invitation: { entryId: invitation.id, guestId: guest.id, ticketCode: invitation.ticketCode },
    admitted: { guestId: late.id, fullName: late.fullName, ticketCode: admitted.ticketCode, deviceId },
    buyerEmail,
    shopDomain,
    keys: { curator: curatorKey, staff: staffKey },
    merchantId: curator.merchant!.id,
    webhook: { endpointId: endpoint.id, url: endpoint.url, deliveryId: delivery.id },
  };
}

function finishedDelivery(db: Db, endpointId: string) {
  const messageId = randomUUID();
  return db.webhookDelivery.create({
    data: {
      endpointId,
      sourceMessageId: messageId,
      eventType: "order.paid",
      webhookId: `msg_${messageId.replace(/-/g, "")}`,
      payload: { type: "order.paid", timestamp: new Date().toISOString(), data: {} },
      status: WebhookDeliveryStatus.SUCCEEDED,
      attempts: 1,
      nextAttemptAt: null,
      lastStatusCode: 204,
    },
    select: { id: true },
  });
}

/** A key's first characters, as the settings page shows them: enough to tell it leaked. */
function keyPrefix(key: string): string {
  return key.slice(0, 10);
}

/**
 * What of a tenant only some may see: guests and their codes (the curator, their door staff
 * and admins), contact details and the held-back location (the curator and admins), and what
 * is the curator's alone (groups, Shopify store, API key).
 */
function tenantMarkers(t: Tenant, curator: Caller, staff: Caller): Marker[] {
  const door: Caller[] = [curator, staff, "admin"];
  const managers: Caller[] = [curator, "admin"];
  return [
    { what: "guest name", text: t.guest.fullName, visibleTo: door },
    { what: "checked-in guest name", text: t.admitted.fullName, visibleTo: door },
    { what: "ticket code", text: t.invitation.ticketCode, visibleTo: door },
    { what: "checked-in ticket code", text: t.admitted.ticketCode, visibleTo: door },
    { what: "door staff email", text: t.staff.email, visibleTo: door },
    { what: "guest email", text: t.guest.email, visibleTo: managers },
    { what: "buyer email", text: t.buyerEmail, visibleTo: managers },
    { what: "guest phone", text: t.guest.phoneNumber, visibleTo: managers },
    { what: "held-back location", text: t.event.location, visibleTo: managers },
    { what: "door device", text: t.admitted.deviceId, visibleTo: managers },
    { what: "guest group name", text: t.group.name, visibleTo: [curator] },
    { what: "Shopify store", text: t.shopDomain, visibleTo: [curator] },
    { what: "curator API key", text: keyPrefix(t.keys.curator), visibleTo: [curator] },
    { what: "webhook endpoint URL", text: t.webhook.url, visibleTo: [curator] },
    { what: "staff API key", text: keyPrefix(t.keys.staff), visibleTo: [staff] },
  ];
}

export async function buildWorld(db: Db): Promise<World> {
  const a = await buildTenant(db);
  const b = await buildTenant(db);
  const { user: promoter, key: promoterKey } = await userWithKey(db, Role.PROMOTER);
  const promoterPost = await createPostFromEvent(db, { eventId: a.event.id, creatorId: promoter.id, caption: "Come along" });
  const { user: admin, key: adminKey } = await userWithKey(db, Role.ADMIN);
  const revoked = await createApiKey(db, a.curator.id, "retired script");
  await revokeApiKey(db, await actorOf(db, a.curator.id), revoked.apiKey.id);

  const ids = { A: a.curator.id, B: b.curator.id, P: promoter.id, SA: a.staff.id, SB: b.staff.id, admin: admin.id };
  const actors = Object.fromEntries(
    await Promise.all(Object.entries(ids).map(async ([caller, id]) => [caller, await actorOf(db, id)])),
  ) as World["actors"];

  return {
    a,
    b,
    promoter: { id: promoter.id, post: { id: promoterPost.id, slug: promoterPost.slug } },
    admin: { id: admin.id },
    userIds: Object.values(ids),
    actors,
    keys: {
      A: a.keys.curator,
      B: b.keys.curator,
      P: promoterKey,
      SA: a.keys.staff,
      SB: b.keys.staff,
      admin: adminKey,
      revokedKey: revoked.plaintext,
    },
    markersOfA: tenantMarkers(a, "A", "SA"),
    markers: [
      ...tenantMarkers(a, "A", "SA"),
      ...tenantMarkers(b, "B", "SB"),
      { what: "promoter API key", text: keyPrefix(promoterKey), visibleTo: ["P"] },
      { what: "admin API key", text: keyPrefix(adminKey), visibleTo: ["admin"] },
    ],
    newGuest: (t) => createGuest(db, { userId: t.curator.id }),
    async newInvitation(t, checkedInBy) {
      const guest = await createGuest(db, { userId: t.curator.id });
      return inviteGuest(db, { eventId: t.event.id, guestId: guest.id, checkedIn: checkedInBy ? { by: checkedInBy } : undefined });
    },
    newGroup: (t) => createGuestGroup(db, { userId: t.curator.id }),
    newStaff: () => createUser(db, { role: Role.STAFF }),
    newStaffInvitation: (t, email = `invitee-${randomUUID()}@marquee.test`) => createInvitation(db, { eventId: t.event.id, email }),
    newCuratorPost: (t) => createPostFromEvent(db, { eventId: t.event.id, creatorId: t.curator.id }),
    newEvent: async (t) => (await createEvent(db, { curatorId: t.curator.id })).event,
    async newWebhookEndpoint(t) {
      const { endpoint } = await createWebhookEndpoint(db, await actorOf(db, t.curator.id), {
        url: `https://hooks-${randomUUID().slice(0, 8)}.partner.test/marquee`,
        events: ["event.created"],
      });
      return endpoint;
    },
    newWebhookDelivery: (t) => finishedDelivery(db, t.webhook.endpointId),
  };
}

/**
 * A digest of every row the users own, directly or through their events, merchant, posts,
 * guest book and keys: equal digests before and after a call mean the call wrote none of
 * them (`updated_at` included, so even a write of the same values shows). Left out on purpose:
 * an API key's `last_used_at` (every Bearer call stamps its own key) and the door's audit of
 * refused scans (result FORBIDDEN: a curator sees who tried their door; that is the design).
 */
export async function ownedRowsDigest(db: Db, ownerIds: string[]): Promise<string> {
  const [row] = await query(db, digestOwnedRows({ ownerIds }));
  return row!.digest;
}
