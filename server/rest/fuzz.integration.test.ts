// Fuzzing every REST route in-process against the real test database: thousands of generated
// requests per route (bodies derived from the route's zod schema, the same with fields broken,
// random JSON, raw text, wrong content types, bodies over 1 MB, 10,000-deep nesting, fuzzed
// path parameters and query strings, every kind of caller). Whatever comes in, the answer is
// never a 5xx; a success is JSON; anything else is application/problem+json with type, title,
// status and code, and no stack trace. Every run prints its seed first ("fuzz seed: <n>"), and
// every fc.assert and fc.sample of the run uses it: FUZZ_SEED=<n> replays that run exactly,
// e.g. FUZZ_SEED=123456789 npx vitest run server/rest/fuzz.integration.test.ts. A failure
// also prints the smallest request fast-check found.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { Stripe } from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadRoute } from "@/app/api/uploads/route";
import { GET as mediaRoute } from "@/app/media/[...path]/route";
import { POST as shopifyOrdersPaidRoute } from "@/app/webhooks/shopify/orders-paid/route";
import {
  actorOf,
  assignStaff,
  createEvent,
  createGuest,
  createGuestGroup,
  createInvitation,
  createPostFromEvent,
  inviteGuest,
} from "../../prisma/factories";
import { connectShopifyStore } from "../domain/shopify/connection";
import { shopifyHmac } from "../domain/shopify/orders-paid";
import { Role } from "../generated/prisma/enums";
import { placeOrder } from "../domain/orders/place";
import { ZPlaceOrderInput } from "../domain/orders/schema";
import { useTestDb } from "../testing/db";
import { actorFor } from "../testing/events";
import { createSoldOrder } from "../testing/sales";
import {
  anyText,
  arbitraryFromJsonSchema,
  contentTypes,
  deeplyNested,
  headerText,
  mutated,
  rawBodyText,
  requestJsonSchema,
  type FuzzHints,
} from "../testing/fuzz-arbitraries";
import { expectProblem, restRouteFiles, userWithKey, type RouteHandler } from "../testing/rest";
import { ZProblem } from "./problem";
import { createWebhookEndpoint } from "../domain/partner-webhooks/create";
import { restRoutes, type RestRoute } from "./routes";

// Stripe's webhook is set up, so signed fuzz events get past its signature check.
const STRIPE_WEBHOOK_SECRET = "whsec_fuzz";
const STRIPE_SESSIONS = ["cs_test_fuzz_1", "cs_test_fuzz_2", "cs_test_fuzz_3"];
/** The held orders made for them (in beforeAll), each with its session. */
let stripeOrders: { orderId: string; sessionId: string }[] = [];
process.env.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET;

const db = useTestDb();

/** At least this many requests per route (the last test checks every route got them). */
const CASES_PER_ROUTE = 1000;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not "${process.env.FUZZ_SEED}"`);
console.info(`fuzz seed: ${seed} (FUZZ_SEED=${seed} to replay)`);
fc.configureGlobal({ seed });

// Uploaded test images land in a directory of their own, removed afterwards.
const mediaDir = mkdtempSync(path.join(tmpdir(), "marquee-fuzz-media-"));
process.env.MEDIA_DIR = mediaDir;
afterAll(() => rmSync(mediaDir, { recursive: true, force: true }));

/** Who calls: the four roles with their keys, nobody, and broken credentials. */
interface Caller {
  name: string;
  authorization?: string;
}

let callers: Caller[] = [];
let hints: FuzzHints;
/** Answers per route by status: every route must also answer past validation, or the fuzz is shallow. */
const statusesPerRoute = new Map<string, Map<number, number>>();

beforeAll(async () => {
  const curator = await userWithKey(db, Role.CURATOR);
  const promoter = await userWithKey(db, Role.PROMOTER);
  const staff = await userWithKey(db, Role.STAFF);
  const admin = await userWithKey(db, Role.ADMIN);
  const other = await userWithKey(db, Role.CURATOR);
  const { event, post, product } = await createEvent(db, { curatorId: curator.user.id });
  const { event: second, product: secondProduct } = await createEvent(db, { curatorId: curator.user.id });
  const { event: foreign, product: foreignProduct } = await createEvent(db, { curatorId: other.user.id });
  // Every event here sells (the first one's held orders below): a fuzzed DELETE answers 409 and
  // never takes away an event the other routes are fuzzed against.
  for (const [eventId, variant] of [
    [second.id, secondProduct.variants[0]!],
    [foreign.id, foreignProduct.variants[0]!],
  ] as const) {
    await createSoldOrder(db, { eventId, items: [{ variantId: variant.id, quantity: 1 }] });
  }
  await assignStaff(db, { eventId: event.id, userId: staff.user.id });
  const promoterPost = await createPostFromEvent(db, { eventId: event.id, creatorId: promoter.user.id });
  const guest = await createGuest(db, { userId: curator.user.id, phoneNumber: "+4915123456789" });
  const group = await createGuestGroup(db, { userId: curator.user.id, guestIds: [guest.id] });
  const entry = await inviteGuest(db, { eventId: event.id, guestId: guest.id });
  const invitation = await createInvitation(db, { eventId: event.id, email: "sam@example.com" });
  // Held orders with their Checkout Sessions, so signed Stripe events about them settle real
  // orders (paid, released, late).
  const heldOrders = await Promise.all(
    STRIPE_SESSIONS.map(async (sessionId, n) => {
      const order = await placeOrder(db, {
        eventId: event.id,
        input: ZPlaceOrderInput.parse({
          items: [{ variantId: product.variants[0]!.id, quantity: 1 }],
          buyer: { firstName: "Fuzz", lastName: `Buyer ${n}`, email: `fuzz-${n}@buyers.test` },
        }),
      });
      await db.order.update({ where: { id: order.id }, data: { stripeSessionId: sessionId } });
      return order;
    }),
  );
  stripeOrders = heldOrders.map((order, n) => ({ orderId: order.id, sessionId: STRIPE_SESSIONS[n]! }));
  // A partner webhook endpoint with one delivery, so its routes get past the lookup.
  const { endpoint } = await createWebhookEndpoint(db, await actorOf(db, curator.user.id), {
    url: "https://hooks.partner.test/marquee",
    events: ["order.paid"],
  });
  const delivery = await db.webhookDelivery.create({
    data: { endpointId: endpoint.id, eventType: "order.paid", webhookId: "msg_fuzz", payload: {}, status: "SUCCEEDED", nextAttemptAt: null },
  });

  const bearer = (key: string) => `Bearer ${key}`;
  callers = [
    // Weighted towards the callers who get past authorization, so bodies reach the services.
    ...Array(4).fill({ name: "curator", authorization: bearer(curator.key) }),
    ...Array(2).fill({ name: "staff", authorization: bearer(staff.key) }),
    ...Array(2).fill({ name: "promoter", authorization: bearer(promoter.key) }),
    { name: "admin", authorization: bearer(admin.key) },
    { name: "another curator", authorization: bearer(other.key) },
    { name: "anonymous" },
    { name: "unknown key", authorization: "Bearer mq_000000000000000000000000000000000000000000" },
    { name: "not a bearer", authorization: "Basic Y3VyYXRvcjpzZWNyZXQ=" },
  ];
  hints = {
    ids: [
      event.id,
      second.id,
      foreign.id,
      post.id,
      promoterPost.id,
      guest.id,
      group.id,
      staff.user.id,
      invitation.id,
      // Ticket types, so orders get past validation to the capacity statements.
      ...product.variants.map((variant) => variant.id),
      ...heldOrders.map((order) => order.id),
      endpoint.id,
      delivery.id,
      "00000000-0000-0000-0000-000000000000",
    ],
    fields: {
      timezone: ["Europe/Berlin", "Asia/Kathmandu", "UTC", "Mars/Olympus_Mons"],
      src: ["/media/posters/x/1200.webp", "https://cdn.example.com/neon.jpg", "javascript:alert(1)"],
      email: ["zoe@example.com", " ZOE@Example.COM ", "zoe@"],
      phoneNumber: ["+4915123456789", "0151 23456789", "12"],
      defaultCountry: ["DE", "US", "XX"],
      code: [entry.ticketCode, `${entry.ticketCode}x`, "guess"],
      ref: [post.slug, promoterPost.slug, "no-such-post"],
      // Partner webhook targets: allowed here (WEBHOOKS_ALLOW_PRIVATE_URLS=1 in tests), and broken ones.
      url: [
        "https://partner.example/hooks",
        "http://127.0.0.1:9/x",
        "http://[::1]/",
        "ftp://partner.example/",
        "https://user:pw@partner.example/",
        "/relative",
      ],
    },
    strings: ["Neon Nights", "Zoë Müller", "Halle Süd"],
  };
});

function countCase(route: string, status: number) {
  const statuses = statusesPerRoute.get(route) ?? new Map<number, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  statusesPerRoute.set(route, statuses);
}

/** Statuses that say a request never got past parsing, authentication or validation. */
const TURNED_AWAY = new Set([400, 401, 413, 415]);

/** A stack frame (raw or JSON-escaped) or a source location in an answer means something leaked. */
const LEAK = /(\\n|\n)\s+at |node_modules|\.(ts|js|mjs|cjs):\d+/;

/** The contract every answer keeps, whatever was sent. */
async function expectWellFormedAnswer(response: Response, request: string) {
  const text = await response.text();
  const where = `${request} -> ${response.status} ${text.slice(0, 500)}`;
  expect(response.status, where).toBeLessThan(500);
  expect(text, where).not.toMatch(LEAK);
  const contentType = response.headers.get("content-type") ?? "";
  if (response.status < 300) {
    expect(contentType, where).toMatch(/^application\/json\b/);
    expect(() => JSON.parse(text), where).not.toThrow();
    return;
  }
  expect(contentType, where).toBe("application/problem+json");
  const problem = ZProblem.safeParse(JSON.parse(text));
  expect(problem.success, where).toBe(true);
  expect(problem.data!.status, where).toBe(response.status);
  if (response.status === 429) expect(Number(response.headers.get("retry-after")), where).toBeGreaterThanOrEqual(1);
}

interface FuzzRequest {
  caller: Caller;
  method: string;
  /** Path and query as sent. */
  url: string;
  params: Record<string, string | string[]>;
  contentType?: string | null;
  body?: string | FormData | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

async function send(handler: RouteHandler, route: string, r: FuzzRequest) {
  const headers = new Headers(r.headers);
  if (r.caller.authorization) headers.set("authorization", r.caller.authorization);
  if (r.contentType) headers.set("content-type", r.contentType);
  const request = new Request(`http://localhost${r.url}`, { method: r.method, headers, body: r.body });
  const response = await handler(request, { params: Promise.resolve(r.params as Record<string, string>) });
  countCase(route, response.status);
  const shownBody = typeof r.body === "string" ? r.body.slice(0, 300) : r.body ? `<${r.body.constructor.name}>` : "";
  await expectWellFormedAnswer(response, `${r.method} ${r.url.slice(0, 200)} as ${r.caller.name} (${r.contentType}) ${shownBody}`);
}

/** Percent-encodes any string, lone surrogates included (as U+FFFD, as a browser would). */
const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

// ---- Requests

const caller = () => fc.constantFrom(...callers);

/** Path parameter values: real ids, random UUIDs, and anything else. */
const paramValue = () =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...hints.ids), weight: 3 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: anyText({ maxLength: 80 }), weight: 2 },
    { arbitrary: fc.constantFrom("", "..", "%2e%2e", "null", "0", "-1", "x".repeat(5000)), weight: 1 },
  );

/** Query strings: the route's own keys and others, valid and broken values, raw fragments. */
function queryString(keys: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.constantFrom("", "1", "0", "-1", "20", "100", "101", "1e3", "0x10", "1.5", "NaN", "Infinity", "x".repeat(3000)),
    fc.integer().map(String),
    anyText({ maxLength: 40 }),
    // Cursors that decode to JSON, near misses of a real one.
    fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? "").toString("base64url")),
    fc
      .record({
        c: fc.constantFrom("0000-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "x"),
        i: fc.oneof(fc.uuid(), fc.constant("x")),
      })
      .map((v) => Buffer.from(JSON.stringify(v)).toString("base64url")),
  );
  const pair = fc.oneof(
    fc.tuple(fc.constantFrom(...keys, "limit", "cursor"), value).map(([k, v]) => `${k}=${encode(v)}`),
    fc.constantFrom(...keys, "limit", "cursor"), // `?limit&cursor`: present without a value
    fc.tuple(anyText({ maxLength: 10 }), value).map(([k, v]) => `${encode(k)}=${encode(v)}`),
    fc.constantFrom("%zz", "%", "&", "=", "==", "limit[]=1", "limit=1&limit=2", "__proto__[x]=1"),
  );
  return fc.array(pair, { maxLength: 5 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : ""));
}

/** The request path with `{name}` replaced by the (encoded) parameter values. */
function pathFor(route: RestRoute, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(params[name] ?? ""));
}

const paramNames = (route: RestRoute) => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

function paramsArbitrary(route: RestRoute): fc.Arbitrary<Record<string, string>> {
  return fc.record(Object.fromEntries(paramNames(route).map((n) => [n, paramValue()])));
}

function bodyArbitrary(route: RestRoute): fc.Arbitrary<unknown> {
  const validish = arbitraryFromJsonSchema(requestJsonSchema(route.body!), hints);
  return fc.oneof(
    { arbitrary: validish, weight: 3 },
    { arbitrary: mutated(validish), weight: 5 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
  );
}

const idempotencyKey = fc.option(fc.oneof(fc.uuid(), headerText), { freq: 3 });

/** Requests over 1 MB, 10,000-deep nesting, and no body at all: the same for every JSON route. */
function wireEdgeCases(validBody: string): { body?: string; contentType?: string | null; headers?: Record<string, string> }[] {
  const huge = `{"title":"${"x".repeat(1_000_001)}"}`;
  return [
    { body: huge, contentType: "application/json" },
    { body: huge, contentType: "application/json", headers: { "content-length": String(Buffer.byteLength(huge)) } },
    { body: "[".repeat(2_000_000), contentType: "application/json" },
    { body: validBody, contentType: "application/json", headers: { "content-length": "999999999999" } },
    { body: deeplyNested(10_000, "array"), contentType: "application/json" },
    { body: deeplyNested(10_000, "object"), contentType: "application/json" },
    { body: `{"title":${deeplyNested(10_000, "array")}}`, contentType: "application/json" },
    { body: `{"zzz":${deeplyNested(10_000, "object")}}`, contentType: "application/json" },
    { body: validBody.replace(/}$/, `,"extra":${deeplyNested(10_000, "object")}}`), contentType: "application/json" },
    { body: undefined, contentType: null },
    { body: undefined, contentType: "application/json" },
  ];
}

// ---- The registry's routes

const routesByOperation = new Map<string, { route: RestRoute; handler: () => Promise<RouteHandler> }>();
for (const route of Object.values(restRoutes) as RestRoute[]) {
  routesByOperation.set(`${route.method} ${route.path}`, {
    route,
    handler: async () => {
      const handler = (await restRouteFiles()).get(route.path)?.[route.method];
      if (!handler) throw new Error(`no route file exports ${route.method} ${route.path}`);
      return handler;
    },
  });
}

describe.concurrent("every REST route of the registry, fuzzed", () => {
  it("covers every route file: each exported handler is a registry entry", async () => {
    for (const [path, handlers] of await restRouteFiles()) {
      for (const method of Object.keys(handlers)) {
        expect(routesByOperation.has(`${method} ${path}`), `${method} ${path}`).toBe(true);
      }
    }
  });

  for (const [operation, { route, handler: load }] of routesByOperation) {
    it(`${operation}: no 5xx, no stack, problem+json for every refusal`, { timeout: 120_000 }, async () => {
      const handler = await load();
      const params = paramsArbitrary(route);
      const query = queryString(route.query ? Object.keys(requestJsonSchema(route.query).properties ?? {}) : []);

      if (route.body) {
        // JSON bodies, valid-ish and broken, from every kind of caller.
        await fc.assert(
          fc.asyncProperty(caller(), params, bodyArbitrary(route), idempotencyKey, async (who, p, body, key) => {
            await send(handler, operation, {
              caller: who,
              method: route.method,
              url: pathFor(route, p),
              params: p,
              contentType: "application/json",
              body: JSON.stringify(body) ?? "",
              headers: key === null ? {} : { "idempotency-key": key },
            });
          }),
          { numRuns: 700 },
        );
        // Raw text under every content type.
        const validish = arbitraryFromJsonSchema(requestJsonSchema(route.body), hints).map((v) => JSON.stringify(v));
        await fc.assert(
          fc.asyncProperty(caller(), params, contentTypes, fc.oneof(rawBodyText, validish), async (who, p, contentType, text) => {
            await send(handler, operation, { caller: who, method: route.method, url: pathFor(route, p), params: p, contentType, body: text });
          }),
          { numRuns: 200 },
        );
        // Huge and deep bodies, from the owner.
        const [valid] = fc.sample(validish, 1);
        const owner = callers[0]!;
        for (const edge of wireEdgeCases(valid!)) {
          const p = Object.fromEntries(paramNames(route).map((name) => [name, hints.ids[0]!]));
          await send(handler, operation, { caller: owner, method: route.method, url: pathFor(route, p), params: p, ...edge });
        }
      }

      // Path parameters, query strings and callers (every route; the only fuzz for GETs).
      await fc.assert(
        fc.asyncProperty(caller(), params, query, async (who, p, search) => {
          await send(handler, operation, {
            caller: who,
            method: route.method,
            url: pathFor(route, p) + search,
            params: p,
            ...(route.body ? { contentType: "application/json", body: "{}" } : {}),
          });
        }),
        { numRuns: route.body ? 100 : CASES_PER_ROUTE },
      );
    });
  }

  it(`POST /api/uploads: random bytes, broken images and forms`, { timeout: 120_000 }, async () => {
    const image = await sharp({ create: { width: 240, height: 240, channels: 3, background: "#c0ffee" } })
      .png()
      .toBuffer();
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      // A real PNG with some bytes changed, cut short, or with its size fields claiming a bomb.
      fc.tuple(fc.nat({ max: image.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, patch]) => {
        const copy = Buffer.from(image);
        copy.set(patch.subarray(0, copy.length - at), at);
        return new Uint8Array(copy);
      }),
      fc.nat({ max: image.length }).map((n) => new Uint8Array(image.subarray(0, n))),
      fc.constant(
        (() => {
          const bomb = Buffer.from(image);
          bomb.writeUInt32BE(100_000, 16);
          bomb.writeUInt32BE(100_000, 20);
          return new Uint8Array(bomb);
        })(),
      ),
    );
    const form = fc.record({ field: fc.constantFrom("file", "file", "image", ""), bytes, asText: fc.boolean() }).map(({ field, bytes, asText }) => {
      const data = new FormData();
      if (asText) data.set(field, Buffer.from(bytes).toString("latin1"));
      else data.set(field, new Blob([bytes], { type: "image/png" }), "poster.png");
      return data;
    });
    const raw = fc.record({
      contentType: contentTypes,
      body: fc.oneof(
        rawBodyText,
        bytes.map((b) => new Uint8Array(b)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        caller(),
        fc.oneof(
          form.map((body) => ({ body, contentType: null })),
          raw,
        ),
        async (who, { body, contentType }) => {
          await send(uploadRoute, "POST /api/uploads", { caller: who, method: "POST", url: "/api/uploads", params: {}, contentType, body });
        },
      ),
      { numRuns: CASES_PER_ROUTE },
    );
  });

  it("POST /webhooks/shopify/orders-paid: forged, unsigned and correctly signed fuzz, never a 5xx", { timeout: 120_000 }, async () => {
    // A connected store whose secret signs part of the fuzz, so bodies also get past the HMAC.
    const curator = await actorFor(db, Role.CURATOR);
    const shopDomain = `fuzz-${seed}.myshopify.com`;
    const secret = `shpss_fuzz_${seed}`;
    await connectShopifyStore(db, curator, { shopDomain, adminToken: "shpat_fuzz", webhookSecret: secret });
    const { product } = await createEvent(db, { curatorId: curator.userId, tickets: [{ name: "GA", price: 2500, quantity: 5 }] });
    await db.productVariant.update({ where: { id: product.variants[0]!.id }, data: { shopifyVariantId: "gid://shopify/ProductVariant/42" } });
    const money = fc.oneof(
      fc.constantFrom("25.00", "0", "0.001", "-1", "1e9", "99999999999999999999.00", ""),
      anyText({ maxLength: 12 }),
      fc.double(),
    );
    const order = fc.record(
      {
        id: fc.oneof(fc.nat(), fc.constant(-1), anyText({ maxLength: 20 })),
        email: fc.oneof(fc.emailAddress(), anyText({ maxLength: 30 }), fc.constant(null)),
        currency: fc.constantFrom("EUR", "eur", "JPY", "XXX", "", "EURO"),
        taxes_included: fc.oneof(fc.boolean(), fc.constant("yes")),
        line_items: fc.array(
          fc.record(
            {
              variant_id: fc.oneof(fc.constant(42), fc.nat(), fc.constant(null), anyText({ maxLength: 10 })),
              quantity: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constant(1e12)),
              price: money,
              tax_lines: fc.array(fc.record({ price: money }), { maxLength: 2 }),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
      },
      { requiredKeys: [] },
    );
    // Well-formed orders of our ticket type, so every seed also reaches the issuing code (and
    // sells the 5 tickets out, reaching the not-fulfilled path too).
    const wellFormedOrder = fc.record({
      id: fc.nat(),
      email: fc.constantFrom("buyer@example.com", "Other.Buyer@example.org"),
      currency: fc.constant("EUR"),
      line_items: fc.array(fc.record({ variant_id: fc.constant(42), quantity: fc.integer({ min: 1, max: 3 }), price: fc.constant("25.00") }), {
        minLength: 1,
        maxLength: 2,
      }),
    });
    const body = fc.oneof(
      { arbitrary: order.map((o) => JSON.stringify(o)), weight: 3 },
      { arbitrary: wellFormedOrder.map((o) => JSON.stringify(o)), weight: 2 },
      { arbitrary: rawBodyText, weight: 1 },
    );
    const signature = fc.constantFrom("right", "right", "wrong", "none", "garbage");
    const shop = fc.oneof(fc.constantFrom(shopDomain, shopDomain.toUpperCase(), "other.myshopify.com", ""), headerText);
    await fc.assert(
      fc.asyncProperty(caller(), body, signature, shop, async (who, text, sign, domain) => {
        const headers: Record<string, string> = { "x-shopify-shop-domain": domain, "x-shopify-topic": "orders/paid" };
        if (sign === "right") headers["x-shopify-hmac-sha256"] = shopifyHmac(text, secret);
        if (sign === "wrong") headers["x-shopify-hmac-sha256"] = shopifyHmac(text, `${secret}x`);
        if (sign === "garbage") headers["x-shopify-hmac-sha256"] = "%%not base64%%";
        const url = "/webhooks/shopify/orders-paid";
        await send(shopifyOrdersPaidRoute, "POST /webhooks/shopify/orders-paid", {
          caller: who,
          method: "POST",
          url,
          params: {},
          contentType: "application/json",
          body: text,
          headers,
        });
      }),
      { numRuns: CASES_PER_ROUTE },
    );
  });

  it("GET /media/<key>: fuzzed keys answer 404 or the file, never a 5xx", { timeout: 60_000 }, async () => {
    const segment = fc.oneof(
      fc.constantFrom("posters", "..", ".", "", "1200.webp", "%2e%2e", "x".repeat(300), "con", "a\u0000b"),
      fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/),
      anyText({ maxLength: 30 }),
    );
    // A stored poster, so that paths through existing files and directories are tried too.
    const { uploaded } = await (async () => {
      const image = await sharp({ create: { width: 240, height: 240, channels: 3, background: "#123456" } })
        .png()
        .toBuffer();
      const data = new FormData();
      data.set("file", new Blob([new Uint8Array(image)], { type: "image/png" }), "p.png");
      const response = await uploadRoute(
        new Request("http://localhost/api/uploads", { method: "POST", headers: { authorization: callers[0]!.authorization! }, body: data }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(201);
      return { uploaded: ((await response.json()) as { src: string }).src.replace(/^\/media\//, "").split("/") };
    })();
    const key = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 6 }),
      fc.array(segment, { maxLength: 3 }).map((tail) => [...uploaded, ...tail]),
    );
    await fc.assert(
      fc.asyncProperty(key, async (segments) => {
        const response = await mediaRoute(new Request(`http://localhost/media/${segments.map(encode).join("/")}`), {
          params: Promise.resolve({ path: segments }),
        });
        countCase("GET /media/<key>", response.status);
        expect(response.status, segments.join("/")).toBeLessThan(500);
        if (response.status === 200) expect(segments.join("/")).toBe(uploaded.join("/"));
      }),
      { numRuns: CASES_PER_ROUTE },
    );
  });
  it("POST /webhooks/stripe: random events, signed with the endpoint's secret or not, never a 5xx", { timeout: 120_000 }, async () => {
    const handler = (await restRouteFiles()).get("/webhooks/stripe")!.POST!;
    const orderId = fc.oneof(fc.constantFrom(...hints.ids), fc.uuid(), anyText({ maxLength: 40 }));
    const anySession = fc.record(
      {
        id: fc.oneof(fc.constantFrom(...STRIPE_SESSIONS), anyText({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })),
        metadata: fc.oneof(fc.record({ orderId }), fc.jsonValue({ maxDepth: 2 })),
        client_reference_id: fc.oneof(orderId, fc.constant(null), fc.jsonValue({ maxDepth: 1 })),
        payment_status: fc.constantFrom("paid", "unpaid", "no_payment_required", "", 7),
        payment_intent: fc.oneof(fc.constant("pi_fuzz"), fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    );
    // One of our held orders with its own session: these settle (or find settled) real orders.
    const ourSession = fc
      .tuple(fc.constantFrom(...stripeOrders), fc.constantFrom("paid", "unpaid"), fc.constantFrom("pi_fuzz", null))
      .map(([{ orderId: id, sessionId }, payment_status, payment_intent]) => ({
        id: sessionId,
        metadata: { orderId: id },
        payment_status,
        payment_intent,
      }));
    const session = fc.oneof(anySession, ourSession);
    const event = fc.record(
      {
        id: fc.oneof(fc.constant("evt_fuzz"), fc.jsonValue({ maxDepth: 1 })),
        object: fc.constant("event"),
        type: fc.oneof(
          fc.constantFrom(
            "checkout.session.completed",
            "checkout.session.async_payment_succeeded",
            "checkout.session.async_payment_failed",
            "checkout.session.expired",
            "payment_intent.succeeded",
          ),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        data: fc.oneof(fc.record({ object: fc.oneof(session, fc.jsonValue({ maxDepth: 2 })) }), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    );
    const payload = fc.oneof(
      { arbitrary: event.map((e) => JSON.stringify(e)), weight: 4 },
      { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ""), weight: 1 },
      { arbitrary: rawBodyText, weight: 1 },
    );
    const signing = fc.constantFrom("endpoint's secret", "endpoint's secret", "endpoint's secret", "another secret", "garbage", "none");
    await fc.assert(
      fc.asyncProperty(caller(), payload, signing, headerText, async (who, body, how, garbage) => {
        const secret = how === "another secret" ? "whsec_other" : STRIPE_WEBHOOK_SECRET;
        const signature = how === "none" ? null : how === "garbage" ? garbage : Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
        await send(handler, "POST /webhooks/stripe", {
          caller: who,
          method: "POST",
          url: "/webhooks/stripe",
          params: {},
          contentType: "application/json",
          body,
          headers: signature === null ? {} : { "stripe-signature": signature },
        });
      }),
      { numRuns: CASES_PER_ROUTE },
    );
  });
});

// What the fuzzer found, kept as plain examples.
describe("defects found by fuzzing", () => {
  async function createEvent(body: unknown): Promise<Response> {
    const { POST: createEventRoute } = await import("@/app/(rest)/product-event/v2/route");
    return createEventRoute(
      new Request("http://localhost/product-event/v2", {
        method: "POST",
        headers: { authorization: callers[0]!.authorization!, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
  }

  it("a NUL character in any text field is a 400 naming the field, not a database error (500)", async () => {
    const body = {
      title: "Neon",
      startDate: "2027-03-12T22:00:00+01:00",
      venue: "Halle\u0000Süd",
      location: "Berlin",
      tickets: [{ name: "GA\u0000", price: 0, quantity: 1 }],
    };
    const response = await createEvent(body);
    const problem = await expectProblem(response, 400, "INVALID_INPUT");
    expect(problem.errors).toEqual([
      { path: "tickets.0.name", message: "must not contain the NUL character (U+0000)" },
      { path: "venue", message: "must not contain the NUL character (U+0000)" },
    ]);
  });

  it("a date PostgreSQL cannot store (year 0000) is a 400 naming the field, not a database error (500)", async () => {
    const body = {
      title: "Neon",
      startDate: "0000-12-31T23:59:59.999Z",
      venue: "Halle Süd",
      location: "Berlin",
      tickets: [{ name: "GA", price: 0, quantity: 1 }],
    };
    const response = await createEvent(body);
    const problem = await expectProblem(response, 400, "INVALID_INPUT");
    expect(problem.errors).toEqual([{ path: "startDate", message: "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z" }]);
  });

  it("a media path through a file (`1200.webp/x`) or with an overlong name is a 404, not a 500", async () => {
    const upload = new FormData();
    upload.set(
      "file",
      new Blob([
        new Uint8Array(
          await sharp({ create: { width: 200, height: 200, channels: 3, background: "#000" } })
            .png()
            .toBuffer(),
        ),
      ]),
      "p.png",
    );
    const stored = await uploadRoute(
      new Request("http://localhost/api/uploads", { method: "POST", headers: { authorization: callers[0]!.authorization! }, body: upload }),
      { params: Promise.resolve({}) },
    );
    const key = ((await stored.json()) as { src: string }).src.replace(/^\/media\//, "").split("/");
    for (const path of [
      [...key, "x"],
      ["posters", "a".repeat(300)],
    ]) {
      const response = await mediaRoute(new Request(`http://localhost/media/${path.join("/")}`), { params: Promise.resolve({ path }) });
      expect(response.status, path.join("/")).toBe(404);
    }
  });
});

describe("after the fuzzing", () => {
  it(`every route got at least ${CASES_PER_ROUTE} requests, some of them past validation; nothing reached Object.prototype`, () => {
    for (const operation of [...routesByOperation.keys(), "POST /api/uploads", "GET /media/<key>", "POST /webhooks/shopify/orders-paid"]) {
      const statuses = [...(statusesPerRoute.get(operation) ?? new Map<number, number>())];
      const total = statuses.reduce((sum, [, n]) => sum + n, 0);
      expect(total, operation).toBeGreaterThanOrEqual(CASES_PER_ROUTE);
      expect(statuses.filter(([status]) => !TURNED_AWAY.has(status)).length, `${operation}: ${JSON.stringify(statuses)}`).toBeGreaterThan(0);
      console.info(
        `${operation}: ${total} requests, answers ${statuses
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}x${n}`)
          .join(" ")}`,
      );
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
