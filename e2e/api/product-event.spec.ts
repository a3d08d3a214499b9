// The REST API over HTTP, driven as external callers use it: an API key from `npm run api-key`
// as a Bearer token, JSON in and out, errors as problem+json (RFC 9457) listing each invalid
// field, money in integer minor units with its currency, dates ISO 8601 with an offset.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiKeyFor, auth, problem } from "./helpers";

let curatorKey: string;
let promoterKey: string;

test.beforeAll(() => {
  curatorKey = apiKeyFor(`partner-${randomUUID()}@example.com`); // a new curator
  promoterKey = apiKeyFor("promoter@marquee.test"); // the demo promoter
});

function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "Neon Nights",
    startDate: "2027-03-12T22:00:00+01:00",
    endDate: "2027-03-13T05:00:00+01:00",
    timezone: "Europe/Berlin",
    venue: "Halle Süd",
    location: "Revaler Str. 99, 10245 Berlin",
    poster: [{ src: "https://cdn.example.com/neon.jpg" }],
    tickets: [
      { name: "Early bird", price: 1500, currency: "EUR", quantity: 100 },
      { name: "Regular", price: 2500, currency: "EUR", quantity: 300 },
    ],
    lineups: [{ title: "DJ Aurora", isHeadliner: true }],
    ...overrides,
  };
}

async function createEvent(request: APIRequestContext, overrides: Record<string, unknown> = {}) {
  const response = await request.post("/product-event/v2", { headers: auth(curatorKey), data: eventBody(overrides) });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

test("a partner creates an event, edits its tickets, reads it back and lists its posts", async ({ request }) => {
  const created = await request.post("/product-event/v2", { headers: auth(curatorKey), data: eventBody() });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toMatch(/^application\/json/);
  const { event, post, product } = await created.json();
  expect(event).toMatchObject({ status: "UPCOMING", title: "Neon Nights", startDate: "2027-03-12T21:00:00.000Z" });
  expect(post).toMatchObject({ postType: "EVENT", createFromEventId: event.id, headline: "Neon Nights", syncEnabled: true });
  expect(product).toMatchObject({ eventId: event.id, listingType: "TICKET", status: "ACTIVE" });
  expect(product.variants).toEqual([
    expect.objectContaining({ id: expect.any(String), name: "Early bird", price: 1500, currency: "EUR" }),
    expect.objectContaining({ id: expect.any(String), name: "Regular", price: 2500, currency: "EUR" }),
  ]);
  const [earlyBird, regular] = product.variants;

  // Tickets with an id change, without one are added, left out are removed.
  const updated = await request.put(`/product-event/${event.id}`, {
    headers: auth(curatorKey),
    data: {
      title: "Neon Nights: Reloaded",
      tickets: [
        { id: regular.id, name: "Regular", price: 2800, currency: "EUR", quantity: 250 },
        { name: "VIP", price: 6000, currency: "EUR", quantity: 20 },
      ],
    },
  });
  expect(updated.status(), await updated.text()).toBe(200);
  const afterUpdate = await updated.json();
  expect(afterUpdate.event).toMatchObject({ title: "Neon Nights: Reloaded", version: event.version + 1 });
  expect(afterUpdate.product.variants.map((v: { name: string; price: number }) => [v.name, v.price])).toEqual([
    ["Regular", 2800],
    ["VIP", 6000],
  ]);
  expect(afterUpdate.product.variants.map((v: { id: string }) => v.id)).not.toContain(earlyBird.id);

  const details = await request.get(`/product-event/${event.id}/details`, { headers: auth(curatorKey) });
  expect(details.status()).toBe(200);
  const detailsBody = await details.json();
  expect(detailsBody.event).toMatchObject({ id: event.id, title: "Neon Nights: Reloaded" });
  expect(detailsBody.event.lineups).toEqual([expect.objectContaining({ title: "DJ Aurora", isHeadliner: true })]);
  expect(detailsBody.event.medias).toEqual([expect.objectContaining({ src: "https://cdn.example.com/neon.jpg" })]);
  expect(detailsBody.product.variants).toHaveLength(2);
  expect(detailsBody.stats).toEqual({ posts: 1, guests: 0, checkedIn: 0 });

  const related = await request.get(`/product-event/${event.id}/related-posts?limit=10`, { headers: auth(curatorKey) });
  expect(related.status()).toBe(200);
  expect(await related.json()).toEqual({ posts: [expect.objectContaining({ id: post.id })], nextCursor: null });
});

test("a promoter posts from the event and switches the post's sync off and on", async ({ request }) => {
  const { event } = await createEvent(request, { title: "Rooftop Sessions" });

  const fromEvent = await request.post("/posts/curator/from-event", {
    headers: auth(promoterKey),
    data: { eventId: event.id, caption: "Who's coming?" },
  });
  expect(fromEvent.status(), await fromEvent.text()).toBe(201);
  const { post } = await fromEvent.json();
  expect(post).toMatchObject({ createFromEventId: event.id, headline: "Rooftop Sessions", caption: "Who's coming?", syncEnabled: true });
  expect(post.ticketPrices).toHaveLength(2);

  const off = await request.post("/posts/curator/toggle-sync", {
    headers: auth(promoterKey),
    data: { postId: post.id, syncEnabled: false },
  });
  expect(off.status()).toBe(200);
  expect((await off.json()).post).toMatchObject({ id: post.id, syncEnabled: false });

  const on = await request.post("/posts/curator/toggle-sync", {
    headers: auth(promoterKey),
    data: { postId: post.id, syncEnabled: true },
  });
  expect(on.status()).toBe(200);
  expect((await on.json()).post).toMatchObject({ id: post.id, syncEnabled: true, syncedEventVersion: event.version });

  // Only the post's creator may switch it.
  await problem(
    await request.post("/posts/curator/toggle-sync", { headers: auth(curatorKey), data: { postId: post.id, syncEnabled: false } }),
    404,
    "NOT_FOUND",
  );
});

test("an illegal status move is a 409 problem naming the current status and the allowed moves", async ({ request }) => {
  const { event } = await createEvent(request);
  const paused = await request.put(`/product-event/${event.id}`, { headers: auth(curatorKey), data: { status: "ON_HOLD" } });
  expect(paused.status()).toBe(200);
  expect((await paused.json()).product.status).toBe("ARCHIVED");

  const body = await problem(
    await request.put(`/product-event/${event.id}`, { headers: auth(curatorKey), data: { status: "COMPLETED" } }),
    409,
    "ILLEGAL_TRANSITION",
  );
  expect(body).toMatchObject({ currentStatus: "ON_HOLD", allowedStatuses: ["UPCOMING", "CANCELED"] });
});

test("errors are problem+json: malformed id 400, unknown id 404, no key 401, invalid fields 400", async ({ request }) => {
  const malformed = await problem(await request.get("/product-event/not-a-uuid/details", { headers: auth(curatorKey) }), 400, "INVALID_INPUT");
  expect(malformed.errors).toEqual([{ path: "id", message: "must be a UUID" }]);

  await problem(await request.get(`/product-event/${randomUUID()}/details`, { headers: auth(curatorKey) }), 404, "NOT_FOUND");

  const anonymous = await request.post("/product-event/v2", { data: eventBody() });
  await problem(anonymous, 401, "UNAUTHENTICATED");
  expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);

  const invalid = await problem(
    await request.post("/product-event/v2", {
      headers: auth(curatorKey),
      data: eventBody({ status: "COMPLETED", endDate: "2027-03-12T20:00:00+01:00", tickets: [{ name: "GA", price: -5, quantity: 1 }] }),
    }),
    400,
    "INVALID_INPUT",
  );
  expect(JSON.stringify(invalid.errors)).toContain("status");
  expect(invalid.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["tickets.0.price"]));

  await problem(
    await request.post("/product-event/v2", {
      headers: { ...auth(curatorKey), "content-type": "application/json" },
      data: Buffer.from('{"title": "Neon",'), // a string would be sent as a JSON string
    }),
    400,
    "MALFORMED_JSON",
  );
  await problem(
    await request.post("/product-event/v2", {
      headers: { ...auth(curatorKey), "content-type": "text/plain" },
      data: "title=Neon",
    }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
  );
});

test("a method a route does not have is a 405, not an HTML page", async ({ request }) => {
  for (const response of [
    await request.get("/product-event/v2", { headers: auth(curatorKey) }),
    await request.post(`/product-event/${randomUUID()}`, { headers: auth(curatorKey), data: {} }),
  ]) {
    expect(response.status()).toBe(405);
    expect(response.headers()["content-type"] ?? "").not.toMatch(/html/);
    expect(await response.text()).not.toMatch(/<html/i);
  }
});

test("a retried POST with the same Idempotency-Key replays the first answer; another body is a 422", async ({ request }) => {
  const idempotencyKey = randomUUID();
  const headers = { ...auth(curatorKey), "idempotency-key": idempotencyKey };
  const data = eventBody({ title: `Retry ${idempotencyKey}` });

  const first = await request.post("/product-event/v2", { headers, data });
  expect(first.status()).toBe(201);
  expect(first.headers()["idempotent-replayed"]).toBeUndefined();
  const retry = await request.post("/product-event/v2", { headers, data });
  expect(retry.status()).toBe(201);
  expect(retry.headers()["idempotent-replayed"]).toBe("true");
  expect(await retry.text()).toBe(await first.text());

  const { event } = await first.json();
  const related = await request.get(`/product-event/${event.id}/related-posts`, { headers: auth(curatorKey) });
  expect((await related.json()).posts).toHaveLength(1); // one event, one auto-post

  await problem(await request.post("/product-event/v2", { headers, data: { ...data, title: "Something else" } }), 422, "IDEMPOTENCY_KEY_REUSED");
});

test("GET /openapi.json serves the OpenAPI 3.1 document of these routes", async ({ request }) => {
  const response = await request.get("/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/product-event/v2",
      "/product-event/{id}",
      "/product-event/{id}/details",
      "/product-event/{id}/related-posts",
      "/posts/curator/from-event",
      "/posts/curator/toggle-sync",
    ]),
  );
  expect(doc.paths["/product-event/v2"].post.requestBody.content["application/json"].schema).toEqual({
    $ref: "#/components/schemas/CreateEventRequest",
  });
  expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
});
