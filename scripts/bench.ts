// npm run bench: Marquee against raw PostgreSQL on the same machine, in one run. Builds the
// app (BENCH_SKIP_BUILD=1 reuses the last build), prepares two fresh databases on one server
// (the app's and a twin for the raw baselines, see bench/databases.ts), starts `next start`
// with the background worker as a process of its own (bench/server.ts), and measures side by
// side: create event, check-in, post-sync fan-out, the completion sweep, the door page's
// JavaScript, and selling tickets (a flash sale of free orders and a sell-out,
// scripts/bench/flash-sale.ts). Prints a table and writes
// bench-results.json. Exits 0 when a target is missed (the table says MISSED), non-zero when
// a measurement could not be made.
//
// BENCH_DATABASE (marquee_bench, and its twin with _raw), BENCH_PORT (3400), BENCH_WORKER_NICE
// (10, bench/server.ts), BENCH_NODE (the path of the Node.js the server and worker run on; by
// default the one running the bench), BENCH_DURATION
// (seconds per load run, 10), BENCH_CPU_PROF=1 (the server writes V8 CPU profiles to
// .data/bench/profiles when it stops), BENCH_ONLY=sale (only the flash
// sale and the sell-out, with the same door list in the curator's guest book; writes
// bench-results-sale.json), BENCH_ONLY=checkin (only the check-in, its raw twin and the health
// floor at the same 32 connections; writes bench-results-checkin.json), BENCH_ONLY=door (only the
// door page: its JavaScript, a first visit on a slow network and a second one offline; its keys
// are written into bench-results.json).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApiKey } from "../server/domain/api-keys/service";
import { Role } from "../server/generated/prisma/enums";
import { checkInInRawSql, checkInOverRest, prepareDoor, SCANNERS } from "./bench/check-in";
import { compareSweeps, DUE_EVENTS, SWEEP_ROUNDS } from "./bench/completion-sweep";
import { createEventInRawSql, createEventOverRest } from "./bench/create-event";
import { analyze, closeDatabase, freshDatabase, jobsDrained, MARQUEE_DATABASE, RAW_DATABASE } from "./bench/databases";
import { doorOffline, doorPagePath, pageScripts, sessionCookie } from "./bench/door-page";
import type { LoadFigures } from "./bench/figures";
import {
  BUYER_CONNECTIONS,
  FLASH_SALE_TICKETS,
  flashSaleInRawSql,
  flashSaleOverRest,
  mailsQueued,
  oversoldOf,
  prepareSale,
  SELL_OUT_BUYERS,
  SELL_OUT_TICKETS,
  sellOutOverRest,
  type SellOut,
} from "./bench/flash-sale";
import { loadHttp } from "./bench/http-load";
import {
  buildResults,
  checkInResults,
  compareLoad,
  doorResults,
  formatCheckInTable,
  formatDoorTable,
  formatSaleTable,
  formatTable,
  saleResults,
  type LoadComparison,
  type SaleMails,
} from "./bench/report";
import { FANOUT_ROUNDS, fanoutInRawSql, fanoutOverRest, prepareFanout, SYNCED_POSTS } from "./bench/post-sync";
import { buildApp, SERVER_NODE, startServer, stopServer, WORKER_NICE } from "./bench/server";
import { startSmtpStandIn } from "../server/testing/mail";
import { startDatabase } from "./lib/database";

const ROOT = path.resolve(import.meta.dirname, "..");
const WORK_DIR = path.join(ROOT, ".data", "bench");
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 2;
/**
 * Seconds of load at full connections before a route and its floor are measured: a fresh `next
 * start` runs a route several times slower until V8 has compiled its hot code (seen here: the
 * first 15 s of check-in at 270 req/s, the next at 330, then 450; the floor alike), and production
 * measures a server that has been serving.
 */
const HOT = 30;
/**
 * The sale's warm-up is shorter than HOT: each of its orders is a ticket mail the worker renders
 * afterwards (about 12 a second), and 10 s at 64 buyers already sells some 3,500.
 */
const SALE_HOT = 10;
/** Guests on the list of the door whose page is measured: a big club night. */
const DOOR_PAGE_GUESTS = 2_000;
const CREATE_CONNECTIONS = [1, 16, 32];
const SALE_ONLY = process.env.BENCH_ONLY === "sale";
const CHECKIN_ONLY = process.env.BENCH_ONLY === "checkin";
const DOOR_ONLY = process.env.BENCH_ONLY === "door";
if (process.env.BENCH_ONLY && !SALE_ONLY && !CHECKIN_ONLY && !DOOR_ONLY) {
  throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY}: only "sale", "checkin" and "door" are known`);
}

const step = (text: string) => console.log(`[bench] ${text}`);
const commitOf = () => execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
const startedAt = new Date();
const WORKER = `its own process, nice ${WORKER_NICE}`;
/** The Node.js version the server and the worker run on (BENCH_NODE). */
const SERVER_NODE_VERSION = execFileSync(SERVER_NODE, ["--version"], { encoding: "utf8" }).trim();
/** What a BENCH_ONLY run's results say of the run. */
const shortRun = () => ({
  startedAt: startedAt.toISOString(),
  commit: commitOf(),
  load: os.loadavg().join(" "),
  worker: WORKER,
  node: SERVER_NODE_VERSION,
});

const database = await startDatabase("postgres");
let exitCode = 0;
try {
  step("fresh databases: migrations, demo seed");
  const marquee = await freshDatabase(database.url, MARQUEE_DATABASE);
  const raw = await freshDatabase(database.url, RAW_DATABASE);

  step(`preparing data: a door list of guests, an event with ${SYNCED_POSTS} synced posts (each database)`);
  const doors = { marquee: await prepareDoor(marquee), raw: await prepareDoor(raw) };
  // The door page is measured on a night's list, not the load runs' 150,000: a phone keeps the whole list.
  const doorPageEvent = (await prepareDoor(marquee, DOOR_PAGE_GUESTS, "Bench door page")).eventId;
  const fanoutsOrNull = SALE_ONLY || CHECKIN_ONLY || DOOR_ONLY ? null : { marquee: await prepareFanout(marquee), raw: await prepareFanout(raw) };
  const sales =
    CHECKIN_ONLY || DOOR_ONLY
      ? null
      : {
          marquee: await prepareSale(marquee, FLASH_SALE_TICKETS, "Bench flash sale"),
          raw: await prepareSale(raw, FLASH_SALE_TICKETS, "Bench flash sale"),
          sellOut: await prepareSale(marquee, SELL_OUT_TICKETS, "Bench sell-out"),
        };
  const curatorKey = (await createApiKey(marquee.db, marquee.curator.id, "bench")).plaintext;
  const staffKey = (await createApiKey(marquee.db, marquee.staff.id, "bench door")).plaintext;
  await analyze(marquee);
  await analyze(raw);

  if (process.env.BENCH_SKIP_BUILD) step("BENCH_SKIP_BUILD: reusing the last build");
  else {
    step("next build");
    await buildApp();
  }
  const smtp = await startSmtpStandIn({ parse: false });
  const server = await startServer({
    databaseUrl: marquee.url,
    smtpUrl: smtp.url,
    port: PORT,
    logDir: WORK_DIR,
    profileDir: process.env.BENCH_CPU_PROF ? path.join(WORK_DIR, "profiles") : undefined,
  });
  step(`next start on ${server.baseUrl} (log: ${path.relative(ROOT, server.logFile)})`);

  /** The stack's floor, `GET /api/health`, at `connections`: HOT seconds of load, then DURATION measured. */
  async function measureFloor(connections: number): Promise<LoadFigures> {
    step(`the stack's floor: GET /api/health at ${connections} connections (${HOT} s hot, ${DURATION} s)`);
    const health = (durationSeconds: number) =>
      loadHttp({ url: `${server.baseUrl}/api/health`, method: "GET", headers: {}, connections, durationSeconds });
    await health(HOT);
    return health(DURATION);
  }

  /** Check-in over REST and in raw SQL, then the floor at the same connections. */
  async function measureCheckIn() {
    step(`background jobs drained in ${await jobsDrained(marquee)} ms`);
    step(`check-in at ${SCANNERS} scanners: REST, then raw SQL (${DURATION} s each)`);
    await checkInOverRest(server.baseUrl, staffKey, doors.marquee, HOT);
    const rest = await checkInOverRest(server.baseUrl, staffKey, doors.marquee, DURATION);
    const checkIn = compareLoad(rest, await checkInInRawSql(raw, doors.raw, DURATION));
    return { checkIn, healthCheck: await measureFloor(SCANNERS) };
  }

  /** Create event, check-in and the floor at the check-in's connections: measured before the sale. */
  async function measureBeforeSale() {
    const create: LoadComparison[] = [];
    step("create event: warming up");
    await createEventOverRest(server.baseUrl, curatorKey, 4, WARMUP);
    await createEventInRawSql(raw, 4, WARMUP);
    await jobsDrained(marquee);
    for (const connections of CREATE_CONNECTIONS) {
      step(`create event at ${connections} connections: REST, then raw SQL (${DURATION} s each)`);
      const rest = await createEventOverRest(server.baseUrl, curatorKey, connections, DURATION);
      // The jobs of the events created (a Shopify push each) finish before the raw run starts.
      step(`background jobs of the created events drained in ${await jobsDrained(marquee)} ms`);
      create.push(compareLoad(rest, await createEventInRawSql(raw, connections, DURATION)));
    }
    return { create, ...(await measureCheckIn()) };
  }

  /** Post sync and the door page: measured after the sale. */
  async function measureAfterSale(fanouts: NonNullable<typeof fanoutsOrNull>) {
    step(`post sync to ${SYNCED_POSTS} posts: ${FANOUT_ROUNDS} rounds each`);
    const fanout = {
      marqueeMs: await fanoutOverRest(server.baseUrl, curatorKey, marquee, fanouts.marquee),
      rawMs: await fanoutInRawSql(raw, fanouts.raw),
    };
    return { fanout, ...(await measureDoor()) };
  }

  /** The door page as its staff member opens it: its JavaScript (and the home page's, the shell), then in a browser, slow and offline. */
  async function measureDoor() {
    step("door page JavaScript");
    const cookie = await sessionCookie(server.authSecret, { ...marquee.staff, role: Role.STAFF });
    const path = doorPagePath(doorPageEvent);
    const doorPage = await pageScripts(server.baseUrl, path, cookie);
    const shell = await pageScripts(server.baseUrl, "/", cookie);
    step("door page in Chromium: a first visit on a slow network, then a second with none");
    return { doorPage, shell, doorOffline: await doorOffline(server.baseUrl, path, cookie) };
  }

  if (DOOR_ONLY) {
    let door: Awaited<ReturnType<typeof measureDoor>>;
    try {
      door = await measureDoor();
    } finally {
      await stopServer(server);
      await smtp.stop();
    }
    await closeDatabase(marquee);
    await closeDatabase(raw);
    // The door's keys replace those of the last full run; the rest of that run stays as it was.
    const file = path.join(ROOT, "bench-results.json");
    const last = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
    const results = {
      ...last,
      ...doorResults(door),
      doorRun: { startedAt: startedAt.toISOString(), commit: commitOf(), load: os.loadavg().join(" ") },
    };
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${formatDoorTable(results)}\n\nThe door's keys written to bench-results.json.`);
    process.exit(exitCode);
  }

  if (CHECKIN_ONLY) {
    let door: Awaited<ReturnType<typeof measureCheckIn>>;
    try {
      door = await measureCheckIn();
    } finally {
      await stopServer(server);
      await smtp.stop();
    }
    await closeDatabase(marquee);
    await closeDatabase(raw);
    const results = {
      ...checkInResults(door.checkIn, door.healthCheck),
      run: shortRun(),
    };
    writeFileSync(path.join(ROOT, "bench-results-checkin.json"), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${formatCheckInTable(results)}\n\nWritten to bench-results-checkin.json.`);
  } else {
    let before: Awaited<ReturnType<typeof measureBeforeSale>> | null;
    let after: Awaited<ReturnType<typeof measureAfterSale>> | null;
    let flashSale: { marquee: LoadFigures; raw: LoadFigures; floor: LoadFigures; oversold: number; mails: SaleMails };
    let sellOut: SellOut;
    try {
      before = SALE_ONLY ? null : await measureBeforeSale();
      step(`background jobs drained in ${await jobsDrained(marquee)} ms`);
      // The floor first, hot as the check-in's is and while the worker has nothing to do; then
      // the sale after its own warm-up. (Measured after the sale and cold, the floor ran at
      // 450-1,077 req/s between runs: its ratio said more about the floor than about the sale.)
      const floor = await measureFloor(BUYER_CONNECTIONS);
      step(`flash sale at ${BUYER_CONNECTIONS} connections: REST orders (${SALE_HOT} s hot, ${DURATION} s), then raw SQL`);
      await flashSaleOverRest(server.baseUrl, sales!.marquee, SALE_HOT);
      const flashRest = await flashSaleOverRest(server.baseUrl, sales!.marquee, DURATION);
      // A sale of thousands of orders leaves as many ticket mails to the worker (at nice 10).
      const queued = await mailsQueued(marquee);
      const mailsMs = await jobsDrained(marquee, 1_800_000);
      step(`background jobs of the sale (its ${queued} queued mails) drained in ${mailsMs} ms`);
      const flashRaw = await flashSaleInRawSql(raw, sales!.raw, DURATION);
      const mails = { queued, seconds: mailsMs / 1000 };
      flashSale = { marquee: flashRest, raw: flashRaw, floor, oversold: (await oversoldOf(marquee, sales!.marquee)).oversold, mails };
      step(`sell-out: ${SELL_OUT_BUYERS} buyers at once for ${SELL_OUT_TICKETS} tickets`);
      sellOut = await sellOutOverRest(server.baseUrl, marquee, sales!.sellOut);
      step(`background jobs drained in ${await jobsDrained(marquee)} ms`);
      after = fanoutsOrNull ? await measureAfterSale(fanoutsOrNull) : null;
    } finally {
      await stopServer(server);
      await smtp.stop();
    }

    if (!before || !after) {
      await closeDatabase(marquee);
      await closeDatabase(raw);
      const results = {
        ...saleResults(flashSale, sellOut),
        run: shortRun(),
      };
      writeFileSync(path.join(ROOT, "bench-results-sale.json"), `${JSON.stringify(results, null, 2)}\n`);
      console.log(`\n${formatSaleTable(results)}\n\nWritten to bench-results-sale.json.`);
    } else {
      // After the server stopped: its worker sweeps due events itself (1 s after start, then every 5 min).
      step(`completion sweep of ${DUE_EVENTS} due events, ${SWEEP_ROUNDS} rounds: the job's function, then raw SQL`);
      const sweep = await compareSweeps(marquee, raw);

      const {
        rows: [pgVersion],
      } = await marquee.sql.query<{ server_version: string }>("SHOW server_version");
      await closeDatabase(marquee);
      await closeDatabase(raw);

      const results = buildResults({
        ...before,
        fanout: { posts: SYNCED_POSTS, rounds: FANOUT_ROUNDS, ...after.fanout },
        sweep,
        doorPage: after.doorPage,
        shell: after.shell,
        doorOffline: after.doorOffline,
        flashSale,
        sellOut,
        run: {
          startedAt: startedAt.toISOString(),
          seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
          commit: commitOf(),
          node: SERVER_NODE_VERSION,
          postgres: pgVersion!.server_version,
          database: process.env.DATABASE_URL ? "DATABASE_URL's server" : "embedded PostgreSQL",
          cpus: os.cpus().length,
          loadSeconds: DURATION,
          worker: WORKER,
        },
      });
      writeFileSync(path.join(ROOT, "bench-results.json"), `${JSON.stringify(results, null, 2)}\n`);
      console.log(`\n${formatTable(results)}\n\nWritten to bench-results.json (${results.run.seconds} s in all).`);
    }
  }
} catch (error) {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  exitCode = 1;
} finally {
  await database.stop();
}
process.exit(exitCode);
