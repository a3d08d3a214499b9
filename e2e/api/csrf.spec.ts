// Cross-site request forgery against the running app, with a real session cookie: a form or a
// text/plain POST from another site (or a sibling origin on the same site, where a SameSite=Lax
// cookie is still sent) must change nothing, at the tRPC endpoint, the REST routes and uploads.
// The controls show the same requests from the app's own origin do act, so the refusals are
// the origin check at work and not a broken session.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { apiKeyFor } from "./helpers";

test.describe.configure({ mode: "serial" });

const email = `csrf-${randomUUID()}@example.com`;
/** A page of the attacker's on another port of the same host: cross-origin, but same-site. */
const SIBLING_ORIGIN = "http://127.0.0.1:4777";

let appOrigin: string;
let context: BrowserContext;
let session: APIRequestContext;
let eventId: string;

/** Everything of the signed-in curator's in the database, as text: equal means nothing changed. */
async function curatorRows(): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ rows: string }>(
      `SELECT json_build_object(
         'user', row_to_json(u),
         'merchant', (SELECT json_agg(m ORDER BY m.id) FROM "Merchant" m WHERE m.owner_id = u.id),
         'events', (SELECT json_agg(e ORDER BY e.id) FROM "Event" e WHERE e.curator_id = u.id),
         'posts', (SELECT json_agg(p ORDER BY p.id) FROM "Post" p WHERE p.creator_id = u.id),
         'apiKeys', (SELECT json_agg(k ORDER BY k.id) FROM "ApiKey" k WHERE k.user_id = u.id),
         'guests', (SELECT json_agg(g ORDER BY g.id) FROM "EventGuest" g WHERE g.user_id = u.id),
         'groups', (SELECT json_agg(g ORDER BY g.id) FROM "EventGuestGroup" g WHERE g.user_id = u.id),
         'idempotency', (SELECT json_agg(i ORDER BY i.id) FROM "IdempotencyRecord" i WHERE i.user_id = u.id)
       )::text AS rows
       FROM "User" u WHERE u.email = $1`,
      [email],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!.rows;
  } finally {
    await client.end();
  }
}

/** What the app's own pages send: their origin, and the browser's word that it is the same. */
const sameOrigin = () => ({ origin: appOrigin, "sec-fetch-site": "same-origin" });

/** A tRPC mutation as the app's pages call it (JSON, superjson's envelope). */
async function trpcMutation(path: string, input: unknown) {
  return session.post(`/api/trpc/${path}`, { headers: { ...sameOrigin(), "content-type": "application/json" }, data: { json: input } });
}

async function shopifyConnected(): Promise<boolean> {
  const response = await session.get(`/api/trpc/shopify.connection`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).result.data.json.connected;
}

test.beforeAll(async ({ browser }, testInfo) => {
  appOrigin = new URL(testInfo.project.use.baseURL!).origin;
  apiKeyFor(email); // creates the curator (with a merchant) whose session is attacked
  context = await browser.newContext({ baseURL: appOrigin });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.close();
  session = context.request; // shares the browser context's cookies
  const connected = await trpcMutation("shopify.connect", { shopDomain: "csrf-test.myshopify.com", adminToken: "shpat_csrf_test" });
  expect(connected.status(), await connected.text()).toBe(200);
  const created = await trpcMutation("events.create", {
    title: "CSRF target",
    startDate: "2027-06-01T20:00:00+02:00",
    venue: "Halle",
    location: "Berlin",
    tickets: [{ name: "GA", price: 1000, quantity: 10 }],
  });
  expect(created.status(), await created.text()).toBe(200);
  eventId = (await created.json()).result.data.json.event.id;
});

test.afterAll(async () => {
  await context?.close();
});

test("the session cookie is HttpOnly and SameSite=Lax", async () => {
  const cookie = (await context.cookies(appOrigin)).find((c) => /authjs\.session-token$/.test(c.name));
  expect(cookie, "a session cookie after signing in").toBeDefined();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
});

/** Bodies an HTML form (or a no-cors fetch) can send from another site: no JSON content type. */
function formBodies(input: Record<string, string>): {
  kind: string;
  options: { headers?: Record<string, string>; data?: string; form?: Record<string, string>; multipart?: Record<string, string> };
}[] {
  const asJsonText = `${JSON.stringify({ json: input }).slice(0, -1)},"x":"=}`;
  return [
    { kind: "text/plain", options: { headers: { "content-type": "text/plain" }, data: asJsonText } },
    { kind: "urlencoded", options: { form: input } },
    { kind: "multipart", options: { multipart: input } },
  ];
}

/** How a cross-site request shows itself: its Origin, the browser's Sec-Fetch-Site, or both. */
const CROSS_SITE_HEADERS: Record<string, string>[] = [
  { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
  { origin: SIBLING_ORIGIN, "sec-fetch-site": "same-site" },
  { origin: "null" },
  { "sec-fetch-site": "cross-site" },
  { origin: "https://attacker.example" },
];

test("forged cross-site POSTs with the session cookie are refused (403) and change nothing", async () => {
  const targets: { path: string; input: Record<string, string> }[] = [
    { path: "/api/trpc/events.create", input: { title: "Forged", startDate: "2027-01-01T20:00:00Z", venue: "V", location: "L" } },
    { path: "/api/trpc/apiKeys.create", input: { name: "forged key" } },
    { path: "/api/trpc/posts.fromEvent", input: { eventId } },
    { path: "/api/trpc/shopify.disconnect", input: {} },
    { path: "/product-event/v2", input: { title: "Forged" } },
    { path: "/posts/curator/from-event", input: { eventId } },
    { path: "/product-event/guests", input: { firstName: "Forged", lastName: "Guest" } },
  ];
  const before = await curatorRows();
  for (const target of targets) {
    for (const { kind, options } of formBodies(target.input)) {
      for (const crossSite of CROSS_SITE_HEADERS) {
        const response = await session.post(target.path, { ...options, headers: { ...options.headers, ...crossSite } });
        const what = `${target.path} as ${kind} with ${JSON.stringify(crossSite)}: ${await response.text()}`;
        // tRPC itself answers 415 to text/plain and urlencoded before anything else; the rest
        // (multipart, which tRPC takes, and every REST route) meet the origin check.
        if (target.path.startsWith("/api/trpc/") && kind !== "multipart") expect([403, 415], what).toContain(response.status());
        else {
          expect(response.status(), what).toBe(403);
          expect(await response.text(), what).toMatch(/Cross-site request refused/);
        }
      }
    }
  }
  // Uploads take multipart from the app's own page; from anywhere else they are refused too.
  for (const crossSite of CROSS_SITE_HEADERS) {
    const response = await session.post("/api/uploads", {
      headers: crossSite,
      multipart: { file: { name: "poster.png", mimeType: "image/png", buffer: Buffer.from("not even an image") } },
    });
    expect(response.status(), JSON.stringify(crossSite)).toBe(403);
  }
  expect(await curatorRows()).toBe(before);
  expect(await shopifyConnected()).toBe(true);
});

test("(control) API-key callers are not browsers: a partner's script with any Origin is served", async ({ request }) => {
  const key = apiKeyFor(`csrf-partner-${randomUUID()}@example.com`);
  const response = await request.post("/product-event/guests", {
    headers: { authorization: `Bearer ${key}`, origin: "https://partner.example", "sec-fetch-site": "cross-site" },
    data: { firstName: "Partner", lastName: "Guest" },
  });
  expect(response.status(), await response.text()).toBe(201);
});

test("(control) the same session acts from the app's own origin, a multipart form included", async () => {
  const before = await curatorRows();
  const key = await trpcMutation("apiKeys.create", { name: "same-origin key" });
  expect(key.status(), await key.text()).toBe(200);
  // REST with the session cookie, as a page's fetch sends it.
  const guest = await session.post("/product-event/guests", { headers: sameOrigin(), data: { firstName: "Real", lastName: "Guest" } });
  expect(guest.status(), await guest.text()).toBe(201);
  expect(await curatorRows()).not.toBe(before);
  // A multipart body is no obstacle to tRPC: only the origin check stops the forged one above.
  const disconnected = await session.post("/api/trpc/shopify.disconnect", { headers: sameOrigin(), multipart: { x: "1" } });
  expect(disconnected.status(), await disconnected.text()).toBe(200);
  expect(await shopifyConnected()).toBe(false);
  const reconnected = await trpcMutation("shopify.connect", { shopDomain: "csrf-test.myshopify.com", adminToken: "shpat_csrf_test" });
  expect(reconnected.status()).toBe(200);
});

/** An attacker's page: a form that posts itself to the app as soon as it loads. */
function selfSubmittingForm(action: string) {
  return `<!doctype html><title>Win a ticket</title>
    <form id="f" method="POST" enctype="multipart/form-data" action="${action}"><input name="x" value="1"></form>
    <script>document.getElementById("f").submit()</script>`;
}

test("a page on a sibling origin that auto-submits a form changes nothing; the same page on the app's origin does (control)", async () => {
  const target = `${appOrigin}/api/trpc/shopify.disconnect`;
  const page = await context.newPage();
  try {
    await page.route(`${SIBLING_ORIGIN}/**`, (route) => route.fulfill({ contentType: "text/html", body: selfSubmittingForm(target) }));
    await page.route(`${appOrigin}/csrf-control`, (route) => route.fulfill({ contentType: "text/html", body: selfSubmittingForm(target) }));

    const before = await curatorRows();
    const [attack] = await Promise.all([page.waitForResponse(target), page.goto(`${SIBLING_ORIGIN}/win-a-ticket`)]);
    expect(attack.request().headers()["cookie"] ?? (await attack.request().allHeaders())["cookie"], "the browser sent the session cookie").toMatch(
      /authjs\.session-token/,
    );
    expect(attack.status()).toBe(403);
    expect(await curatorRows()).toBe(before);
    expect(await shopifyConnected()).toBe(true);

    const [control] = await Promise.all([page.waitForResponse(target), page.goto(`${appOrigin}/csrf-control`)]);
    expect(control.status(), await control.text()).toBe(200);
    expect(await shopifyConnected()).toBe(false);
  } finally {
    await page.close();
  }
});
