// Every REST route at the spec's paths, declared once: method, path, what it takes and what it
// answers. Route files pass their entry to `restHandler` (which validates with these schemas),
// and the OpenAPI document (openapi.ts) is generated from this same list, so a route cannot
// exist without its documentation, nor drift from it (openapi.integration.test.ts checks both).
import { z } from "zod";
import {
  ZCreateEventInput,
  ZCreateEventResult,
  ZEventDeleted,
  ZEventDetails,
  ZEventId,
  ZRelatedPosts,
  ZRelatedPostsQuery,
  ZUpdateEventInput,
  ZUpdateEventResult,
} from "../domain/events/schema";
import { ZAlreadyCheckedIn, ZCheckedIn, ZCheckInInput, ZNotOnList, ZUndoCheckInInput, ZUndoneCheckIn } from "../domain/checkin/schema";
import {
  ZAddGuestsToEventInput,
  ZAddGuestsToEventResult,
  ZCreateGroupInput,
  ZCreateGuestInput,
  ZGuestGroupResult,
  ZGuestResult,
} from "../domain/guests/schema";
import { ZInvitationCreated, ZInvitationList, ZInvitationPath, ZInvitationRevoked, ZInviteBody } from "../domain/invitations/schema";
import { ZMessageBody, ZMessageList, ZMessageSent } from "../domain/messages/schema";
import { ZOrderList, ZOrderListQuery } from "../domain/orders/sales-schema";
import { ZAvailability, ZPlaceOrderInput, ZPlacedOrder, ZSoldOutAnswer } from "../domain/orders/schema";
import { ZStripeWebhookResult } from "../domain/payments/schema";
import {
  ZCreateWebhookEndpointInput,
  ZWebhookDeliveryList,
  ZWebhookDeliveryRef,
  ZWebhookDeliveryResult,
  ZWebhookEndpointList,
  ZWebhookEndpointRef,
  ZWebhookEndpointResult,
  ZWebhookEndpointWithSecret,
} from "../domain/partner-webhooks/schema";
import { ZCreatePostFromEventInput, ZPostResult, ZToggleSyncInput } from "../domain/posts/schema";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** HTTP statuses of the problem answers a route documents, besides 400/401 (every route). */
export type ProblemStatus = 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** The documentation half of a route (restHandler accepts these members and ignores them). */
export interface RouteDoc {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI form, `{name}` for a path parameter: `/product-event/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The success answer's body (output side of the schema: dates are ISO 8601 strings). */
  response: z.ZodType;
  /** Problem answers this route gives besides 400 and 401. */
  problems: ProblemStatus[];
  /**
   * Problem answers that are also domain answers (check-in's ALREADY_CHECKED_IN and
   * NOT_ON_LIST): problem+json whose extra members `schema` documents, under `name`.
   */
  answers?: Partial<Record<ProblemStatus, { name: string; description: string; schema: z.ZodType }>>;
}

export interface RestRoute<TParams = unknown, TQuery = unknown, TBody = unknown> extends RouteDoc {
  /** "optional": anonymous callers are let through (and the document asks for no credentials). */
  auth?: "optional";
  params?: z.ZodType<TParams>;
  query?: z.ZodType<TQuery>;
  body?: z.ZodType<TBody>;
  /** Status of a successful answer (201 for creations). */
  status: number;
  /**
   * "service": the service honours `Idempotency-Key` itself, for anonymous callers too (orders:
   * a buyer without an account retrying a purchase), instead of the per-user records.
   */
  idempotency?: "service";
}

/** Keeps each entry's exact type, so restHandler infers params, query and body from it. */
function route<const T extends RestRoute>(definition: T): T {
  return definition;
}

/** A body that is JSON: 413 and 415 can happen, and (on POST) the idempotency problems. */
const JSON_BODY_PROBLEMS = [413, 415] as const;
/** Same Idempotency-Key, other request (422); same key while the first still runs (409). */
const IDEMPOTENCY_PROBLEMS = [409, 422] as const;

export const restRoutes = {
  createEvent: route({
    operationId: "createEvent",
    method: "POST",
    path: "/product-event/v2",
    tag: "events",
    summary: "Create an event with its ticket product and (by default) the curator's post",
    description:
      "In one transaction: the event (status UPCOMING), its poster media and lineup, a TICKET product with one variant per ticket type, and unless `createPost` is false the curator's post. `product.variants` holds the tickets with their ids. Prices are integer minor units (2500 is 25.00).",
    body: ZCreateEventInput,
    status: 201,
    response: ZCreateEventResult,
    problems: [403, ...JSON_BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS],
  }),
  updateEvent: route({
    operationId: "updateEvent",
    method: "PUT",
    path: "/product-event/{id}",
    tag: "events",
    summary: "Update an event, its ticket types or its status",
    description:
      "Any create field but `createPost`. `tickets` is the full list afterwards: items with an `id` update that ticket, items without one add a ticket, tickets left out are removed. `status` moves the event through its diagram (UPCOMING <-> ON_HOLD, UPCOMING or ON_HOLD -> CANCELED, UPCOMING -> COMPLETED); any other move is a 409 naming the current status and the allowed moves.",
    params: ZEventId,
    body: ZUpdateEventInput,
    status: 200,
    response: ZUpdateEventResult,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422],
  }),
  deleteEvent: route({
    operationId: "deleteEvent",
    method: "DELETE",
    path: "/product-event/{id}",
    tag: "events",
    summary: "Delete an event that sold nothing",
    description:
      "Soft delete: the event, its posts and public pages are gone from every read (404 from now on), its product is archived here and in the connected Shopify store, and the guests the curator invited are told it is canceled. An event that sold anything (an order paid, awaiting payment or refunded, or a ticket sold on any channel) is a 409: cancel it instead (`PUT` with `status: CANCELED`).",
    params: ZEventId,
    status: 200,
    response: ZEventDeleted,
    problems: [403, 404, 409],
  }),
  eventDetails: route({
    operationId: "getEventDetails",
    method: "GET",
    path: "/product-event/{id}/details",
    tag: "events",
    summary: "An event with its lineup, media, ticket product and counts",
    params: ZEventId,
    status: 200,
    response: ZEventDetails,
    problems: [403, 404],
  }),
  relatedPosts: route({
    operationId: "listRelatedPosts",
    method: "GET",
    path: "/product-event/{id}/related-posts",
    tag: "events",
    summary: "Posts made from an event, newest first, one page at a time",
    params: ZEventId,
    query: ZRelatedPostsQuery,
    status: 200,
    response: ZRelatedPosts,
    problems: [403, 404],
  }),
  listOrders: route({
    operationId: "listOrders",
    method: "GET",
    path: "/product-event/{id}/orders",
    tag: "orders",
    summary: "An event's orders, newest first, with what it sold",
    description:
      "For the event's curator (and admins). Every status unless `status` is given; `search` matches the buyer's name or email (each word). `totals` counts PAID orders only: `revenue` is what buyers paid (tax included, `tax` of it), `commission` what promoters earned; refunded orders are in `refunded` and nowhere else. `byVariant` has each ticket type's capacity, sold, held and left; `byPromoter` the paid orders by the promoter and post they came through (both null: not through a post). Money in minor units of `currency`.",
    params: ZEventId,
    query: ZOrderListQuery,
    status: 200,
    response: ZOrderList,
    problems: [403, 404],
  }),
  createPostFromEvent: route({
    operationId: "createPostFromEvent",
    method: "POST",
    path: "/posts/curator/from-event",
    tag: "posts",
    summary: "Create your own post from an event",
    description:
      "The post copies the event's title, venue, date, poster and ticket prices and, with `syncEnabled` (default true), follows the event as it changes.",
    body: ZCreatePostFromEventInput,
    status: 201,
    response: ZPostResult,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422],
  }),
  toggleSync: route({
    operationId: "toggleSync",
    method: "POST",
    path: "/posts/curator/toggle-sync",
    tag: "posts",
    summary: "Turn a post's sync with its event on or off",
    description: "Turning sync on brings the post up to the event's current version at once.",
    body: ZToggleSyncInput,
    status: 200,
    response: ZPostResult,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422],
  }),
  createGuest: route({
    operationId: "createGuest",
    method: "POST",
    path: "/product-event/guests",
    tag: "guests",
    summary: "Add a guest to your guest book",
    description:
      "The full name is derived from `firstName` and `lastName`. `phoneNumber` is stored in E.164: send it international (`+4915123456789`), or national together with `defaultCountry` (`DE`). `groupIds` are groups of your guest book the guest joins (an unknown or not-yours group is a 404).",
    body: ZCreateGuestInput,
    status: 201,
    response: ZGuestResult,
    problems: [403, 404, ...JSON_BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS],
  }),
  createGuestGroup: route({
    operationId: "createGuestGroup",
    method: "POST",
    path: "/product-event/guests/groups",
    tag: "guests",
    summary: "Create a group of guests in your guest book",
    description: "`guestIds` are guests of your guest book (an unknown or not-yours guest is a 404). A group can be added to an event whole.",
    body: ZCreateGroupInput,
    status: 201,
    response: ZGuestGroupResult,
    problems: [403, 404, ...JSON_BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS],
  }),
  addGuestsToEvent: route({
    operationId: "addGuestsToEvent",
    method: "POST",
    path: "/product-event/{id}/guests",
    tag: "guests",
    summary: "Put guests, or whole groups, on an event's guest list",
    description:
      "`id` is the event's id (`:eventId` in the spec). Guests and the current members of groups of the event's curator go on the list, each with its own ticket code (128 random bits, base64url) that the guest's QR code holds. Guests already on the list are not an error: they are listed in `alreadyOnList` and keep their code. `guests` lists every guest the request named, as on the list now. Only while the event is UPCOMING or ON_HOLD (else 409).",
    params: ZEventId,
    body: ZAddGuestsToEventInput,
    status: 200,
    response: ZAddGuestsToEventResult,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422],
  }),
  checkIn: route({
    operationId: "checkIn",
    method: "POST",
    path: "/product-event/guest-verification/check-in",
    tag: "door",
    summary: "Check a guest in by the ticket code of their QR code",
    description:
      "For the event's curator and the door staff assigned to it, while the event is UPCOMING (staff and curator) or ON_HOLD (the curator only: a paused event's door is the curator's call). Exactly one of any number of concurrent scans of a code answers 200 `CHECKED_IN`; every other answers 409 `ALREADY_CHECKED_IN` with when and by whom. A code that is not on this event's list (another event's included) answers 404 `NOT_ON_LIST`, without saying whose it is. These two are answers for the door, not failures: they are problem+json that also carry `result` (and `guest`, `checkedInAt`, `checkedInBy`), so a client can branch on the status or on `result`. `nonce` (one per scan, the same for its retries) replays the first answer, 429 excepted; a nonce sent with another code or event is a 422. Wrong codes are limited per staff member and per device (10 a minute): past that, every scan from them answers 429 with `Retry-After` until the minute ends. Every attempt is logged with staff, device, time and result.",
    body: ZCheckInInput,
    status: 200,
    response: ZCheckedIn,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422, 429],
    answers: {
      404: {
        name: "NotOnListAnswer",
        description: "`result: NOT_ON_LIST`: the code is not on this event's list (code NOT_FOUND)",
        // Loose: these members come on top of the problem's own (type, title, status, ...).
        schema: ZNotOnList.loose(),
      },
      409: {
        name: "AlreadyCheckedInAnswer",
        description:
          "`result: ALREADY_CHECKED_IN`: the guest was let in before, at `checkedInAt` by `checkedInBy` (code CONFLICT; `detail` says it in a sentence)",
        schema: ZAlreadyCheckedIn.loose(),
      },
    },
  }),
  undoCheckIn: route({
    operationId: "undoCheckIn",
    method: "POST",
    path: "/product-event/guest-verification/undo",
    tag: "door",
    summary: "Take back a guest's check-in (a mistaken scan)",
    description:
      "The event's curator may always; door staff only their own check-in, within 5 minutes of it (else 403). The guest is on the list again as not yet arrived, and their code checks them in again. Of a buyer with several tickets, the latest admitted is taken back. 404 for a guest not on the event's list, 409 when the guest is not checked in or the door is closed. Logged in the door's audit as UNDONE.",
    body: ZUndoCheckInInput,
    status: 200,
    response: ZUndoneCheckIn,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422],
  }),
  inviteStaff: route({
    operationId: "inviteStaff",
    method: "POST",
    path: "/product-event/{id}/staff",
    tag: "invitations",
    summary: "Invite door staff to an event by email",
    description:
      "For the event's curator (and admins). Mails `email` a link that works once and for 7 days; the person who follows it and signs in with that address (an account is made if needed) becomes door staff of this event only. Inviting an address with a pending invitation sends a fresh link and revokes the old one; concurrent invitations of one address leave one pending invitation, and each of them answers with it. Someone who already works the door, or an event that is COMPLETED or CANCELED, is a 409. Invitations (door staff and promoters together) are limited to 50 an hour per event and 200 a day per inviter: past that, 429 with `Retry-After`.",
    params: ZEventId,
    body: ZInviteBody,
    status: 201,
    response: ZInvitationCreated,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422, 429],
  }),
  invitePromoter: route({
    operationId: "invitePromoter",
    method: "POST",
    path: "/product-event/{id}/promoters",
    tag: "invitations",
    summary: "Invite a promoter to an event by email",
    description:
      "As for door staff (the same limits too): the link, accepted by the invited address, makes that person one of the event's invited promoters, and the event comes first in their feed.",
    params: ZEventId,
    body: ZInviteBody,
    status: 201,
    response: ZInvitationCreated,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422, 429],
  }),
  listInvitations: route({
    operationId: "listInvitations",
    method: "GET",
    path: "/product-event/{id}/invitations",
    tag: "invitations",
    summary: "An event's invitations, newest first, with their status",
    description: "`status` is PENDING, ACCEPTED, REVOKED, or EXPIRED for a pending invitation whose link no longer works.",
    params: ZEventId,
    status: 200,
    response: ZInvitationList,
    problems: [403, 404],
  }),
  revokeInvitation: route({
    operationId: "revokeInvitation",
    method: "DELETE",
    path: "/product-event/{id}/invitations/{invitationId}",
    tag: "invitations",
    summary: "Revoke an invitation: its link does nothing from then on",
    description: "Revoking twice is not an error. An accepted invitation is a 409: remove the person from the event instead.",
    params: ZInvitationPath,
    status: 200,
    response: ZInvitationRevoked,
    problems: [403, 404, 409],
  }),
  sendMessage: route({
    operationId: "sendMessage",
    method: "POST",
    path: "/product-event/{id}/messages",
    tag: "messages",
    summary: "Write to an event's guests by email or SMS",
    description:
      "For the event's curator (and admins). `audience.status` picks guests checked in (`CHECKED_IN`), not yet (`NOT_CHECKED_IN`) or both (`ALL`, the default); `audience.ticketTypeIds` only holders of those ticket types. An email needs a `subject`; an SMS has none, and ends with \"Reply STOP to opt out\". The message and one delivery per guest are written at once and sent in the background (202): `recipients` is how many get it, `skipped` who does not and why: `NO_EMAIL`, `NO_PHONE`, `OPTED_OUT` (they unsubscribed from this curator's mails, or replied STOP to an SMS), or `SMS_LIMIT` (they had the event's `messageInfo.smsMaxLimit` SMS already, default 3; held when messages are sent at once). An audience that matches no guest, or SMS on a server without Twilio, is a 422.",
    params: ZEventId,
    body: ZMessageBody,
    status: 202,
    response: ZMessageSent,
    problems: [403, 404, ...JSON_BODY_PROBLEMS, 422],
  }),
  listMessages: route({
    operationId: "listMessages",
    method: "GET",
    path: "/product-event/{id}/messages",
    tag: "messages",
    summary: "An event's messages to its guests, newest first, with their deliveries counted by state",
    description:
      "`deliveries` counts each message's deliveries: `QUEUED` (not sent yet), `SENT`, `FAILED` (the provider refused it or kept failing), `SKIPPED` (left out when sent, see POST). At most the 100 newest.",
    params: ZEventId,
    status: 200,
    response: ZMessageList,
    problems: [403, 404],
  }),
  eventAvailability: route({
    operationId: "getEventAvailability",
    method: "GET",
    path: "/product-event/{id}/availability",
    tag: "orders",
    summary: "What a buyer can buy now: each ticket type with what is left and whether it is on sale",
    description:
      "For anyone, no credentials needed. `available` is what is neither sold nor held by an order awaiting payment. `state` is NOT_ON_SALE outside the ticket type's sale window (`saleStartsAt`, `saleEndsAt`; without an end, until the event starts) or when the event is not UPCOMING, else SOLD_OUT when nothing is left, else ON_SALE. `tax` is the event's tax line (null without one). A deleted event is a 404; deleted ticket types are absent.",
    auth: "optional",
    params: ZEventId,
    status: 200,
    response: ZAvailability,
    problems: [404],
  }),
  placeOrder: route({
    operationId: "placeOrder",
    method: "POST",
    path: "/product-event/{id}/orders",
    tag: "orders",
    summary: "Buy tickets: one order of one or more ticket types",
    description:
      "For anyone, no credentials needed. Free orders are PAID at once and carry their `tickets` (one code per ticket, each admitted once at the door; the buyer gets them by mail too). Paid orders are PENDING_PAYMENT: their tickets are held until `expiresAt` (ORDER_HOLD_MINUTES, default 15) while the buyer pays at `checkoutUrl`; an unpaid hold is released. Capacity is taken with one conditional update per ticket type, so no number of concurrent buyers can oversell: a ticket type with too few left is a 409 `SOLD_OUT` whose `available` lists what is left of each ordered type (nothing is taken then). Outside a sale window or when the event is not UPCOMING: 409 `SALES_CLOSED`. More than a type's `maxPerOrder` is a 400 naming `items.<n>.quantity`. `ref` is the slug of the post whose share link the buyer came from (attribution; an unknown one is ignored). `Idempotency-Key` is honoured per event for everyone, signed in or not: a repeat with the same key and body answers the same order; the same key with another body is a 422. Anonymous callers are rate limited per client address and buyer email (10 per 10 minutes) and per client address (500 per 10 minutes, so a venue's crowd behind one Wi-Fi can still buy): 429 with `Retry-After`.",
    auth: "optional",
    idempotency: "service",
    params: ZEventId,
    body: ZPlaceOrderInput,
    status: 201,
    response: ZPlacedOrder,
    problems: [404, 409, ...JSON_BODY_PROBLEMS, 422, 429],
    answers: {
      409: {
        name: "SoldOutAnswer",
        description:
          "`code: SOLD_OUT`: too few tickets left; `available` says what is left of each ordered ticket type. (`SALES_CLOSED` and an Idempotency-Key still in use answer 409 without it.)",
        schema: ZSoldOutAnswer.loose(),
      },
    },
  }),
  stripeWebhook: route({
    operationId: "receiveStripeWebhook",
    method: "POST",
    path: "/webhooks/stripe",
    tag: "payments",
    summary: "Stripe's webhook: Checkout Sessions paid, expired or failed",
    description:
      "Called by Stripe, not by API clients. The body is Stripe's event, verified against the `Stripe-Signature` header with the endpoint's signing secret (STRIPE_WEBHOOK_SECRET) before anything is read: a missing or wrong signature, or one older than 5 minutes, is a 400 and changes nothing. `checkout.session.completed` (paid) and `checkout.session.async_payment_succeeded` issue the order's tickets; a payment after the hold was released takes the tickets again if they are left, else it is refunded. `checkout.session.expired` and `checkout.session.async_payment_failed` release the hold. Repeated deliveries change nothing twice; a 500 makes Stripe deliver again.",
    auth: "optional",
    idempotency: "service",
    status: 200,
    response: ZStripeWebhookResult,
    problems: [],
  }),
  createWebhookEndpoint: route({
    operationId: "createWebhookEndpoint",
    method: "POST",
    path: "/webhooks/endpoints",
    tag: "webhooks",
    summary: "Subscribe a partner's HTTPS endpoint to events of your account",
    description:
      "For curators (and admins): the endpoint receives the chosen `events` (`order.paid`, `guest.checked_in`, `event.created`, `event.updated`, `event.status.changed`) of the caller's own events, as POSTs of `{ type, timestamp, data }` where `data` carries the ids and the changed resource. Each request is signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with `secret` (`whsec_...`), which this answer shows once. A failed request is tried again for about 38 hours (1 min, 5 min, 30 min, 2 h, 5 h, then every 10 h); an endpoint failing for 3 days is disabled and its owner mailed. Loopback, private, link-local and unique-local addresses (and hosts resolving to them, checked again at every send) and plain http in production are a 400 naming `url`.",
    body: ZCreateWebhookEndpointInput,
    status: 201,
    response: ZWebhookEndpointWithSecret,
    problems: [403, ...JSON_BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS],
  }),
  listWebhookEndpoints: route({
    operationId: "listWebhookEndpoints",
    method: "GET",
    path: "/webhooks/endpoints",
    tag: "webhooks",
    summary: "Your webhook endpoints, newest first, with their state (never their secrets)",
    status: 200,
    response: ZWebhookEndpointList,
    problems: [403],
  }),
  disableWebhookEndpoint: route({
    operationId: "disableWebhookEndpoint",
    method: "POST",
    path: "/webhooks/endpoints/{id}/disable",
    tag: "webhooks",
    summary: "Stop sending to an endpoint; its deliveries still waiting are not sent",
    params: ZWebhookEndpointRef,
    status: 200,
    response: ZWebhookEndpointResult,
    problems: [403, 404, ...IDEMPOTENCY_PROBLEMS],
  }),
  enableWebhookEndpoint: route({
    operationId: "enableWebhookEndpoint",
    method: "POST",
    path: "/webhooks/endpoints/{id}/enable",
    tag: "webhooks",
    summary: "Send to a disabled endpoint again, from now on (redeliver what it missed)",
    params: ZWebhookEndpointRef,
    status: 200,
    response: ZWebhookEndpointResult,
    problems: [403, 404, ...IDEMPOTENCY_PROBLEMS],
  }),
  rotateWebhookSecret: route({
    operationId: "rotateWebhookSecret",
    method: "POST",
    path: "/webhooks/endpoints/{id}/rotate-secret",
    tag: "webhooks",
    summary: "A new signing secret for the endpoint, shown once; the old one stops signing at once",
    params: ZWebhookEndpointRef,
    status: 200,
    response: ZWebhookEndpointWithSecret,
    problems: [403, 404, ...IDEMPOTENCY_PROBLEMS],
  }),
  listWebhookDeliveries: route({
    operationId: "listWebhookDeliveries",
    method: "GET",
    path: "/webhooks/endpoints/{id}/deliveries",
    tag: "webhooks",
    summary: "The endpoint's latest 25 deliveries with their latest attempts (status code, error, duration)",
    params: ZWebhookEndpointRef,
    status: 200,
    response: ZWebhookDeliveryList,
    problems: [403, 404],
  }),
  redeliverWebhook: route({
    operationId: "redeliverWebhook",
    method: "POST",
    path: "/webhooks/deliveries/{id}/redeliver",
    tag: "webhooks",
    summary: "Send a delivery's message again: same webhook-id and payload, a new delivery with its own tries",
    description: "A disabled endpoint, or a message of this endpoint still waiting for a try, is a 409.",
    params: ZWebhookDeliveryRef,
    status: 201,
    response: ZWebhookDeliveryResult,
    problems: [403, 404, 409, ...IDEMPOTENCY_PROBLEMS],
  }),
  openApi: route({
    operationId: "getOpenApiDocument",
    method: "GET",
    path: "/openapi.json",
    tag: "meta",
    summary: "This OpenAPI 3.1 document",
    auth: "optional",
    status: 200,
    response: z.record(z.string(), z.unknown()),
    problems: [],
  }),
} satisfies Record<string, RestRoute>;

export type RestRouteName = keyof typeof restRoutes;
