// Every REST route at the spec's paths, declared once: method, path, what it takes and what it
// answers. Route files pass their entry to `restHandler` (which validates with these schemas),
// and the OpenAPI document (openapi.ts) is generated from this same list, so a route cannot
// exist without its documentation, nor drift from it (routes.integration.test.ts checks both).
import { z } from "zod";
import {
  ZCreateEventInput,
  ZCreateEventResult,
  ZEventDetails,
  ZEventId,
  ZRelatedPosts,
  ZRelatedPostsQuery,
  ZUpdateEventInput,
  ZUpdateEventResult,
} from "../domain/events/schema";
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
}

export interface RestRoute<TParams = unknown, TQuery = unknown, TBody = unknown> extends RouteDoc {
  /** "optional": anonymous callers are let through (and the document asks for no credentials). */
  auth?: "optional";
  params?: z.ZodType<TParams>;
  query?: z.ZodType<TQuery>;
  body?: z.ZodType<TBody>;
  /** Status of a successful answer (201 for creations). */
  status: number;
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
      "Any create field but `createPost`. `tickets` is the full list afterwards: items with an `id` update that ticket, items without one add a ticket, tickets left out are removed. `status` moves the event through its diagram (UPCOMING <-> ON_HOLD, UPCOMING -> CANCELED); any other move is a 409 naming the current status and the allowed moves.",
    params: ZEventId,
    body: ZUpdateEventInput,
    status: 200,
    response: ZUpdateEventResult,
    problems: [403, 404, 409, ...JSON_BODY_PROBLEMS, 422],
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
  createPostFromEvent: route({
    operationId: "createPostFromEvent",
    method: "POST",
    path: "/posts/curator/from-event",
    tag: "posts",
    summary: "Create your own post from an event",
    description: "The post copies the event's title, venue, date, poster and ticket prices and, with `syncEnabled` (default true), follows the event as it changes.",
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
