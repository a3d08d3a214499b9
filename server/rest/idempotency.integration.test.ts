// Idempotency-Key mechanics through restHandler, with a handler that counts its runs and writes
// a real row. The routes' own idempotency (POST /product-event/v2) is in product-event.integration.test.ts.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEvent } from "../../prisma/factories";
import { claimIdempotencyKey } from "../domain/idempotency/service";
import { AppError } from "../errors";
import { useTestDb } from "../testing/db";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";
import { restHandler } from "./handler";
import { requestHash } from "./idempotency";
import { toProblem } from "./problem";

const db = useTestDb();

const ZBody = z.strictObject({ title: z.string().min(1), delayMs: z.int().optional() });

/** A POST route whose handler creates an event (as the curator) and counts its runs. */
function countingRoute(fail?: (run: number) => AppError | Error | undefined) {
  let runs = 0;
  const handler = restHandler({
    body: ZBody,
    status: 201,
    handle: async ({ db, actor, body }) => {
      runs += 1;
      const failure = fail?.(runs);
      if (failure) throw failure;
      if (body.delayMs) await new Promise((resolve) => setTimeout(resolve, body.delayMs));
      const { event } = await createEvent(db, { curatorId: actor.userId, title: body.title });
      return { eventId: event.id, title: event.title, run: runs };
    },
  });
  return { handler, runs: () => runs };
}

const path = "/things";
const post = (handler: ReturnType<typeof countingRoute>["handler"], key: string, json: unknown, idempotencyKey?: string) =>
  callRoute(handler, { method: "POST", path, key, json, idempotencyKey });

async function eventCount(curatorId: string) {
  return db.event.count({ where: { curatorId } });
}

describe("Idempotency-Key", () => {
  it("replays the first answer byte for byte for the same key and body, without running again", async () => {
    const { user, key } = await userWithKey(db);
    const { handler, runs } = countingRoute();
    const idempotencyKey = crypto.randomUUID();

    const first = await post(handler, key, { title: "Night", delayMs: 0 }, idempotencyKey);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstText = await first.text();

    // The same body with its keys in another order is the same request.
    const again = await post(handler, key, { delayMs: 0, title: "Night" }, idempotencyKey);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toBe("application/json");
    expect(await again.text()).toBe(firstText);

    expect(runs()).toBe(1);
    expect(await eventCount(user.id)).toBe(1);
  });

  it("answers 422 when the key comes back with another body or for another route", async () => {
    const { user, key } = await userWithKey(db);
    const { handler, runs } = countingRoute();
    const idempotencyKey = crypto.randomUUID();
    expect((await post(handler, key, { title: "Night" }, idempotencyKey)).status).toBe(201);

    const otherBody = await post(handler, key, { title: "Day" }, idempotencyKey);
    expect((await expectProblem(otherBody, 422, "IDEMPOTENCY_KEY_REUSED")).detail).toMatch(/another request/);

    const otherPath = await callRoute(handler, {
      method: "POST",
      path: "/other",
      key,
      json: { title: "Night" },
      idempotencyKey,
    });
    await expectProblem(otherPath, 422, "IDEMPOTENCY_KEY_REUSED");
    expect(runs()).toBe(1);
    expect(await eventCount(user.id)).toBe(1);
  });

  it("keeps keys per caller: another user's same key is another request", async () => {
    const alice = await userWithKey(db);
    const bob = await userWithKey(db);
    const { handler, runs } = countingRoute();
    const idempotencyKey = "shared-key-1";
    const a = await post(handler, alice.key, { title: "Night" }, idempotencyKey);
    const b = await post(handler, bob.key, { title: "Night" }, idempotencyKey);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
    expect((await a.json()).eventId).not.toBe((await b.json()).eventId);
    expect(runs()).toBe(2);
  });

  it("refuses malformed keys with a 400 naming the header", async () => {
    const { user, key } = await userWithKey(db);
    const { handler, runs } = countingRoute();
    for (const bad of ["", "x".repeat(256), "tab\there"]) {
      const body = await expectProblem(await post(handler, key, { title: "Night" }, bad), 400, "INVALID_INPUT");
      expect(body.errors).toEqual([expect.objectContaining({ path: "Idempotency-Key" })]);
    }
    expect((await post(handler, key, { title: "Night" }, "x".repeat(255))).status).toBe(201);
    expect(runs()).toBe(1);
    expect(await eventCount(user.id)).toBe(1);
  });

  it("does not claim the key for a request that fails validation, so the corrected request runs", async () => {
    const { key } = await userWithKey(db);
    const { handler, runs } = countingRoute();
    const idempotencyKey = crypto.randomUUID();
    await expectProblem(await post(handler, key, { title: "" }, idempotencyKey), 400, "INVALID_INPUT");
    const fixed = await post(handler, key, { title: "Night" }, idempotencyKey);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("idempotent-replayed")).toBeNull();
    expect(runs()).toBe(1);
  });

  it("stores and replays 4xx answers of the handler", async () => {
    const { key } = await userWithKey(db);
    const { handler, runs } = countingRoute(() => new AppError("NOT_FOUND", "No such event"));
    const idempotencyKey = crypto.randomUUID();
    const first = await post(handler, key, { title: "Night" }, idempotencyKey);
    const firstBody = await expectProblem(first, 404, "NOT_FOUND");
    const replay = await post(handler, key, { title: "Night" }, idempotencyKey);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await expectProblem(replay, 404, "NOT_FOUND")).toEqual(firstBody);
    expect(runs()).toBe(1);
  });

  it("does not keep 5xx answers: the retry runs again and its answer is the one kept", async () => {
    const { user, key } = await userWithKey(db);
    const { handler, runs } = countingRoute((run) => (run === 1 ? new Error("database went away") : undefined));
    const idempotencyKey = crypto.randomUUID();
    await expectProblem(await post(handler, key, { title: "Night" }, idempotencyKey), 500, "INTERNAL");

    const retry = await post(handler, key, { title: "Night" }, idempotencyKey);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const replay = await post(handler, key, { title: "Night" }, idempotencyKey);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(await retry.json());
    expect(runs()).toBe(2);
    expect(await eventCount(user.id)).toBe(1);
  });

  it("runs concurrent duplicates once: the others wait and replay the first answer", async () => {
    const { user, key } = await userWithKey(db);
    const { handler, runs } = countingRoute();
    const idempotencyKey = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(handler, key, { title: "Rush", delayMs: 300 }, idempotencyKey)));
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(texts).size).toBe(1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
    expect(runs()).toBe(1);
    expect(await eventCount(user.id)).toBe(1);
  });

  it("answers 409 with Retry-After when the first request is still running at the deadline", async () => {
    const { user } = await userWithKey(db);
    const request = { userId: user.id, key: crypto.randomUUID(), requestHash: "h1" };
    expect((await claimIdempotencyKey(db, request)).kind).toBe("claimed");

    const started = Date.now();
    const error = await claimIdempotencyKey(db, request, { waitMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error).toBeInstanceOf(AppError);
    const response = toProblem(error);
    expect(response.headers.get("retry-after")).toBe("1");
    expect((await expectProblem(response, 409, "CONFLICT")).detail).toMatch(/still in progress/);
  });

  it("lets a retry take over a claim whose request died long ago", async () => {
    const { user, key } = await userWithKey(db);
    const { handler, runs } = countingRoute();
    const idempotencyKey = crypto.randomUUID();
    const json = { title: "Night" };
    const hash = requestHash(new Request(`http://localhost${path}`, { method: "POST" }), json);
    await db.idempotencyRecord.create({
      data: { userId: user.id, key: idempotencyKey, requestHash: hash, createdAt: new Date(Date.now() - 10 * 60_000) },
    });
    const response = await post(handler, key, json, idempotencyKey);
    expect(response.status).toBe(201);
    expect(runs()).toBe(1);
    const record = await db.idempotencyRecord.findUniqueOrThrow({
      where: { userId_key: { userId: user.id, key: idempotencyKey } },
    });
    expect(record.responseStatus).toBe(201);
  });

  it("ignores the header on other methods than POST", async () => {
    const { user, key } = await userWithKey(db);
    const get = restHandler({ handle: async () => ({ ok: true }) });
    const response = await callRoute(get, { path, key, idempotencyKey: "" });
    expect(response.status).toBe(200);
    expect(await db.idempotencyRecord.count({ where: { userId: user.id } })).toBe(0);
  });
});
