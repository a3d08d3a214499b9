// The access matrix: every tRPC procedure and every REST route, called against curator A's
// resources by each kind of caller (A, another curator B, a promoter P, A's door staff SA, B's
// door staff SB, an admin, nobody; over REST also a revoked key), with the outcome each must
// get. The procedures and routes are enumerated from appRouter and the route files, so a new
// one without a row fails here, and a row for one that is gone fails too. For every call:
// - the outcome class is the table's (ok, 401, 403 or 404);
// - no answer, success or problem, carries a private string of a tenant (guests, codes,
//   contacts, a held-back location, staff, keys, the Shopify store) the caller may not see;
// - a refused call and a read write nothing (a digest of every owned row, before and after);
// - a caller outside A's tenant leaves A's rows as they were, whatever the outcome; and A's own
//   allowed writes do change that digest (the control that the digest sees writes at all).
// Then mass assignment (ids, owners, status, versions, timestamps, roles in create and update
// inputs: a 400 naming the field, nothing written), and calls that name another tenant's rows
// inside the caller's own (B's event with A's guest, and the like).
import { createHmac, randomInt, randomUUID } from "node:crypto";
import { TRPCError, type inferRouterInputs } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createApiKey } from "../domain/api-keys/service";
import { placeOrder } from "../domain/orders/place";
import { ZPlaceOrderInput } from "../domain/orders/schema";
import { AppError, fieldErrors, type FieldError } from "../errors";
import { restRoutes } from "../rest/routes";
import { useTestDb } from "../testing/db";
import { createEventBody } from "../testing/events";
import { callRoute, expectProblem, restRouteFiles, type RouteHandler } from "../testing/rest";
import { appRouter, createCaller, type AppRouter } from "../trpc/root";
import { buildWorld, CALLERS, OUTSIDERS_OF_A, ownedRowsDigest, REST_CALLERS, type Caller, type RestCaller, type World } from "./access-fixtures";

// Stripe's webhook is set up here, so its rows are refused for want of Stripe's signature alone.
process.env.STRIPE_WEBHOOK_SECRET ??= "whsec_access_matrix";

const db = useTestDb();
let world: World;
let routeFiles: Map<string, Partial<Record<string, RouteHandler>>>;

beforeAll(async () => {
  world = await buildWorld(db);
  routeFiles = await restRouteFiles();
});

// ---- The expected outcomes

type Outcome = "ok" | 400 | 401 | 403 | 404;
type Outcomes = Record<Caller, Outcome>;

/** Anyone signed in, each about their own things. */
const signedIn: Outcomes = { A: "ok", B: "ok", P: "ok", SA: "ok", SB: "ok", admin: "ok", anon: 401 };
/** Curators and admins, each their own (list, guest book); other roles have none. */
const ownManagerData: Outcomes = { A: "ok", B: "ok", P: 403, SA: 403, SB: 403, admin: "ok", anon: 401 };
/** A's event: A and admins manage it; B gets 404 (as for an unknown id); other roles 403. */
const eventOfA: Outcomes = { A: "ok", B: 404, P: 403, SA: 403, SB: 403, admin: "ok", anon: 401 };
/** A's guest book: not in anyone else's book (admins' included: 404); other roles 403. */
const guestBookOfA: Outcomes = { A: "ok", B: 404, P: 403, SA: 403, SB: 403, admin: 404, anon: 401 };
/** A's door: A and the staff A assigned; nobody else (admins manage lists, not doors). */
const doorOfA: Outcomes = { A: "ok", B: 403, P: 403, SA: "ok", SB: 403, admin: 403, anon: 401 };
/** Posting: promoters from any curator's event, curators from their own, admins; no door staff. */
const postingFromA: Outcomes = { A: "ok", B: 404, P: "ok", SA: 403, SB: 403, admin: "ok", anon: 401 };
/** A's alone (a post's creator, a key's holder): to anyone else it does not exist, admins included. */
const ownerOnly: Outcomes = { A: "ok", B: 404, P: 404, SA: 404, SB: 404, admin: 404, anon: 401 };
/** Curators only, each their own merchant. */
const ownMerchant: Outcomes = { A: "ok", B: "ok", P: 403, SA: 403, SB: 403, admin: 403, anon: 401 };
/** The feed is for those who post. */
const posters: Outcomes = { A: "ok", B: "ok", P: "ok", SA: 403, SB: 403, admin: "ok", anon: 401 };

/**
 * Whether an allowed answer lists A's event. Only lists scoped to the caller say "shown": a
 * global list (every curator's events) may page A's event out behind other tests' events.
 */
interface EventOfAInList {
  shownTo: Caller[];
  hiddenFrom: Caller[];
}

// ---- tRPC: one row per procedure, typed by the router (a procedure without a row does not compile)

type Inputs = inferRouterInputs<AppRouter>;
type ProcedurePath = { [R in keyof Inputs]: `${R}.${keyof Inputs[R] & string}` }[keyof Inputs];
type InputOf<P extends ProcedurePath> = P extends `${infer R extends keyof Inputs}.${infer K}`
  ? K extends keyof Inputs[R]
    ? Inputs[R][K]
    : never
  : never;

/** Fields of the mass-assignment list (below) that a write takes by design. */
interface Settable {
  settable?: string[];
  /**
   * Why anyone's allowed write lands in A's rows by design (buying A's tickets holds some of
   * A's capacity): outsiders' successful calls may then change A's digest. Refused calls still
   * write nothing, and A's own call must still change it.
   */
  publicWrite?: string;
}

/** Anyone, signed in or not. */
const anyone: Outcomes = { A: "ok", B: "ok", P: "ok", SA: "ok", SB: "ok", admin: "ok", anon: "ok" };

type TrpcRow<I> = Settable & {
  kind: "query" | "mutation";
  outcomes: Outcomes;
  listsEventOfA?: EventOfAInList;
} & (undefined extends I
    ? { input?: never }
    : {
        /** The input against A's resources; built again for every caller (fresh write targets). */
        input: (w: World) => I | Promise<I>;
      });

const tag = () => randomUUID().slice(0, 8);

/** An order for one of A's tickets, by a fresh buyer. */
const orderOfA = (w: World) => ({
  items: [{ variantId: w.a.ticketTypeId, quantity: 1 }],
  buyer: { firstName: "Matrix", lastName: `Buyer ${tag()}`, email: `buyer-${tag()}@buyers.test` },
});
const BUYING = "anyone may buy A's tickets: the order holds one of A's tickets";
/** A mail to every guest of A's event (A's guest has an address). */
const messageToGuestsOfA = () => ({ channel: "EMAIL" as const, subject: `News ${tag()}`, body: "Doors open at 22:00" });
/** Only Stripe's signature moves an order through the webhook: no credential does. */
const stripeOnly: Outcomes = { A: 400, B: 400, P: 400, SA: 400, SB: 400, admin: 400, anon: 400 };
/** Stripe's "paid" event for a held order of A's, as a caller without Stripe's signature would send it. */
const paidEventForA = async (w: World) => {
  const order = await placeOrder(db, { eventId: w.a.event.id, input: ZPlaceOrderInput.parse(orderOfA(w)) });
  return {
    id: `evt_${tag()}`,
    object: "event",
    type: "checkout.session.completed",
    data: {
      object: {
        id: `cs_${tag()}`,
        object: "checkout.session",
        metadata: { orderId: order.id },
        payment_status: "paid",
        payment_intent: `pi_${tag()}`,
      },
    },
  };
};

const trpcMatrix: { [P in ProcedurePath]: TrpcRow<InputOf<P>> } = {
  // Keys are personal: a list holds the caller's own (A's key prefix is a marker).
  "apiKeys.list": { kind: "query", outcomes: signedIn },
  "apiKeys.create": { kind: "mutation", input: () => ({ name: `matrix ${tag()}` }), outcomes: signedIn },
  "apiKeys.revoke": {
    kind: "mutation",
    input: async (w) => ({ id: (await createApiKey(db, w.a.curator.id, "to revoke")).apiKey.id }),
    outcomes: ownerOnly,
  },

  // Each caller's own doors: A and SA see A's event; B and B's staff never do.
  "door.myEvents": {
    kind: "query",
    outcomes: signedIn,
    listsEventOfA: { shownTo: ["A", "SA"], hiddenFrom: ["B", "P", "SB", "admin"] },
  },
  // A refused scan is logged in A's audit on purpose (left out of the digest: see access-fixtures).
  "door.checkIn": {
    kind: "mutation",
    input: async (w) => ({ eventId: w.a.event.id, code: (await w.newInvitation(w.a)).ticketCode }),
    outcomes: doorOfA,
  },
  // Taking back a check-in: the curator always; staff their own scan (this one is SA's, just now).
  "door.undo": {
    kind: "mutation",
    input: async (w) => ({ eventId: w.a.event.id, guestId: (await w.newInvitation(w.a, w.a.staff.id)).guestId }),
    outcomes: doorOfA,
  },
  "door.search": {
    kind: "query",
    input: (w) => ({ eventId: w.a.event.id, query: w.a.guest.fullName }),
    outcomes: doorOfA,
  },
  // Counts are for the door and for admins; anyone else is told there is no such event.
  "door.counts": {
    kind: "query",
    input: (w) => ({ eventId: w.a.event.id }),
    outcomes: { A: "ok", B: 404, P: 404, SA: "ok", SB: 404, admin: "ok", anon: 401 },
  },
  // The door page's event: for its door (A and SA); anyone else is told there is no such event.
  "door.event": {
    kind: "query",
    input: (w) => ({ eventId: w.a.event.id }),
    outcomes: { A: "ok", B: 404, P: 404, SA: "ok", SB: 404, admin: 404, anon: 401 },
  },
  // The list a phone keeps offline (names, hashed codes) is the door's, as search is.
  "door.list": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: doorOfA },
  "door.sync": {
    kind: "mutation",
    input: async (w) => ({
      eventId: w.a.event.id,
      deviceId: "matrix-phone",
      scans: [{ code: (await w.newInvitation(w.a)).ticketCode, nonce: randomUUID(), scannedAt: new Date(), offlineAnswer: "CHECKED_IN" as const }],
    }),
    outcomes: doorOfA,
  },
  // Who came in twice, and through whose phone: the event manager's, as the audit is.
  "door.conflicts": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: eventOfA },
  // The audit (devices, who scanned) and the staff list (emails) are the event manager's.
  "door.attempts": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: eventOfA },
  "door.staff": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: eventOfA },
  "door.assignStaff": {
    kind: "mutation",
    input: async (w) => ({ eventId: w.a.event.id, userId: (await w.newStaff()).id }),
    outcomes: eventOfA,
  },
  "door.unassignStaff": {
    kind: "mutation",
    input: async (w) => {
      const staff = await w.newStaff();
      await db.eventStaff.create({ data: { eventId: w.a.event.id, userId: staff.id } });
      return { eventId: w.a.event.id, userId: staff.id };
    },
    outcomes: eventOfA,
  },

  // Public facts of upcoming events (no location); a curator sees only their own.
  "events.home": { kind: "query", outcomes: signedIn, listsEventOfA: { shownTo: ["A"], hiddenFrom: ["B"] } },
  "events.list": { kind: "query", outcomes: ownManagerData, listsEventOfA: { shownTo: ["A"], hiddenFrom: ["B"] } },
  // Each curator creates in their own tenant (B's event leaves A's digest alone); an admin
  // has no merchant to sell tickets with.
  "events.create": {
    kind: "mutation",
    input: () => createEventBody(),
    outcomes: { ...ownManagerData, admin: 403 },
  },
  // `status` moves the event through its diagram (UPCOMING <-> ON_HOLD, -> CANCELED).
  "events.update": {
    kind: "mutation",
    input: (w) => ({ id: w.a.event.id, title: `Renamed ${tag()}` }),
    outcomes: eventOfA,
    settable: ["status"],
  },
  // A fresh event of A's that sold nothing for each caller (A's own event has sales: a 409).
  "events.delete": { kind: "mutation", input: async (w) => ({ id: (await w.newEvent(w.a)).id }), outcomes: eventOfA },
  "events.deletion": { kind: "query", input: (w) => ({ id: w.a.event.id }), outcomes: eventOfA },
  "events.details": { kind: "query", input: (w) => ({ id: w.a.event.id }), outcomes: eventOfA },
  "events.relatedPosts": { kind: "query", input: (w) => ({ id: w.a.event.id }), outcomes: eventOfA },

  // Orders (buyers' names and emails) and sales are the event manager's.
  "sales.orders": { kind: "query", input: (w) => ({ id: w.a.event.id }), outcomes: eventOfA },
  "sales.totals": { kind: "query", input: (w) => ({ id: w.a.event.id }), outcomes: eventOfA },

  // Open for promotion: promoters see A's event (location held back); B sees only B's own.
  "feed.events": { kind: "query", outcomes: posters, listsEventOfA: { shownTo: ["A"], hiddenFrom: ["B"] } },
  "feed.myPosts": { kind: "query", outcomes: posters },

  // Each book is its owner's: B's list never holds A's guests (markers).
  "guests.list": { kind: "query", input: () => ({}), outcomes: ownManagerData },
  "guests.get": { kind: "query", input: (w) => ({ id: w.a.guest.id }), outcomes: guestBookOfA },
  // Into A's group: a group of anyone else's book is unknown to them.
  "guests.create": {
    kind: "mutation",
    input: (w) => ({ firstName: "New", lastName: `Guest ${tag()}`, groupIds: [w.a.group.id] }),
    outcomes: guestBookOfA,
  },
  "guests.update": {
    kind: "mutation",
    input: async (w) => ({ id: (await w.newGuest(w.a)).id, firstName: "Renamed" }),
    outcomes: guestBookOfA,
  },
  "guests.delete": {
    kind: "mutation",
    input: async (w) => ({ id: (await w.newGuest(w.a)).id }),
    outcomes: guestBookOfA,
  },
  "guests.importCsv": {
    kind: "mutation",
    input: (w) => ({ csv: `firstName,lastName\nImported,Guest ${tag()}\n`, groupIds: [w.a.group.id] }),
    outcomes: guestBookOfA,
  },
  "guests.groups": { kind: "query", outcomes: ownManagerData },
  "guests.createGroup": {
    kind: "mutation",
    input: (w) => ({ name: `Group ${tag()}`, guestIds: [w.a.guest.id] }),
    outcomes: guestBookOfA,
  },
  "guests.renameGroup": {
    kind: "mutation",
    input: async (w) => ({ id: (await w.newGroup(w.a)).id, name: `Renamed ${tag()}` }),
    outcomes: guestBookOfA,
  },
  "guests.deleteGroup": {
    kind: "mutation",
    input: async (w) => ({ id: (await w.newGroup(w.a)).id }),
    outcomes: guestBookOfA,
  },
  "guests.addToGroup": {
    kind: "mutation",
    input: async (w) => ({ id: w.a.group.id, guestIds: [(await w.newGuest(w.a)).id] }),
    outcomes: guestBookOfA,
  },
  "guests.removeFromGroup": {
    kind: "mutation",
    input: async (w) => {
      const guest = await w.newGuest(w.a);
      await db.eventGuestToGroup.create({ data: { groupId: w.a.group.id, guestId: guest.id } });
      return { id: w.a.group.id, guestIds: [guest.id] };
    },
    outcomes: guestBookOfA,
  },
  // An event's list: its curator, or an admin (who may add that curator's guests only).
  "guests.addToEvent": {
    kind: "mutation",
    input: async (w) => ({ eventId: w.a.event.id, guestIds: [(await w.newGuest(w.a)).id] }),
    outcomes: eventOfA,
  },
  "guests.eventList": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: eventOfA },
  "guests.ticketQr": {
    kind: "query",
    input: (w) => ({ eventId: w.a.event.id, guestId: w.a.guest.id }),
    outcomes: eventOfA,
  },

  // Inviting is the event manager's; the list holds the invited addresses.
  "invitations.create": {
    kind: "mutation",
    input: (w) => ({ eventId: w.a.event.id, kind: "STAFF", email: `invitee-${tag()}@marquee.test` }),
    outcomes: eventOfA,
  },
  "invitations.list": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: eventOfA },
  "invitations.revoke": {
    kind: "mutation",
    input: async (w) => ({ eventId: w.a.event.id, invitationId: (await w.newStaffInvitation(w.a)).id }),
    outcomes: eventOfA,
  },
  // The link is what lets anyone see what it invites to; the address shows in full only to its
  // owner (here SA: the staff email marker stays hidden from everyone else).
  "invitations.preview": {
    kind: "query",
    input: async (w) => ({ token: (await w.newStaffInvitation(w.a, w.a.staff.email)).token }),
    outcomes: signedIn,
  },
  // Only the invited address accepts: a forwarded or leaked link is a 403 to anyone else.
  "invitations.accept": {
    kind: "mutation",
    input: async (w) => ({ token: (await w.newStaffInvitation(w.a, w.a.staff.email)).token }),
    outcomes: { A: 403, B: 403, P: 403, SA: "ok", SB: 403, admin: 403, anon: 401 },
  },

  // Writing to an event's guests is its manager's: the audience is their guest list.
  "messages.preview": { kind: "query", input: (w) => ({ eventId: w.a.event.id, message: messageToGuestsOfA() }), outcomes: eventOfA },
  "messages.send": { kind: "mutation", input: (w) => ({ eventId: w.a.event.id, message: messageToGuestsOfA() }), outcomes: eventOfA },
  "messages.list": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: eventOfA },

  // Buying is for anyone; the order id is the buyer's capability (122 random bits).
  "orders.availability": { kind: "query", input: (w) => ({ eventId: w.a.event.id }), outcomes: anyone },
  "orders.place": { kind: "mutation", input: (w) => ({ eventId: w.a.event.id, order: orderOfA(w) }), outcomes: anyone, publicWrite: BUYING },
  "orders.get": {
    kind: "query",
    input: async (w) => ({ orderId: (await placeOrder(db, { eventId: w.a.event.id, input: ZPlaceOrderInput.parse(orderOfA(w)) })).id }),
    outcomes: anyone,
  },

  "posts.fromEvent": { kind: "mutation", input: (w) => ({ eventId: w.a.event.id }), outcomes: postingFromA },
  "posts.toggleSync": {
    kind: "mutation",
    input: async (w) => ({ postId: (await w.newCuratorPost(w.a)).id, syncEnabled: false }),
    outcomes: ownerOnly,
  },
  // A share link is public by design: anyone, signed in or not; the location stays held back.
  "publicPosts.bySlug": {
    kind: "query",
    input: (w) => ({ slug: w.promoter.post.slug }),
    outcomes: { ...signedIn, anon: "ok" },
  },

  // The token never comes back; the store is its curator's alone.
  "shopify.connection": { kind: "query", outcomes: ownMerchant },
  "shopify.connect": {
    kind: "mutation",
    input: () => ({ shopDomain: `matrix-${tag()}.myshopify.com`, adminToken: `shpat_${tag()}` }),
    outcomes: ownMerchant,
  },
  "shopify.disconnect": { kind: "mutation", outcomes: ownMerchant },

  // Webhook endpoints are their owner's alone (admins keep their own, and see nobody else's).
  "webhooks.endpoints": { kind: "query", outcomes: ownManagerData },
  "webhooks.create": {
    kind: "mutation",
    input: () => ({ url: `https://hooks-${tag()}.partner.test/in`, events: ["order.paid"] }),
    outcomes: ownManagerData,
  },
  "webhooks.disable": { kind: "mutation", input: async (w) => ({ id: (await w.newWebhookEndpoint(w.a)).id }), outcomes: guestBookOfA },
  "webhooks.enable": {
    kind: "mutation",
    input: async (w) => {
      const endpoint = await w.newWebhookEndpoint(w.a);
      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledAt: new Date() } });
      return { id: endpoint.id };
    },
    outcomes: guestBookOfA,
  },
  "webhooks.rotateSecret": { kind: "mutation", input: (w) => ({ id: w.a.webhook.endpointId }), outcomes: guestBookOfA },
  "webhooks.deliveries": { kind: "query", input: (w) => ({ id: w.a.webhook.endpointId }), outcomes: guestBookOfA },
  "webhooks.redeliver": { kind: "mutation", input: async (w) => ({ id: (await w.newWebhookDelivery(w.a)).id }), outcomes: guestBookOfA },
};

// ---- REST: one row per route file method (`METHOD /openapi/path`)

interface RestRequest {
  params?: Record<string, string>;
  /** `?limit=1` and the like. */
  query?: string;
  json?: unknown;
}

interface RestRow extends Settable {
  outcomes: Outcomes;
  /** Built again for every caller (fresh write targets). */
  request?: (w: World) => RestRequest | Promise<RestRequest>;
}

const restMatrix: Record<string, RestRow> = {
  "POST /product-event/v2": { request: () => ({ json: createEventBody() }), outcomes: { ...ownManagerData, admin: 403 } },
  "PUT /product-event/{id}": {
    request: (w) => ({ params: { id: w.a.event.id }, json: { title: `Renamed ${tag()}` } }),
    outcomes: eventOfA,
    settable: ["status"],
  },
  "DELETE /product-event/{id}": { request: async (w) => ({ params: { id: (await w.newEvent(w.a)).id } }), outcomes: eventOfA },
  "GET /product-event/{id}/details": { request: (w) => ({ params: { id: w.a.event.id } }), outcomes: eventOfA },
  "GET /product-event/{id}/related-posts": {
    request: (w) => ({ params: { id: w.a.event.id }, query: "?limit=5" }),
    outcomes: eventOfA,
  },
  "GET /product-event/{id}/orders": {
    request: (w) => ({ params: { id: w.a.event.id }, query: "?limit=5&search=a" }),
    outcomes: eventOfA,
  },
  "GET /product-event/{id}/availability": { request: (w) => ({ params: { id: w.a.event.id } }), outcomes: anyone },
  "POST /product-event/{id}/orders": { request: (w) => ({ params: { id: w.a.event.id }, json: orderOfA(w) }), outcomes: anyone, publicWrite: BUYING },
  "POST /webhooks/stripe": { request: async (w) => ({ json: await paidEventForA(w) }), outcomes: stripeOnly },
  "POST /posts/curator/from-event": { request: (w) => ({ json: { eventId: w.a.event.id } }), outcomes: postingFromA },
  "POST /posts/curator/toggle-sync": {
    request: async (w) => ({ json: { postId: (await w.newCuratorPost(w.a)).id, syncEnabled: false } }),
    outcomes: ownerOnly,
  },
  "POST /product-event/guests": {
    request: (w) => ({ json: { firstName: "New", lastName: `Guest ${tag()}`, groupIds: [w.a.group.id] } }),
    outcomes: guestBookOfA,
  },
  "POST /product-event/guests/groups": {
    request: (w) => ({ json: { name: `Group ${tag()}`, guestIds: [w.a.guest.id] } }),
    outcomes: guestBookOfA,
  },
  "POST /product-event/{id}/guests": {
    request: async (w) => ({ params: { id: w.a.event.id }, json: { guestIds: [(await w.newGuest(w.a)).id] } }),
    outcomes: eventOfA,
  },
  "POST /product-event/guest-verification/check-in": {
    request: async (w) => ({ json: { eventId: w.a.event.id, code: (await w.newInvitation(w.a)).ticketCode } }),
    outcomes: doorOfA,
  },
  // The curator always; staff their own scan (this one is SA's, just now).
  "POST /product-event/guest-verification/undo": {
    request: async (w) => ({ json: { eventId: w.a.event.id, guestId: (await w.newInvitation(w.a, w.a.staff.id)).guestId } }),
    outcomes: doorOfA,
  },
  "POST /product-event/{id}/staff": {
    request: (w) => ({ params: { id: w.a.event.id }, json: { email: `invitee-${tag()}@marquee.test` } }),
    outcomes: eventOfA,
  },
  "POST /product-event/{id}/promoters": {
    request: (w) => ({ params: { id: w.a.event.id }, json: { email: `invitee-${tag()}@marquee.test` } }),
    outcomes: eventOfA,
  },
  "GET /product-event/{id}/invitations": { request: (w) => ({ params: { id: w.a.event.id } }), outcomes: eventOfA },
  "DELETE /product-event/{id}/invitations/{invitationId}": {
    request: async (w) => ({ params: { id: w.a.event.id, invitationId: (await w.newStaffInvitation(w.a)).id } }),
    outcomes: eventOfA,
  },
  "POST /product-event/{id}/messages": { request: (w) => ({ params: { id: w.a.event.id }, json: messageToGuestsOfA() }), outcomes: eventOfA },
  "GET /product-event/{id}/messages": { request: (w) => ({ params: { id: w.a.event.id } }), outcomes: eventOfA },
  "POST /webhooks/endpoints": {
    request: () => ({ json: { url: `https://hooks-${tag()}.partner.test/in`, events: ["order.paid"] } }),
    outcomes: ownManagerData,
  },
  "GET /webhooks/endpoints": { outcomes: ownManagerData },
  "POST /webhooks/endpoints/{id}/disable": {
    request: async (w) => ({ params: { id: (await w.newWebhookEndpoint(w.a)).id } }),
    outcomes: guestBookOfA,
  },
  "POST /webhooks/endpoints/{id}/enable": {
    request: async (w) => {
      const endpoint = await w.newWebhookEndpoint(w.a);
      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledAt: new Date() } });
      return { params: { id: endpoint.id } };
    },
    outcomes: guestBookOfA,
  },
  "POST /webhooks/endpoints/{id}/rotate-secret": { request: (w) => ({ params: { id: w.a.webhook.endpointId } }), outcomes: guestBookOfA },
  "GET /webhooks/endpoints/{id}/deliveries": { request: (w) => ({ params: { id: w.a.webhook.endpointId } }), outcomes: guestBookOfA },
  "POST /webhooks/deliveries/{id}/redeliver": {
    request: async (w) => ({ params: { id: (await w.newWebhookDelivery(w.a)).id } }),
    outcomes: guestBookOfA,
  },
  // The contract is public: a caller reads it before it has a key.
  "GET /openapi.json": { outcomes: { ...signedIn, anon: "ok" } },
};

// ---- One runner for both transports

interface Answer {
  /** "ok", or the HTTP status: any number, so an unexpected one shows in the failure. */
  outcome: "ok" | number;
  /** The whole answer as text: the body, or the error's message and details. */
  text: string;
  fieldErrors: FieldError[];
}

async function digests() {
  const [all, a] = await Promise.all([ownedRowsDigest(db, world.userIds), ownedRowsDigest(db, [world.a.curator.id])]);
  return { all, a };
}

function trpcCaller(caller: Caller) {
  return createCaller({ db, actor: caller === "anon" ? null : world.actors[caller] });
}

/** What a tRPC call answered: its value, or its error as the HTTP status tRPC would send. */
async function trpcAnswer(call: Promise<unknown>): Promise<Answer> {
  try {
    return { outcome: "ok", text: JSON.stringify(await call) ?? "", fieldErrors: [] };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    return {
      outcome: getHTTPStatusCodeFromError(error),
      text: JSON.stringify({ message: error.message, details: cause instanceof AppError ? cause.details : null }),
      fieldErrors: cause instanceof ZodError ? fieldErrors(cause.issues) : cause instanceof AppError ? (cause.details.errors ?? []) : [],
    };
  }
}

function callTrpc(path: string, caller: Caller, input: unknown): Promise<Answer> {
  const [routerName, procedureName] = path.split(".") as [string, string];
  // The caller proxy by path: the table is checked against the router's types above.
  const api = trpcCaller(caller) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  return trpcAnswer(api[routerName]![procedureName]!(input));
}

async function callRest(route: string, caller: RestCaller, request: RestRequest): Promise<Answer> {
  const [method, template] = route.split(" ") as [string, string];
  const handler = routeFiles.get(template)?.[method];
  if (!handler) throw new Error(`no route file exports ${route}`);
  const params = request.params ?? {};
  const response = await callRoute(handler, {
    method,
    path: template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!) + (request.query ?? ""),
    key: caller === "anon" ? undefined : world.keys[caller],
    json: request.json,
    params,
  });
  if (response.ok) {
    const entry = Object.values(restRoutes).find((r) => `${r.method} ${r.path}` === route);
    expect(response.status, "the registry's success status").toBe(entry?.status);
    return { outcome: "ok", text: await response.text(), fieldErrors: [] };
  }
  const problem = await expectProblem(response, response.status);
  return { outcome: response.status, text: JSON.stringify(problem), fieldErrors: problem.errors ?? [] };
}

/** Markers some answer showed to a caller allowed to see them (see the control at the end). */
const markersSeen = new Set<string>();

/** The rules every call obeys, whatever the row. */
function expectAccessRules(
  caller: RestCaller,
  {
    expected,
    answer,
    write,
    before,
    after,
    publicWrite,
  }: {
    expected: Outcome;
    answer: Answer;
    write: boolean;
    before: { all: string; a: string };
    after: { all: string; a: string };
    publicWrite?: string;
  },
) {
  expect(answer.outcome, answer.text).toBe(expected);
  for (const marker of world.markers) {
    if (!marker.visibleTo.includes(caller)) expect(answer.text, `leaks ${marker.what}`).not.toContain(marker.text);
    else if (answer.text.includes(marker.text)) markersSeen.add(marker.text);
  }
  if (!write || answer.outcome !== "ok") expect(after.all, "a read or a refused call wrote nothing").toBe(before.all);
  if (OUTSIDERS_OF_A.includes(caller) && !(publicWrite && answer.outcome === "ok")) expect(after.a, "A's rows are as they were").toBe(before.a);
  // The control: the digest does see a write (here A's own), so "unchanged" above means something.
  if (caller === "A" && write && answer.outcome === "ok") expect(after.a, "A's own write changed A's rows").not.toBe(before.a);
}

function expectEventOfAInList(list: EventOfAInList | undefined, caller: Caller, answer: Answer) {
  if (!list || answer.outcome !== "ok") return;
  if (list.shownTo.includes(caller)) expect(answer.text, "lists A's event").toContain(world.a.event.id);
  if (list.hiddenFrom.includes(caller)) expect(answer.text, "does not list A's event").not.toContain(world.a.event.id);
}

// ---- The tables against what exists

describe("the access matrix covers what exists", () => {
  it("has one row per tRPC procedure of appRouter, of the same kind, and none for a procedure that is gone", () => {
    // Typed as the nested router record; at run time a flat record ("events.create" -> procedure).
    const flat = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const procedures = Object.entries(flat).map(([path, procedure]) => `${path} (${procedure._def.type})`);
    const rows = Object.entries(trpcMatrix).map(([path, row]) => `${path} (${row.kind})`);
    expect({
      withoutRow: procedures.filter((p) => !rows.includes(p)),
      rowWithoutProcedure: rows.filter((r) => !procedures.includes(r)),
    }).toEqual({ withoutRow: [], rowWithoutProcedure: [] });
  });

  it("has one row per method exported by a REST route file or declared in the registry, and none for a route that is gone", () => {
    const onDisk = [...routeFiles].flatMap(([path, handlers]) => Object.keys(handlers).map((method) => `${method} ${path}`));
    const declared = Object.values(restRoutes).map((r) => `${r.method} ${r.path}`);
    const rows = Object.keys(restMatrix);
    const existing = [...new Set([...onDisk, ...declared])];
    expect({
      withoutRow: existing.filter((r) => !rows.includes(r)),
      rowWithoutRoute: rows.filter((r) => !onDisk.includes(r)),
    }).toEqual({ withoutRow: [], rowWithoutRoute: [] });
  });
});

// ---- Every procedure and route x every caller

/** A row with its input type forgotten: the runner passes inputs on as they are. */
type AnyTrpcRow = Omit<TrpcRow<void>, "input"> & { input?: (w: World) => unknown };
const trpcRows = Object.entries(trpcMatrix) as [ProcedurePath, AnyTrpcRow][];

describe.each(trpcRows)("tRPC %s", (path, row) => {
  it.each(CALLERS.map((caller) => [caller, row.outcomes[caller]] as const))("as %s: %s", async (caller, expected) => {
    const input = await row.input?.(world);
    const before = await digests();
    const answer = await callTrpc(path, caller, input);
    const after = await digests();
    expectAccessRules(caller, { expected, answer, write: row.kind === "mutation", before, after, publicWrite: row.publicWrite });
    expectEventOfAInList(row.listsEventOfA, caller, answer);
  });
});

describe.each(Object.entries(restMatrix))("REST %s", (route, row) => {
  // A presented key that is revoked is refused on every route, public ones too: it never
  // falls back to acting as nobody (or as a session).
  const outcomes: Record<RestCaller, Outcome> = { ...row.outcomes, revokedKey: 401 };
  it.each(REST_CALLERS.map((caller) => [caller, outcomes[caller]] as const))("as %s: %s", async (caller, expected) => {
    const request = (await row.request?.(world)) ?? {};
    const before = await digests();
    const answer = await callRest(route, caller, request);
    const after = await digests();
    expectAccessRules(caller, { expected, answer, write: !route.startsWith("GET "), before, after, publicWrite: row.publicWrite });
  });
});

// ---- Shopify's orders/paid webhook: for Shopify alone, authenticated by the store's HMAC only

describe("POST /webhooks/shopify/orders-paid (not a REST route of ours: no key or session stands in for the store's signature)", () => {
  it.each(REST_CALLERS)("as %s, for A's store and ticket type with a forged signature: 401, nothing written", async (caller) => {
    const { POST } = await import("@/app/webhooks/shopify/orders-paid/route");
    await db.productVariant.update({ where: { id: world.a.ticketTypeId }, data: { shopifyVariantId: "gid://shopify/ProductVariant/4242" } });
    const body = JSON.stringify({
      id: randomInt(1, 2 ** 40),
      email: "forger@x.test",
      currency: "EUR",
      line_items: [{ variant_id: 4242, quantity: 1, price: "0.00" }],
    });
    const before = await digests();
    const response = await POST(
      new Request("http://localhost/webhooks/shopify/orders-paid", {
        method: "POST",
        headers: {
          ...(caller === "anon" ? {} : { authorization: `Bearer ${world.keys[caller]}` }),
          "content-type": "application/json",
          "x-shopify-shop-domain": world.a.shopDomain,
          "x-shopify-hmac-sha256": createHmac("sha256", "not the store's secret").update(body).digest("base64"),
        },
        body,
      }),
    );
    await expectProblem(response, 401, "UNAUTHENTICATED");
    expect(await digests()).toEqual(before);
  });
});

// ---- Mass assignment: fields a caller must never set, refused by name with nothing written

/** Values an attacker would like to set: B as owner, a final status, a made-up version or past. */
const massAssigned = (w: World): Record<string, unknown> => ({
  id: randomUUID(),
  curatorId: w.b.curator.id,
  merchantId: w.b.merchantId,
  status: "CANCELED",
  version: 99,
  createdAt: "2020-01-01T00:00:00Z",
  deletedAt: "2020-01-01T00:00:00Z",
  syncedEventVersion: 99,
  role: "ADMIN",
  userId: w.b.curator.id,
});

/** Whether the field errors name `field` (its own path, or the unknown-key message naming it). */
function namesField(errors: FieldError[], field: string): boolean {
  return errors.some((e) => e.path === field || e.path.endsWith(`.${field}`) || e.message.includes(`"${field}"`));
}

/** The fields of `massAssigned` a write does not take: neither in its valid input (guests.update's `id`) nor settable. */
function foreignFields(input: object, { settable = [] }: Settable): string[] {
  return Object.keys(massAssigned(world)).filter((field) => !(field in input) && !settable.includes(field));
}

const trpcWrites = trpcRows.filter(([, row]) => row.kind === "mutation" && row.input);

describe.each(trpcWrites)("mass assignment: tRPC %s", (path, row) => {
  it("refuses each field a caller may not set, naming it, and writes nothing", async () => {
    const valid = (await row.input!(world)) as object;
    for (const field of foreignFields(valid, row)) {
      const input = await row.input!(world);
      const before = await digests();
      const answer = await callTrpc(path, "A", { ...(input as object), [field]: massAssigned(world)[field] });
      expect(answer.outcome, `${field}: ${answer.text}`).toBe(400);
      expect(namesField(answer.fieldErrors, field), `${field} named in ${JSON.stringify(answer.fieldErrors)}`).toBe(true);
      expect((await digests()).all, `${field}: nothing written`).toBe(before.all);
    }
  });
});

// Writes with a body (a DELETE takes none, nor do actions such as rotate-secret: whatever is
// sent to them is never read, so nothing can be assigned through it).
// Stripe's webhook takes Stripe's signed event as it is: its fields are Stripe's, not assignable by anyone.
const takesBody = (route: string) => Object.values(restRoutes).some((r) => `${r.method} ${r.path}` === route && "body" in r);
const restWrites = Object.entries(restMatrix).filter(
  ([route]) => !/^(GET|DELETE) /.test(route) && route !== "POST /webhooks/stripe" && takesBody(route),
);

describe.each(restWrites)("mass assignment: REST %s", (route, row) => {
  it("refuses each field a caller may not set with a 400 naming it, and writes nothing", async () => {
    const { json: valid } = await row.request!(world);
    for (const field of foreignFields(valid as object, row)) {
      const request = await row.request!(world);
      const before = await digests();
      const answer = await callRest(route, "A", { ...request, json: { ...(request.json as object), [field]: massAssigned(world)[field] } });
      expect(answer.outcome, `${field}: ${answer.text}`).toBe(400);
      expect(namesField(answer.fieldErrors, field), `${field} named in ${answer.text}`).toBe(true);
      expect((await digests()).all, `${field}: nothing written`).toBe(before.all);
    }
  });
});

// ---- A caller's own resource naming another tenant's rows

interface CrossReference {
  caller: Caller;
  kind: "query" | "mutation";
  expected: Outcome;
  /** For a 400: the field it must name. */
  field?: string;
  call: (api: ReturnType<typeof createCaller>, w: World) => Promise<unknown>;
}

const crossReferences: Record<string, CrossReference> = {
  "B puts A's guest on B's event": {
    caller: "B",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.guests.addToEvent({ eventId: w.b.event.id, guestIds: [w.a.guest.id] }),
  },
  "B puts A's group on B's event": {
    caller: "B",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.guests.addToEvent({ eventId: w.b.event.id, groupIds: [w.a.group.id] }),
  },
  "A puts B's guest on A's own event": {
    caller: "A",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.guests.addToEvent({ eventId: w.a.event.id, guestIds: [w.b.guest.id] }),
  },
  "an admin puts B's guest on A's event (a list holds its curator's guests only)": {
    caller: "admin",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.guests.addToEvent({ eventId: w.a.event.id, guestIds: [w.b.guest.id] }),
  },
  "B adds A's guest to B's group": {
    caller: "B",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.guests.addToGroup({ id: w.b.group.id, guestIds: [w.a.guest.id] }),
  },
  "B asks for A's guest's ticket through B's event": {
    caller: "B",
    kind: "query",
    expected: 404,
    call: (api, w) => api.guests.ticketQr({ eventId: w.b.event.id, guestId: w.a.guest.id }),
  },
  "B takes back A's guest's check-in at B's door": {
    caller: "B",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.door.undo({ eventId: w.b.event.id, guestId: w.a.admitted.guestId }),
  },
  "B unassigns A's staff through B's event": {
    caller: "B",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.door.unassignStaff({ eventId: w.b.event.id, userId: w.a.staff.id }),
  },
  "A switches the sync of P's post on A's event (only its creator may)": {
    caller: "A",
    kind: "mutation",
    expected: 404,
    call: (api, w) => api.posts.toggleSync({ postId: w.promoter.post.id, syncEnabled: false }),
  },
  // Pages start after their cursor row wherever it is: another book's guest (or another
  // event's entry) would tell where its name (or date) sorts among the caller's own.
  "B pages B's book from A's guest": {
    caller: "B",
    kind: "query",
    expected: 400,
    field: "cursor",
    call: (api, w) => api.guests.list({ cursor: w.a.guest.id }),
  },
  "B pages B's event list from an entry of A's event": {
    caller: "B",
    kind: "query",
    expected: 400,
    field: "cursor",
    call: (api, w) => api.guests.eventList({ eventId: w.b.event.id, cursor: w.a.invitation.entryId }),
  },
  // (control) The refusals above are about whose row the cursor is, not about cursors.
  "A pages A's book from A's guest": {
    caller: "A",
    kind: "query",
    expected: "ok",
    call: (api, w) => api.guests.list({ cursor: w.a.guest.id }),
  },
  "A pages A's event list from an entry of A's event": {
    caller: "A",
    kind: "query",
    expected: "ok",
    call: (api, w) => api.guests.eventList({ eventId: w.a.event.id, cursor: w.a.invitation.entryId }),
  },
  "B lists B's book by A's group": {
    caller: "B",
    kind: "query",
    expected: "ok",
    call: (api, w) => api.guests.list({ groupId: w.a.group.id }),
  },
  // Not on this list, without a word about whose code it is.
  "SB scans A's ticket code at B's door": {
    caller: "SB",
    kind: "mutation",
    expected: "ok",
    call: async (api, w) => {
      const { answer } = await api.door.checkIn({ eventId: w.b.event.id, code: w.a.invitation.ticketCode });
      expect(answer).toEqual({ result: "NOT_ON_LIST" });
      return answer;
    },
  },
};

describe("calls naming another tenant's rows inside the caller's own", () => {
  it.each(Object.entries(crossReferences))("%s", async (_, { caller, kind, expected, field, call }) => {
    const before = await digests();
    const answer = await trpcAnswer(call(trpcCaller(caller), world));
    const after = await digests();
    expectAccessRules(caller, { expected, answer, write: kind === "mutation", before, after });
    if (field) expect(namesField(answer.fieldErrors, field), answer.text).toBe(true);
    expect(after.a, "A's rows are as they were").toBe(before.a);
  });

  it("refuses B's update that names A's ticket type (tickets.0.id), leaving A's ticket as it was", async () => {
    const before = await digests();
    const answer = await callTrpc("events.update", "B", {
      id: world.b.event.id,
      tickets: [{ id: world.a.ticketTypeId, name: "Stolen", price: 1, quantity: 1 }],
    });
    expect(answer.outcome, answer.text).toBe(400);
    expect(answer.fieldErrors).toEqual([{ path: "tickets.0.id", message: "is not a ticket type of this event" }]);
    expect((await digests()).all).toBe(before.all);
  });
});

// ---- The control of the leak checks

describe("the leak checks can fail", () => {
  // Runs after the rows above: each private string of A's tenant was in some allowed answer,
  // so its absence from every other answer is a finding, not an artefact of a wrong marker.
  it("saw every private string of A's tenant in an answer to someone allowed to see it", () => {
    expect(world.markersOfA.filter((m) => !markersSeen.has(m.text)).map((m) => m.what)).toEqual([]);
  });
});
