import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "../domain/api-keys/service";
import { AppError } from "../errors";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { restHandler } from "./handler";

const db = useTestDb();

async function userWithKey(role: Role) {
  const user = await db.user.create({
    data: { email: `${crypto.randomUUID()}@example.test`, name: "Rest Tester", role },
  });
  const { plaintext, apiKey } = await createApiKey(db, user.id, "test");
  return { user, key: plaintext, keyId: apiKey.id };
}

const ZTicketsBody = z.strictObject({
  title: z.string().min(1),
  tickets: z.array(z.strictObject({ name: z.string(), price: z.int().nonnegative() })).min(1),
});

const createSomething = restHandler({
  params: z.object({ id: z.uuid() }),
  body: ZTicketsBody,
  status: 201,
  roles: [Role.CURATOR, Role.ADMIN],
  handle: async ({ actor, params, body }) => ({ by: actor.email, id: params.id, title: body.title }),
});

const id = "7d1c0c36-7f43-4c8b-9a4c-2a3e8d7b6f10";

function call(
  handler: ReturnType<typeof restHandler>,
  {
    key,
    body,
    contentType = "application/json",
    params = { id },
  }: {
    key?: string;
    body?: string;
    contentType?: string | null;
    params?: Record<string, string>;
  },
) {
  const headers = new Headers();
  if (key) headers.set("authorization", `Bearer ${key}`);
  if (contentType) headers.set("content-type", contentType);
  const request = new Request(`http://localhost/product-event/${params.id}`, { method: "POST", headers, body });
  return handler(request, { params: Promise.resolve(params) });
}

async function problem(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status: response.status, type: expect.stringMatching(/^urn:marquee:problem:/) });
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at /); // no stack trace
  return body;
}

const valid = JSON.stringify({ title: "Night", tickets: [{ name: "GA", price: 2500 }] });

describe("REST helper", () => {
  it("answers with the service's result and status for a valid API key", async () => {
    const { key, user } = await userWithKey(Role.CURATOR);
    const response = await call(createSomething, { key, body: valid });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ by: user.email, id, title: "Night" });
  });

  it("refuses callers without credentials, with unknown keys and with revoked keys (401)", async () => {
    const { key, keyId, user } = await userWithKey(Role.CURATOR);
    const anonymous = await call(createSomething, { body: valid });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await problem(anonymous)).code).toBe("UNAUTHENTICATED");

    expect((await call(createSomething, { key: "mq_not-a-real-key", body: valid })).status).toBe(401);

    await revokeApiKey(db, { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" }, keyId);
    expect((await call(createSomething, { key, body: valid })).status).toBe(401);
  });

  it("refuses roles the route does not allow (403)", async () => {
    const { key } = await userWithKey(Role.PROMOTER);
    const response = await call(createSomething, { key, body: valid });
    expect(response.status).toBe(403);
    expect((await problem(response)).detail).toMatch(/curator/);
  });

  it("names every invalid field with its path (400)", async () => {
    const { key } = await userWithKey(Role.CURATOR);
    const response = await call(createSomething, {
      key,
      body: JSON.stringify({ title: "", tickets: [{ name: "GA", price: -1 }], status: "COMPLETED" }),
    });
    expect(response.status).toBe(400);
    const body = await problem(response);
    expect(body.code).toBe("INVALID_INPUT");
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["title", "tickets.0.price", "(body)"]));
    expect(JSON.stringify(body.errors)).toMatch(/status/); // the unknown key is named
  });

  it("refuses a malformed id in the path (400 naming `id`)", async () => {
    const { key } = await userWithKey(Role.CURATOR);
    const response = await call(createSomething, { key, body: valid, params: { id: "not-a-uuid" } });
    expect(response.status).toBe(400);
    expect((await problem(response)).errors).toEqual([expect.objectContaining({ path: "id" })]);
  });

  it("refuses malformed JSON (400), other content types (415) and huge bodies (413)", async () => {
    const { key } = await userWithKey(Role.CURATOR);
    const malformed = await call(createSomething, { key, body: '{"title": "Night",' });
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).code).toBe("MALFORMED_JSON");

    const form = await call(createSomething, { key, body: "title=Night", contentType: "text/plain" });
    expect(form.status).toBe(415);
    expect((await problem(form)).detail).toMatch(/application\/json/);

    const huge = await call(createSomething, { key, body: JSON.stringify({ title: "x".repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    await problem(huge);
  });

  it("maps domain errors through the error table and hides unexpected failures (500 without details)", async () => {
    const { key } = await userWithKey(Role.CURATOR);
    const conflict = restHandler({
      handle: async () => {
        throw new AppError("ILLEGAL_TRANSITION", "Event is COMPLETED", { extra: { allowed: [] } });
      },
    });
    const conflictResponse = await call(conflict, { key });
    expect(conflictResponse.status).toBe(409);
    expect(await problem(conflictResponse)).toMatchObject({ code: "ILLEGAL_TRANSITION", allowed: [] });

    const crashing = restHandler({
      handle: async () => {
        throw new Error("connection to 10.0.0.5 refused: password authentication failed");
      },
    });
    const crashed = await call(crashing, { key });
    expect(crashed.status).toBe(500);
    const body = await problem(crashed);
    expect(body.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.5|password/);
  });
});
