// The OpenAPI 3.1 document of the REST routes, generated from the route registry and the same
// zod schemas the routes validate with (zod 4's `z.toJSONSchema`), never written by hand.
// Requests are described by the schemas' input side (what a caller sends: ISO 8601 strings,
// optional defaults), answers by their output side (dates serialized as ISO 8601 strings).
import { z } from "zod";
import { ZCheckedInBy, ZDoorGuest } from "../domain/checkin/schema";
import { ZEventDetailsView, ZEventView, ZLineupView, ZMediaView } from "../domain/events/schema";
import { ZProductView, ZVariantView } from "../domain/products/schema";
import { ZEventGuestEntry, ZGuestGroupView, ZGuestView } from "../domain/guests/schema";
import { ZPostMediaView, ZPostResult, ZPostView, ZTicketPriceView } from "../domain/posts/schema";
import { ERROR_TABLE } from "../errors";
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER, ZIdempotencyKey } from "./idempotency";
import { ZProblem } from "./problem";
import { restRoutes, type ProblemStatus, type RestRoute } from "./routes";

type JsonSchema = Record<string, unknown>;
type AnyRoute = RestRoute;

const SCHEMA_REF = "#/components/schemas/";

/** Views shared by several answers get a name of their own in `components.schemas`. */
const NAMED_VIEWS: Record<string, z.ZodType> = {
  EventView: ZEventView,
  EventDetailsView: ZEventDetailsView,
  LineupView: ZLineupView,
  MediaView: ZMediaView,
  ProductView: ZProductView,
  VariantView: ZVariantView,
  PostView: ZPostView,
  PostMediaView: ZPostMediaView,
  TicketPriceView: ZTicketPriceView,
  PostResult: ZPostResult,
  GuestView: ZGuestView,
  GuestGroupView: ZGuestGroupView,
  EventGuestEntry: ZEventGuestEntry,
  DoorGuest: ZDoorGuest,
  CheckedInBy: ZCheckedInBy,
  Problem: ZProblem,
};

const PROBLEM_DESCRIPTIONS: Record<400 | 401 | ProblemStatus, string> = {
  400: "Invalid input (`errors` names each failing field: body, path, query or header), malformed JSON, or a malformed id",
  401: "No credentials, or an unknown or revoked API key",
  403: "The caller's role may not do this",
  404: "No such resource, or not yours",
  409: "Conflict: an illegal status change (the answer names the current status and the allowed moves), or a request with the same Idempotency-Key is still running (retry after `Retry-After`)",
  413: "The body is larger than 1 MB",
  415: "The body is not `application/json`",
  422: "Well-formed but meaningless, e.g. an Idempotency-Key reused with another request",
  429: "Too many requests: retry after `Retry-After` seconds",
};

/** Dates have no JSON Schema of their own: as JSON they are ISO 8601 strings. */
const unrepresentable: z.core.UnrepresentableHandler = ({ zodSchema }) =>
  zodSchema._zod.def.type === "date" ? { type: "string", format: "date-time" } : "throw";

function pascal(name: string) {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** JSON Schemas of `named` (io side `io`), referring to each other through `components.schemas`. */
function componentSchemas(named: Map<z.ZodType, string>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id?: string }>();
  for (const [schema, id] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable,
    uri: (id) => `${SCHEMA_REF}${id}`,
  });
  // Plain JSON, and `$ref`s into zod's "__shared" bucket pointed at components of their own.
  const json = JSON.parse(JSON.stringify(schemas).replaceAll(`${SCHEMA_REF}__shared#/$defs/`, SCHEMA_REF)) as Record<string, JsonSchema>;
  const { __shared, ...components } = json;
  Object.assign(components, (__shared as { $defs?: Record<string, JsonSchema> } | undefined)?.$defs);
  for (const schema of Object.values(components)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return components;
}

/** The component name of `schema`: the first name it was given (routes may share a schema). */
function nameOnce(names: Map<z.ZodType, string>, schema: z.ZodType, name: string): string {
  if (!names.has(schema)) names.set(schema, name);
  return names.get(schema)!;
}

function mergeComponents(target: Record<string, JsonSchema>, source: Record<string, JsonSchema>) {
  for (const [name, schema] of Object.entries(source)) {
    if (name in target && JSON.stringify(target[name]) !== JSON.stringify(schema)) {
      throw new Error(`OpenAPI: two different schemas are both named ${name}`);
    }
    target[name] = schema;
  }
}

/** Path or query parameters from an object schema's properties. */
function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function problemHeaders(status: string) {
  return status === "401"
    ? { "WWW-Authenticate": { schema: { type: "string" } } }
    : status === "409" || status === "429"
      ? { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } }
      : undefined;
}

/**
 * A problem answer that is also a domain answer: problem+json carrying the members of
 * `name`'s schema, or (for the same status' other causes) a plain problem.
 */
function answerResponse(status: ProblemStatus, description: string, name: string) {
  const headers = problemHeaders(String(status));
  return {
    description: `${description}. Otherwise: ${PROBLEM_DESCRIPTIONS[status]}.`,
    ...(headers ? { headers } : {}),
    content: {
      "application/problem+json": {
        schema: {
          anyOf: [{ allOf: [{ $ref: `${SCHEMA_REF}Problem` }, { $ref: `${SCHEMA_REF}${name}` }] }, { $ref: `${SCHEMA_REF}Problem` }],
        },
      },
    },
  };
}

function operation(route: AnyRoute, names: { request?: string; response: string; answers: Partial<Record<ProblemStatus, string>> }) {
  const isPost = route.method === "POST";
  const problems = [400, ...(route.auth === "optional" ? [] : [401]), ...route.problems] as const;
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.auth === "optional" ? { security: [] } : {}),
    parameters: [
      ...parameters(route.params, "path"),
      ...parameters(route.query, "query"),
      ...(isPost ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: `${SCHEMA_REF}${names.request}` } } },
          },
        }
      : {}),
    responses: {
      [String(route.status)]: {
        description: route.status === 201 ? "Created" : "OK",
        ...(isPost
          ? {
              headers: {
                [REPLAYED_HEADER]: {
                  description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
                  schema: { type: "string", enum: ["true"] },
                },
              },
            }
          : {}),
        content: { "application/json": { schema: { $ref: `${SCHEMA_REF}${names.response}` } } },
      },
      ...Object.fromEntries(
        [...new Set(problems)].sort().map((status) => {
          const answer = route.answers?.[status as ProblemStatus];
          const name = names.answers[status as ProblemStatus];
          return [
            String(status),
            answer && name ? answerResponse(status as ProblemStatus, answer.description, name) : { $ref: `#/components/responses/Problem${status}` },
          ];
        }),
      ),
    },
  };
}

function problemResponses() {
  return Object.fromEntries(
    Object.entries(PROBLEM_DESCRIPTIONS).map(([status, description]) => {
      const codes = Object.entries(ERROR_TABLE)
        .filter(([, entry]) => String(entry.http) === status)
        .map(([code]) => code);
      const headers = problemHeaders(status);
      return [
        `Problem${status}`,
        {
          description: `${description}. \`code\`: ${codes.join(", ")}.`,
          ...(headers ? { headers } : {}),
          content: { "application/problem+json": { schema: { $ref: `${SCHEMA_REF}Problem` } } },
        },
      ];
    }),
  );
}

/** OpenAPI path of a route: already `{name}` form. */
export function buildOpenApiDocument(routes: AnyRoute[] = Object.values(restRoutes)) {
  const requests = new Map<z.ZodType, string>();
  const responses = new Map<z.ZodType, string>(Object.entries(NAMED_VIEWS).map(([name, schema]) => [schema, name]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const name = pascal(route.operationId);
    const names = {
      request: route.body ? nameOnce(requests, route.body, `${name}Request`) : undefined,
      response: nameOnce(responses, route.response, `${name}Response`),
      answers: Object.fromEntries(
        Object.entries(route.answers ?? {}).map(([status, answer]) => [status, nameOnce(responses, answer.schema, answer.name)]),
      ),
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route, names);
  }
  const schemas: Record<string, JsonSchema> = {};
  mergeComponents(schemas, componentSchemas(responses, "output"));
  mergeComponents(schemas, componentSchemas(requests, "input"));

  const idempotencyKey = z.toJSONSchema(ZIdempotencyKey, { io: "input" }) as JsonSchema;
  delete idempotencyKey.$schema;

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Marquee REST API",
      version: "1.0.0",
      description:
        "Events, their ticket products, the posts made from them, guest lists and the door's check-in. JSON in and out; errors are `application/problem+json` (RFC 9457) with a stable `code`. Ids are UUIDs: a malformed id is a 400, an unknown or not-yours id a 404. Money is integer minor units (2500 is 25.00) with an ISO 4217 `currency`. Dates are ISO 8601 with an offset. POSTs accept an `Idempotency-Key`.",
    },
    security: [{ apiKey: [] }, { session: [] }],
    tags: [
      { name: "events", description: "Events with their ticket product" },
      { name: "posts", description: "Posts made from events" },
      { name: "guests", description: "The curator's guest book, groups and events' guest lists" },
      { name: "orders", description: "What an event sold: its orders, by ticket type and by promoter" },
      { name: "door", description: "Checking guests in at an event's door" },
      { name: "messages", description: "Messages to an event's guests by email or SMS, with their deliveries" },
      { name: "webhooks", description: "Partner webhook endpoints: signed messages about your events, their deliveries and attempts" },
      { name: "meta", description: "About the API itself" },
    ],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "`Authorization: Bearer <api key>`. Create a key with `npm run api-key -- <email>` or on the settings page; it is shown once.",
        },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The web app's session" },
      },
      parameters: {
        IdempotencyKey: {
          name: IDEMPOTENCY_KEY_HEADER,
          in: "header",
          required: false,
          description:
            "Makes a retried POST safe: the same key with the same request replays the first answer (header `Idempotent-Replayed: true`), the same key with another request is a 422, and concurrent duplicates run once. Answers of 5xx are not kept.",
          schema: idempotencyKey,
        },
      },
      responses: problemResponses(),
      schemas,
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let cached: OpenApiDocument | undefined;

/** The document of all routes, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
