// "A database dump holds no plaintext key": API keys made every way the app makes them (the
// service, the tRPC settings page, `npm run api-key`) and used, and a merchant's Shopify Admin
// API token connected and pushed with (successfully, refused, failing), then the whole
// database dumped: every table of every schema, enumerated from information_schema so a table
// added later is covered too, every row as text; and with pg_dump as well when the pg_dump on
// PATH can dump this server. Neither a key nor the token may appear, in any common encoding.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createGuestRoute } from "@/app/(rest)/product-event/guests/route";
import { createEvent } from "../../prisma/factories";
import { createApiKey } from "../domain/api-keys/service";
import { pushEventProduct } from "../domain/shopify/push";
import { connectShopifyStore } from "../domain/shopify/connection";
import { httpErrorReply, ShopifyStandIn } from "../domain/shopify/testing/shopify-stand-in";
import { Role } from "../generated/prisma/enums";
import { createCaller } from "../trpc/root";
import { useTestDb } from "../testing/db";
import { actorFor } from "../testing/events";
import { callRoute } from "../testing/rest";

const db = useTestDb();
const exec = promisify(execFile);

/** The secrets made below, by where they came from. */
const secrets: { source: string; plaintext: string }[] = [];

/** Every way `secret` could sit in a dump: as is, its random part, and that in hex and base64. */
function encodings(secret: string): string[] {
  const forms = [secret, Buffer.from(secret).toString("hex"), Buffer.from(secret).toString("base64")];
  const random = secret.startsWith("mq_") ? secret.slice(3) : null;
  if (random) {
    const bytes = Buffer.from(random, "base64url");
    forms.push(random, bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64").replace(/=+$/, ""));
  }
  return forms;
}

/** The secrets (in any encoding) found in `dump`, case-insensitively (hex may be either case). */
function leaks(dump: string): string[] {
  const haystack = dump.toLowerCase();
  return secrets.flatMap(({ source, plaintext }) =>
    encodings(plaintext)
      .filter((form) => haystack.includes(form.toLowerCase()))
      .map((form) => `${source}: ${form === plaintext ? "plaintext" : `encoded (${form.slice(0, 12)}...)`}`),
  );
}

/** Every row of every table of every schema as text, tables listed by information_schema. */
async function sqlDump(): Promise<{ tables: string[]; text: string }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2`,
    );
    const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
    const parts: string[] = [];
    for (const table of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${quote(table.schema)}.${quote(table.name)} t`);
      parts.push(`-- ${table.schema}.${table.name}`, ...rows.map((r) => r.row));
    }
    return { tables: tables.map((t) => `${t.schema}.${t.name}`), text: parts.join("\n") };
  } finally {
    await client.end();
  }
}

/** pg_dump's output for this database, or why it cannot be taken here. */
async function pgDump(): Promise<{ text: string } | { skipped: string }> {
  let clientMajor: number;
  try {
    const { stdout } = await exec("pg_dump", ["--version"]);
    clientMajor = Number(/(\d+)(\.\d+)+/.exec(stdout)?.[1]);
  } catch {
    return { skipped: "no pg_dump on PATH" };
  }
  const server = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await server.connect();
  const { rows } = await server.query<{ major: number }>("SELECT current_setting('server_version_num')::int / 10000 AS major");
  await server.end();
  const serverMajor = rows[0]!.major;
  // pg_dump refuses servers newer than itself (the embedded PostgreSQL 18 next to Debian's pg_dump 15).
  if (!(clientMajor >= serverMajor)) return { skipped: `pg_dump ${clientMajor} cannot dump PostgreSQL ${serverMajor}` };
  const { stdout } = await exec("pg_dump", ["--dbname", process.env.DATABASE_URL!, "--no-owner"], { maxBuffer: 512 * 1024 * 1024 });
  return { text: stdout };
}

let shopify: ShopifyStandIn;

beforeAll(async () => {
  shopify = await ShopifyStandIn.start();

  const curator = await actorFor(db, Role.CURATOR);
  const viaService = await createApiKey(db, curator.userId, "service key");
  secrets.push({ source: "service", plaintext: viaService.plaintext });
  const viaSettings = await createCaller({ db, actor: curator }).apiKeys.create({ name: "settings page key" });
  secrets.push({ source: "tRPC apiKeys.create", plaintext: viaSettings.plaintext });
  const { stdout } = await exec("npx", ["tsx", "scripts/api-key.ts", `dump-${randomUUID()}@example.test`], { env: process.env });
  secrets.push({ source: "npm run api-key", plaintext: stdout.trim().split("\n").at(-1)! });

  // Keys in use: each authenticates a REST call (stamping lastUsedAt, storing an idempotent answer).
  for (const { plaintext } of secrets) {
    const response = await callRoute(createGuestRoute, {
      method: "POST",
      path: "/product-event/guests",
      key: plaintext,
      idempotencyKey: randomUUID(),
      json: { firstName: "Dump", lastName: "Test" },
    });
    expect(response.status, await response.text()).toBe(201);
  }

  // A Shopify token, connected and pushed with: once synced, once refused (401), once failing (503).
  const adminToken = `shpat_${randomUUID().replaceAll("-", "")}`;
  secrets.push({ source: "Shopify Admin API token", plaintext: adminToken });
  await connectShopifyStore(db, curator, { shopDomain: `dump-${randomUUID().slice(0, 8)}.myshopify.com`, adminToken });
  const push = async () => {
    const { event } = await createEvent(db, { curatorId: curator.userId });
    return pushEventProduct(db, { eventId: event.id }, { fetchApi: shopify.fetchApi, sleep: async () => {} }).catch((e: Error) => e);
  };
  expect(await push()).toMatchObject({ status: "SYNCED" });
  shopify.enqueue(httpErrorReply(401));
  expect(await push()).toMatchObject({ status: "FAILED" });
  shopify.enqueue(httpErrorReply(503));
  expect(await push()).toBeInstanceOf(Error);
  // The token really went to the store: it is the secret the dump must not hold.
  expect(shopify.requests.some((r) => r.headers["x-shopify-access-token"] === adminToken)).toBe(true);
}, 120_000);

afterAll(async () => {
  await shopify?.close();
});

describe("a dump of the whole database", () => {
  it("holds no API key and no Shopify token, in plaintext, hex or base64 (SQL dump of every table, and pg_dump where it can)", async () => {
    const { tables, text } = await sqlDump();
    expect(tables).toEqual(
      expect.arrayContaining(["public.ApiKey", "public.Merchant", "public.IdempotencyRecord", "public.JobRun", "public.Product"]),
    );
    // The keys are there, by their hashes: the dump is of the rows that matter.
    expect(await db.apiKey.count({ where: { prefix: { in: secrets.map((s) => s.plaintext.slice(0, 10)) } } })).toBe(3);
    expect(leaks(text)).toEqual([]);

    const dumped = await pgDump();
    if ("skipped" in dumped) {
      console.info(`pg_dump check skipped: ${dumped.skipped} (the SQL dump above covered every table)`);
    } else {
      expect(dumped.text).toContain('"ApiKey"');
      expect(leaks(dumped.text)).toEqual([]);
    }
  });

  it("(control) finds a plaintext key and its hex and base64 forms in a table created just now", async () => {
    const key = (await createApiKey(db, (await actorFor(db, Role.PROMOTER)).userId, "control")).plaintext;
    secrets.push({ source: "control", plaintext: key });
    const table = `dump_probe_${randomUUID().replaceAll("-", "")}`;
    try {
      await db.$executeRawUnsafe(`CREATE TABLE "${table}" (note text, raw bytea)`);
      await db.$executeRawUnsafe(
        `INSERT INTO "${table}" VALUES ($1, NULL), (NULL, $2)`,
        `a pasted ${key} somewhere`,
        Buffer.from(key.slice(3), "base64url"),
      );
      const found = leaks((await sqlDump()).text);
      expect(found).toContain("control: plaintext");
      // The bytea column dumps as hex: the key's raw bytes are found in that form too.
      expect(found.some((f) => f.startsWith("control: encoded"))).toBe(true);
    } finally {
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${table}"`);
      secrets.pop();
    }
  });
});
