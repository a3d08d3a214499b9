// /api/inngest driven the way Inngest's executor drives it (Inngest's docs/SDK_SPEC.md): a
// sync (PUT), an introspection (GET), and call requests (POST ?fnId=<app>-<fn>&stepId=step
// with { event, events, steps, ctx }) repeated with the memoized step data until the function
// answers 200, against PostgreSQL. Dev mode (INNGEST_DEV=1) and signed cloud mode
// (INNGEST_SIGNING_KEY, X-Inngest-Signature HMAC) both; with neither, every request is a 500.
import { createHash, createHmac, randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { GET, POST, PUT } from "../app/api/inngest/route";
import { canonicalJson } from "../server/canonical-json";
import { db } from "../server/db";
import { updateEvent } from "../server/domain/events/update";
import { eventWithPosts, expectPostsCurrent } from "../server/testing/jobs";

// The serve handler fixes the Inngest server it syncs with when it is created: as in `INNGEST_DEV=1
// npm run dev`, the dev server's. (Each test below then sets the mode it is about.)
vi.hoisted(() => {
  process.env.INNGEST_DEV = "1";
});

// The SDK's own calls to an Inngest server (the out-of-band sync) go to this stand-in. The SDK
// keeps the fetch it first finds, so it is replaced before anything runs.
const inngestServer = vi.fn(async (_url: string, _init: RequestInit) => Response.json({ ok: true, modified: true }));
vi.stubGlobal("fetch", (url: string | URL, init: RequestInit) => inngestServer(String(url), init));

const SIGNING_KEY = `signkey-test-${"5e".repeat(32)}`;
const ORIGIN = "http://localhost:3000";

// The SDK merges process.env into its client on every request and never forgets a key, so
// each mode sets all three variables (empty = unset).
function useInngestEnv(vars: { INNGEST_DEV: string; INNGEST_SIGNING_KEY: string; INNGEST_EVENT_KEY: string }) {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const [key, value] of Object.entries(vars)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}

/** The SDK logs each refused request; where refusing is the point, the log is noise. */
function silenceSdkErrors() {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  return () => spy.mockRestore();
}

/** X-Inngest-Signature as Inngest sends it: t=<unix s>&s=hex(HMAC-SHA256(key, body + t)). */
function signature(body: string, key = SIGNING_KEY, at = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", key.replace(/^signkey-\w+-/, ""))
    .update(body + at)
    .digest("hex");
  return `t=${at}&s=${mac}`;
}

function request(method: string, path: string, { body, headers = {} }: { body?: string; headers?: Record<string, string> } = {}) {
  return new Request(`${ORIGIN}${path}`, {
    method,
    body,
    headers: { host: "localhost:3000", ...(body ? { "content-type": "application/json" } : {}), ...headers },
  }) as unknown as NextRequest;
}

/** Step ids on the wire: hex SHA-1 of the id the function gave its step (SDK_SPEC 5.1.2). */
const hashedStepId = (id: string) => createHash("sha1").update(id).digest("hex");

interface Op {
  id: string;
  op: string;
  data?: unknown;
  error?: unknown;
}

/**
 * Runs a function to completion as the executor does: a call request, then for every step the
 * SDK ran (206 with StepRun ops) another with that step's data memoized, until a 200.
 */
async function executeRun(fnId: string, event: { id: string; name: string; data: unknown }, sign = false) {
  const steps: Record<string, { data: unknown }> = {};
  const stack: string[] = [];
  const runId = `01J${randomUUID().replace(/-/g, "").slice(0, 23).toUpperCase()}`;
  const calls: Array<{ status: number; ops?: Op[] }> = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const body = canonicalJson({
      event: { ...event, ts: Date.now() },
      events: [{ ...event, ts: Date.now() }],
      steps,
      ctx: { run_id: runId, attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack, current: stack.length } },
      version: 2,
    });
    const response = await POST(
      request("POST", `/api/inngest?fnId=${fnId}&stepId=step`, {
        body,
        headers: { "x-inngest-server-kind": sign ? "cloud" : "dev", ...(sign ? { "x-inngest-signature": signature(body) } : {}) },
      }),
      undefined,
    );
    const text = await response.text();
    if (response.status === 200) {
      calls.push({ status: 200 });
      return { result: JSON.parse(text), calls, response };
    }
    expect(response.status, text).toBe(206);
    const ops = JSON.parse(text) as Op[];
    calls.push({ status: 206, ops });
    for (const op of ops) {
      expect(op.op).toBe("StepRun");
      steps[op.id] = { data: op.data };
      stack.push(op.id);
    }
  }
  throw new Error("the function did not finish in 5 calls");
}

async function updatedEventMessage() {
  const { curator, event, frozen } = await eventWithPosts(db, { promoters: 2, unsynced: 1 });
  await updateEvent(db, curator, event.id, { title: `Over the wire ${event.id.slice(0, 6)}` });
  const message = await db.outboxMessage.findFirstOrThrow({
    where: { name: "event.updated", payload: { path: ["eventId"], equals: event.id } },
  });
  return { event, frozen, message: { id: message.id, name: message.name, data: message.payload } };
}

describe("/api/inngest without any Inngest configured", () => {
  useInngestEnv({ INNGEST_DEV: "0", INNGEST_SIGNING_KEY: "", INNGEST_EVENT_KEY: "" });

  it("answers every request with a 500 (the jobs run in-process instead)", async () => {
    onTestFinished(silenceSdkErrors());
    const { event, message } = await updatedEventMessage();
    const body = JSON.stringify({ event: message, events: [message], steps: {}, ctx: { run_id: "r", attempt: 0 } });
    const answers = await Promise.all([
      GET(request("GET", "/api/inngest"), undefined),
      PUT(request("PUT", "/api/inngest"), undefined),
      POST(request("POST", "/api/inngest?fnId=marquee-post-sync&stepId=step", { body }), undefined),
    ]);
    expect(answers.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(await db.post.count({ where: { createFromEventId: event.id, syncedEventVersion: 2 } })).toBe(0);
  });
});

describe("/api/inngest with the Inngest dev server (INNGEST_DEV=1)", () => {
  useInngestEnv({ INNGEST_DEV: "1", INNGEST_SIGNING_KEY: "", INNGEST_EVENT_KEY: "" });

  it("describes itself on GET", async () => {
    const response = await GET(request("GET", "/api/inngest"), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ function_count: 19, mode: "dev", has_signing_key: false });
  });

  it("syncs on PUT: registers the app's functions, their triggers, retries and concurrency with the Inngest server", async () => {
    inngestServer.mockClear();
    const response = await PUT(request("PUT", "/api/inngest"), undefined);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ message: "Successfully registered", modified: true });

    expect(inngestServer).toHaveBeenCalledTimes(1);
    const [url, init] = inngestServer.mock.calls[0]!;
    expect(url).toMatch(/^http:\/\/localhost:8288\/fn\/register/);
    const registration = JSON.parse(init.body as string);
    expect(registration).toMatchObject({ appName: "marquee", deployType: "ping", url: `${ORIGIN}/api/inngest`, v: "0.1" });
    const byId = Object.fromEntries(registration.functions.map((fn: { id: string }) => [fn.id, fn]));
    // shopify-push's give-up handler is a function of its own, run when its tries are used up.
    expect(Object.keys(byId).sort()).toEqual([
      "marquee-completion-sweep",
      "marquee-guest-notices",
      "marquee-hold-expiry",
      "marquee-mail-send",
      "marquee-mail-send-failure",
      "marquee-message-deliver",
      "marquee-message-deliver-failure",
      "marquee-notices-sweep",
      "marquee-post-sync",
      "marquee-product-status",
      "marquee-shopify-push",
      "marquee-shopify-push-failure",
      "marquee-webhook-retry",
      "marquee-webhook-send",
      "marquee-webhooks-event-created",
      "marquee-webhooks-event-status-changed",
      "marquee-webhooks-event-updated",
      "marquee-webhooks-guest-checked-in",
      "marquee-webhooks-order-paid",
    ]);
    expect(byId["marquee-shopify-push-failure"].triggers).toEqual([
      { event: "inngest/function.failed", expression: "event.data.function_id == 'marquee-shopify-push'" },
    ]);
    expect(byId["marquee-post-sync"]).toMatchObject({
      triggers: [{ event: "event.updated" }],
      concurrency: [{ key: "event.data.eventId", limit: 1 }],
      // The job's 8 tries: the first and 7 retries (the SDK registers the retries under `attempts`).
      steps: {
        step: { id: "step", runtime: { type: "http", url: `${ORIGIN}/api/inngest?fnId=marquee-post-sync&stepId=step` }, retries: { attempts: 7 } },
      },
    });
    expect(byId["marquee-shopify-push"].triggers).toEqual([
      { event: "event.created" },
      { event: "event.updated" },
      { event: "event.status.changed" },
      { event: "event.deleted" },
      { event: "tickets.availability.changed" },
    ]);
    expect(byId["marquee-product-status"].triggers).toEqual([{ event: "event.status.changed" }]);
    expect(byId["marquee-completion-sweep"]).toMatchObject({ triggers: [{ cron: "*/5 * * * *" }], concurrency: 1 });
    expect(byId["marquee-hold-expiry"]).toMatchObject({ triggers: [{ cron: "*/1 * * * *" }], concurrency: 1 });
    expect(byId["marquee-mail-send"]).toMatchObject({
      triggers: [{ event: "mail.queued" }],
      concurrency: [{ key: "event.data.mailId", limit: 1 }],
      steps: { step: { retries: { attempts: 9 } } },
    });
  });

  it("runs post sync on the executor's call requests, end to end against PostgreSQL", async () => {
    const { event, frozen, message } = await updatedEventMessage();
    const { result, calls } = await executeRun("marquee-post-sync", message);

    // First call: the SDK ran the one step at once and reported it; second: the function's answer.
    expect(calls.map((c) => c.status)).toEqual([206, 200]);
    expect(calls[0]!.ops).toEqual([
      expect.objectContaining({ id: hashedStepId("post-sync"), op: "StepRun", data: expect.objectContaining({ status: "DONE" }) }),
    ]);
    expect(result).toEqual({ status: "DONE", detail: "3 posts brought to version 2", data: { eventVersion: 2, posts: 3, media: 0 } }); // a title change: images untouched
    const { posts } = await expectPostsCurrent(db, event.id);
    expect(posts.every((p) => p.title.startsWith("Over the wire"))).toBe(true);
    expect((await db.post.findUniqueOrThrow({ where: { id: frozen[0]!.id } })).title).toBe(event.title);

    // The executor retrying the same run (say its answer got lost) writes nothing new.
    const again = await executeRun("marquee-post-sync", message);
    expect(again.result).toMatchObject({ status: "DONE", data: { posts: 0 } });
  });

  it("records on the product that Shopify pushes were given up, when Inngest reports shopify-push failed", async () => {
    const { event, product } = await eventWithPosts(db, { promoters: 0, unsynced: 0 });
    const created = await db.outboxMessage.findFirstOrThrow({
      where: { name: "event.created", payload: { path: ["eventId"], equals: event.id } },
    });
    const original = { id: created.id, name: created.name, data: created.payload, ts: Date.now() };
    const failed = {
      id: randomUUID(),
      name: "inngest/function.failed",
      data: {
        function_id: "marquee-shopify-push",
        run_id: "01JFAILEDRUN",
        error: { name: "ShopifyTransientError", message: "Shopify answered 503 eight times" },
        event: original,
      },
    };
    const { result } = await executeRun("marquee-shopify-push-failure", failed);
    expect(result).toBeNull();
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      shopifyStatus: "FAILED",
      shopifyError: expect.stringContaining("Shopify answered 503 eight times"),
    });
  });

  it("answers 500 for a function it does not serve", async () => {
    onTestFinished(silenceSdkErrors());
    const body = JSON.stringify({ event: { name: "x", data: {} }, events: [], steps: {}, ctx: { run_id: "r", attempt: 0 } });
    const response = await POST(request("POST", "/api/inngest?fnId=marquee-nope&stepId=step", { body }), undefined);
    expect(response.status).toBe(500);
  });
});

describe("/api/inngest with Inngest Cloud or a self-hosted Inngest (signing key)", () => {
  useInngestEnv({ INNGEST_DEV: "0", INNGEST_SIGNING_KEY: SIGNING_KEY, INNGEST_EVENT_KEY: "test-event-key" });

  it("runs a call request whose X-Inngest-Signature is right, and signs its answer", async () => {
    const { event, message } = await updatedEventMessage();
    const { result, response } = await executeRun("marquee-post-sync", message, true);
    expect(result).toMatchObject({ status: "DONE", data: { posts: 3 } });
    expect(response.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    await expectPostsCurrent(db, event.id);
  });

  it("refuses a call request with a wrong, stale or missing signature, and runs nothing", async () => {
    onTestFinished(silenceSdkErrors());
    const { event, message } = await updatedEventMessage();
    const body = canonicalJson({
      event: message,
      events: [message],
      steps: {},
      ctx: { run_id: "01JREFUSED", attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } },
      version: 2,
    });
    const path = "/api/inngest?fnId=marquee-post-sync&stepId=step";
    const attempts = {
      wrongKey: signature(body, `signkey-test-${"ab".repeat(32)}`),
      tampered: signature(body.replace('"attempt":0', '"attempt":1')),
      stale: signature(body, SIGNING_KEY, Math.floor(Date.now() / 1000) - 10 * 60),
      missing: undefined,
    };
    for (const [name, sig] of Object.entries(attempts)) {
      const response = await POST(request("POST", path, { body, headers: sig ? { "x-inngest-signature": sig } : {} }), undefined);
      expect(response.status, name).toBe(401);
    }
    expect(await db.post.count({ where: { createFromEventId: event.id, syncedEventVersion: 2 } })).toBe(0);
  });

  it("syncs in band on a signed PUT, answering the functions it serves", async () => {
    const body = canonicalJson({ url: `${ORIGIN}/api/inngest` });
    const response = await PUT(
      request("PUT", "/api/inngest", { body, headers: { "x-inngest-sync-kind": "in_band", "x-inngest-signature": signature(body) } }),
      undefined,
    );
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer).toMatchObject({ app_id: "marquee", url: `${ORIGIN}/api/inngest`, inspection: { authentication_succeeded: true, mode: "cloud" } });
    expect(answer.functions.map((fn: { id: string }) => fn.id)).toContain("marquee-post-sync");
    expect(answer.functions).toHaveLength(19);

    onTestFinished(silenceSdkErrors());
    const unsigned = await PUT(request("PUT", "/api/inngest", { body, headers: { "x-inngest-sync-kind": "in_band" } }), undefined);
    expect(unsigned.status).toBe(401);
  });
});
