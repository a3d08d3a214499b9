// A write's jobs start as soon as it commits, not at the worker's next poll: every outbox write
// NOTIFYs (at COMMIT), and workers LISTEN, in this process or another. The worker here polls
// once a minute, so a job that runs within seconds ran because it was woken; each test first
// shows it is not run unwoken.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/(rest)/openapi.json/route";
import { POST as createEventRoute } from "@/app/(rest)/product-event/v2/route";
import { Role } from "../../generated/prisma/enums";
import { eventWithPosts, useScratchDb } from "../../testing/jobs";
import { createEventBody } from "../../testing/events";
import { callRoute, userWithKey } from "../../testing/rest";
import { useTestDb } from "../../testing/db";
import { updateEvent } from "../events/update";
import { addToOutbox } from "../outbox/service";
import { drainJobs } from "./runner";
import { startBackgroundWorker, type BackgroundWorker } from "./worker";

// The REST routes write to the test database; the worker runs on a database of its own, and
// listens for the outbox writes of the test database (so its own jobs' writes do not wake it).
const db = useTestDb();
const scratch = useScratchDb("wake");
let worker: BackgroundWorker;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  worker = startBackgroundWorker({
    db: scratch.db,
    mode: "in-process",
    pollMs: 60_000,
    listenUrl: process.env.DATABASE_URL!,
    log: { info() {}, error: console.error },
  });
  await sleep(300); // its first round found nothing: it now waits a minute
});

afterAll(async () => {
  await worker.stop();
});

/** An event of the worker's database whose title just changed: its post sync is pending. */
async function pendingPostSync() {
  const { curator, event, autoPost } = await eventWithPosts(scratch.db, { promoters: 1, unsynced: 0 });
  await drainJobs(scratch.db);
  const { event: updated } = await updateEvent(scratch.db, curator, event.id, { title: `Renamed ${event.id.slice(0, 8)}` });
  const syncedVersion = async () => (await scratch.db.post.findUniqueOrThrow({ where: { id: autoPost.id } })).syncedEventVersion;
  return { version: updated.version, syncedVersion };
}

async function within(ms: number, done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(50);
  }
  return done();
}

describe("waking the background worker", () => {
  it("is woken by a statement that wrote an outbox message, not by one that wrote none (a scan that announces nothing)", async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (notification) => heard.push(notification.channel));
    await listener.query("LISTEN outbox_message");
    const name = `wake-test-${randomUUID()}`;
    const writeIf = (write: boolean) =>
      db.$executeRaw`INSERT INTO "OutboxMessage" (id, name, payload) SELECT gen_random_uuid(), ${name}, '{}'::jsonb WHERE ${write}`;
    expect(await writeIf(false)).toBe(0);
    await sleep(300);
    expect(heard).toEqual([]);
    expect(await writeIf(true)).toBe(1);
    expect(await within(2_000, async () => heard.length === 1)).toBe(true);
    await listener.end();
    await db.outboxMessage.deleteMany({ where: { name } });
  });

  it("runs a committed write's jobs at once when woken, and only at its next poll otherwise", async () => {
    const { version, syncedVersion } = await pendingPostSync();
    expect(await within(1_500, async () => (await syncedVersion()) === version)).toBe(false);

    // An outbox write that rolls back wakes nobody: its NOTIFY is dropped with it.
    const message = { eventIds: [randomUUID()] };
    const rollback = new Error("rolled back");
    await expect(
      db.$transaction(async (tx) => {
        await addToOutbox(tx, "event.completed", message);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await within(1_500, async () => (await syncedVersion()) === version)).toBe(false);

    await addToOutbox(db, "event.completed", message);
    expect(await within(5_000, async () => (await syncedVersion()) === version)).toBe(true);
    await db.outboxMessage.deleteMany({ where: { payload: { equals: message } } });
  });

  it("is woken by a successful REST write, not by a read", async () => {
    const { version, syncedVersion } = await pendingPostSync();
    const read = await callRoute(openApiRoute, { path: "/openapi.json" });
    expect(read.status).toBe(200);
    expect(await within(1_500, async () => (await syncedVersion()) === version)).toBe(false);

    const { key } = await userWithKey(db, Role.CURATOR);
    const write = await callRoute(createEventRoute, { method: "POST", path: "/product-event/v2", key, json: createEventBody() });
    expect(write.status, await write.clone().text()).toBe(201);
    expect(await within(5_000, async () => (await syncedVersion()) === version)).toBe(true);
  });
});
