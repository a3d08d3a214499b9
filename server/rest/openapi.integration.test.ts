// The OpenAPI document: served, complete (every route file is in it and every entry has a route
// file), internally consistent, and true: requests it describes as valid are accepted, and the
// answers the routes really give match the schemas it documents (checked with Ajv, a JSON
// Schema validator independent of zod).
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/(rest)/openapi.json/route";
import { PUT as updateEventRoute } from "@/app/(rest)/product-event/[id]/route";
import { GET as eventDetailsRoute } from "@/app/(rest)/product-event/[id]/details/route";
import { GET as relatedPostsRoute } from "@/app/(rest)/product-event/[id]/related-posts/route";
import { POST as createEventRoute } from "@/app/(rest)/product-event/v2/route";
import { POST as fromEventRoute } from "@/app/(rest)/posts/curator/from-event/route";
import { POST as toggleSyncRoute } from "@/app/(rest)/posts/curator/toggle-sync/route";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { callRoute, restRouteFiles, userWithKey } from "../testing/rest";
import { restRoutes, type RestRoute } from "./routes";

const db = useTestDb();

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters: { name?: string; $ref?: string }[]; responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme?: string }> };
};

async function fetchDocument(): Promise<{ response: Response; doc: Doc }> {
  const response = await callRoute(openApiRoute, { path: "/openapi.json" });
  return { response, doc: JSON.parse(await response.clone().text()) };
}

/** Validators for `#/components/schemas/<name>` of the served document. */
async function validators() {
  const { doc } = await fetchDocument();
  const ajv = new Ajv2020({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, "openapi");
  return (name: string) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
    if (!validate) throw new Error(`no schema ${name} in the document`);
    return (value: unknown) => {
      const ok = validate(value) as boolean;
      return ok ? "valid" : JSON.stringify(validate.errors);
    };
  };
}

describe("GET /openapi.json", () => {
  it("serves an OpenAPI 3.1.0 document as JSON, without credentials", async () => {
    const { response, doc } = await fetchDocument();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("documents exactly the routes that exist: every route file's methods, every registry entry", async () => {
    const { doc } = await fetchDocument();
    const onDisk = new Map([...(await restRouteFiles())].map(([p, handlers]) => [p, Object.keys(handlers)]));
    const documented = new Map(
      Object.entries(doc.paths).map(([p, ops]) => [
        p,
        Object.keys(ops)
          .map((m) => m.toUpperCase())
          .sort(),
      ]),
    );
    expect(new Map([...onDisk].map(([p, ms]) => [p, [...ms].sort()]))).toEqual(documented);
    for (const route of Object.values(restRoutes)) {
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
    expect(onDisk.get("/product-event/v2")).toEqual(["POST"]);
  });

  it("resolves every $ref and documents problems, credentials and Idempotency-Key per operation", async () => {
    const { doc } = await fetchDocument();
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref!.split("/").reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
    for (const route of Object.values(restRoutes) as RestRoute[]) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      expect(Object.keys(op.responses)).toContain(String(route.status));
      expect(Object.keys(op.responses)).toContain("400");
      if (route.auth === "optional") expect(op.security).toEqual([]);
      else expect(Object.keys(op.responses)).toContain("401");
      const idempotency = op.parameters.some((p) => p.$ref === "#/components/parameters/IdempotencyKey");
      expect(idempotency, `${route.method} ${route.path}`).toBe(route.method === "POST");
    }
    const related = doc.paths["/product-event/{id}/related-posts"]!.get!;
    expect(related.parameters.map((p) => p.name)).toEqual(["id", "limit", "cursor"]);
  });

  it("describes request bodies that accept valid requests and refuse invalid ones", async () => {
    const validate = await validators();
    const createEvent = validate("CreateEventRequest");
    const valid = {
      title: "Neon Nights",
      startDate: "2027-03-12T22:00:00+01:00",
      venue: "Halle Süd",
      location: "Revaler Str. 99, Berlin",
      poster: [{ src: "https://cdn.example.com/neon.jpg" }],
      tickets: [{ name: "GA", price: 2500, currency: "EUR", quantity: 100 }],
      lineups: [{ title: "DJ Aurora", isHeadliner: true }],
      addressRevealConfig: { hoursBeforeStart: 24 },
    };
    expect(createEvent(valid)).toBe("valid");
    expect(createEvent({ ...valid, curatorId: "x" })).not.toBe("valid");
    expect(createEvent({ ...valid, tickets: [] })).not.toBe("valid");
    expect(createEvent({ ...valid, tickets: [{ name: "GA", price: -1, quantity: 1 }] })).not.toBe("valid");
    expect(createEvent({ ...valid, startDate: "2027-03-12T22:00:00" })).not.toBe("valid");

    const update = validate("UpdateEventRequest");
    expect(update({ title: "New", status: "ON_HOLD", tickets: [{ id: crypto.randomUUID(), name: "GA", price: 0, quantity: 1 }] })).toBe("valid");
    expect(update({ version: 3 })).not.toBe("valid");
    expect(update({ createPost: true })).not.toBe("valid");

    expect(validate("CreatePostFromEventRequest")({ eventId: crypto.randomUUID() })).toBe("valid");
    expect(validate("CreatePostFromEventRequest")({ eventId: "nope" })).not.toBe("valid");
    expect(validate("ToggleSyncRequest")({ postId: crypto.randomUUID(), syncEnabled: false })).toBe("valid");
    expect(validate("ToggleSyncRequest")({ postId: crypto.randomUUID() })).not.toBe("valid");
  });

  it("matches what the routes really answer, success and problem alike", async () => {
    const validate = await validators();
    const curator = await userWithKey(db, Role.CURATOR);
    const promoter = await userWithKey(db, Role.PROMOTER);

    const created = await callRoute(createEventRoute, {
      method: "POST",
      path: "/product-event/v2",
      key: curator.key,
      json: {
        title: "Neon Nights",
        startDate: "2027-03-12T22:00:00+01:00",
        venue: "Halle Süd",
        location: "Revaler Str. 99, Berlin",
        poster: [{ src: "https://cdn.example.com/neon.jpg" }],
        tickets: [{ name: "GA", price: 2500, quantity: 100 }],
        lineups: [{ title: "DJ Aurora", isHeadliner: true, poster: { src: "/a.png" } }],
        isAddressRevealEnabled: true,
        addressRevealConfig: { revealAt: "2027-03-12T12:00:00+01:00" },
        isTaxEnabled: true,
        taxConfig: { label: "VAT", rateBasisPoints: 1900, included: true },
      },
    });
    const createdBody = await created.json();
    expect(created.status).toBe(201);
    expect(validate("CreateEventResponse")(createdBody)).toBe("valid");
    // (control) the check does catch an answer that differs from the document
    expect(validate("CreateEventResponse")({ ...createdBody, event: { ...createdBody.event, version: "1" } })).not.toBe("valid");
    const id = createdBody.event.id as string;

    const updated = await callRoute(updateEventRoute, {
      method: "PUT",
      path: `/product-event/${id}`,
      key: curator.key,
      json: { title: "Neon Nights II" },
      params: { id },
    });
    expect(validate("UpdateEventResponse")(await updated.json())).toBe("valid");

    const details = await callRoute(eventDetailsRoute, { path: `/product-event/${id}/details`, key: curator.key, params: { id } });
    expect(validate("GetEventDetailsResponse")(await details.json())).toBe("valid");

    const fromEvent = await callRoute(fromEventRoute, {
      method: "POST",
      path: "/posts/curator/from-event",
      key: promoter.key,
      json: { eventId: id, caption: "Come" },
    });
    const { post } = await fromEvent.json();
    expect(validate("PostResult")({ post })).toBe("valid");

    const toggled = await callRoute(toggleSyncRoute, {
      method: "POST",
      path: "/posts/curator/toggle-sync",
      key: promoter.key,
      json: { postId: post.id, syncEnabled: false },
    });
    expect(validate("PostResult")(await toggled.json())).toBe("valid");

    const related = await callRoute(relatedPostsRoute, {
      path: `/product-event/${id}/related-posts?limit=1`,
      key: curator.key,
      params: { id },
    });
    expect(validate("ListRelatedPostsResponse")(await related.json())).toBe("valid");

    const problem = await callRoute(updateEventRoute, {
      method: "PUT",
      path: `/product-event/${id}`,
      key: curator.key,
      json: { status: "UPCOMING", tickets: [] },
      params: { id },
    });
    expect(problem.status).toBe(400);
    expect(validate("Problem")(await problem.json())).toBe("valid");
  });
});
