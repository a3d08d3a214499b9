// The bench's results: one object (written as bench-results.json) and a table for people.
// Throughput ratios are Marquee / raw (higher is better); time ratios are Marquee / raw too
// (lower is better). A missed target is printed as MISSED; the run still exits 0.
import type { SweepComparison } from "./completion-sweep";
import type { DoorOffline, PageScripts } from "./door-page";
import type { SellOut } from "./flash-sale";
import { round, type LoadFigures } from "./figures";

export const TARGETS = {
  createEvent: { atLeast: 0.4 },
  /** Scans/s over the GET /api/health floor at the same 32 connections, in the same run. */
  checkIn: { ratioToFloorAtLeast: 0.6, p99MsBelow: 50 },
  postSyncFanout: { atMost: 2 },
  completionSweep: { atMost: 2 },
  /** Orders/s of the flash sale over the GET /api/health floor at the same connections. */
  flashSale: { ratioToFloorAtLeast: 0.5, p99MsBelow: 250 },
  /** 120 KB, counted as 120,000 bytes. */
  doorPageJsGzipBytes: { atMost: 120_000 },
  /** First visit over 1.6 Mbps / 150 ms RTT, to the camera scanning. */
  doorFirstVisitSlowMs: { below: 3000 },
} as const;

export interface LoadComparison {
  connections: number;
  marquee: LoadFigures;
  raw: LoadFigures;
  ratioToRaw: number;
}

export function compareLoad(marquee: LoadFigures, raw: LoadFigures): LoadComparison {
  return { connections: marquee.connections, marquee, raw, ratioToRaw: marquee.requestsPerSecond / raw.requestsPerSecond };
}

export interface BenchResults {
  createEvent: { ratioToRaw: number; target: string; pass: boolean; runs: LoadComparison[] };
  /** Over REST against the bare admitting UPDATE in raw SQL, and against the floor (reference.healthCheck). */
  checkIn: LoadComparison & { ratioToFloor: number; p99Ms: number; target: string; pass: boolean };
  postSyncFanout: { posts: number; rounds: number; marqueeMs: number; rawMs: number; ratioToRaw: number; target: string; pass: boolean };
  completionSweep: SweepComparison & { ratioToRaw: number; target: string; pass: boolean };
  /**
   * The stack's floor: GET /api/health (one `SELECT 1` through Next and Prisma) at the
   * check-in's connection count, against the raw check-in. No request can do better.
   */
  reference: { healthCheck: LoadFigures & { ratioToRawCheckIn: number } };
  doorPageJsGzipBytes: number;
  doorPage: PageScripts & {
    /** Beyond the shell every page loads (the home page's scripts): the door's own code. */
    ownGzipBytes: number;
    target: string;
    pass: boolean;
  };
  doorFirstVisitSlowMs: number;
  doorOfflineRepeatReady: boolean;
  doorOffline: DoorOffline & { target: string; pass: boolean };
  /** Free one-ticket orders over REST against the same sale in raw SQL and the health floor, at 64 connections. */
  flashSale: LoadComparison & {
    floor: LoadFigures;
    ratioToFloor: number;
    p99Ms: number;
    /** Tickets issued (or counted sold) beyond capacity after the run: must be 0. */
    oversold: number;
    /** The sale's ticket mails (one per order) still queued when it ended, and how fast the worker sent them. */
    mails: SaleMails & { perSecond: number };
    target: string;
    pass: boolean;
  };
  sellOut: SellOut & { target: string; pass: boolean };
  run: Record<string, string | number>;
}

/** The door's rows: check-in against its raw twin, and against the floor measured right after it. */
export function checkInResults(checkIn: LoadComparison, healthCheck: LoadFigures): Pick<BenchResults, "checkIn" | "reference"> {
  const ratioToFloor = checkIn.marquee.requestsPerSecond / healthCheck.requestsPerSecond;
  return {
    checkIn: {
      ...checkIn,
      ratioToFloor,
      p99Ms: checkIn.marquee.p99Ms,
      target: `>= ${TARGETS.checkIn.ratioToFloorAtLeast} of floor, p99 < ${TARGETS.checkIn.p99MsBelow} ms`,
      pass: ratioToFloor >= TARGETS.checkIn.ratioToFloorAtLeast && checkIn.marquee.p99Ms < TARGETS.checkIn.p99MsBelow,
    },
    reference: { healthCheck: { ...healthCheck, ratioToRawCheckIn: healthCheck.requestsPerSecond / checkIn.raw.requestsPerSecond } },
  };
}

/** The door page's rows: its JavaScript (all, and its own beyond the shell), its first visit on a slow network, and offline. */
export function doorResults(input: {
  doorPage: PageScripts;
  shell: PageScripts;
  doorOffline: DoorOffline;
}): Pick<BenchResults, "doorPageJsGzipBytes" | "doorPage" | "doorFirstVisitSlowMs" | "doorOfflineRepeatReady" | "doorOffline"> {
  const shared = new Set(input.shell.scripts.map((s) => s.src));
  const ownGzipBytes = input.doorPage.scripts.filter((s) => !shared.has(s.src)).reduce((sum, s) => sum + s.gzipBytes, 0);
  return {
    doorPageJsGzipBytes: input.doorPage.gzipBytes,
    doorPage: {
      ...input.doorPage,
      ownGzipBytes,
      target: `<= ${TARGETS.doorPageJsGzipBytes.atMost} bytes`,
      pass: input.doorPage.gzipBytes <= TARGETS.doorPageJsGzipBytes.atMost,
    },
    doorFirstVisitSlowMs: input.doorOffline.firstVisitSlowMs,
    doorOfflineRepeatReady: input.doorOffline.offlineRepeatReady,
    doorOffline: {
      ...input.doorOffline,
      target: `< ${TARGETS.doorFirstVisitSlowMs.below} ms, ready offline`,
      pass: input.doorOffline.firstVisitSlowMs < TARGETS.doorFirstVisitSlowMs.below && input.doorOffline.offlineRepeatReady,
    },
  };
}

/** The door's rows of the table. */
export function doorRows({ doorPage, doorOffline }: Pick<BenchResults, "doorPage" | "doorOffline">): Row[] {
  const { downloadMbps, latencyMs } = doorOffline.network;
  return [
    [
      `door page JS (${doorPage.path})`,
      `${round(doorPage.gzipBytes / 1000)} KB gzip, own ${round(doorPage.ownGzipBytes / 1000)} KB`,
      "",
      "",
      "",
      "",
      "",
      `<= ${TARGETS.doorPageJsGzipBytes.atMost / 1000} KB`,
      verdict(doorPage.pass),
    ],
    [
      `door first visit, ${downloadMbps} Mbps ${latencyMs} ms RTT; offline repeat`,
      `${round(doorOffline.firstVisitSlowMs)} ms; offline ${doorOffline.offlineRepeatReady ? "ready" : "NOT ready"}`,
      "",
      "",
      "",
      "",
      "",
      doorOffline.target,
      verdict(doorOffline.pass),
    ],
  ];
}

/** The door rows alone (BENCH_ONLY=door). */
export function formatDoorTable(results: Pick<BenchResults, "doorPage" | "doorOffline">): string {
  return formatRows(doorRows(results), [results.doorPage, results.doorOffline]);
}

/** The selling rows: the flash sale against its raw twin and the floor, and the sell-out. */
export function saleResults(flash: SaleInput["flashSale"], sellOut: SellOut): Pick<BenchResults, "flashSale" | "sellOut"> {
  const ratioToFloor = flash.marquee.requestsPerSecond / flash.floor.requestsPerSecond;
  return {
    flashSale: {
      ...compareLoad(flash.marquee, flash.raw),
      floor: flash.floor,
      ratioToFloor,
      p99Ms: flash.marquee.p99Ms,
      oversold: flash.oversold,
      mails: { ...flash.mails, perSecond: flash.mails.queued / flash.mails.seconds },
      target: `>= ${TARGETS.flashSale.ratioToFloorAtLeast} of floor, p99 < ${TARGETS.flashSale.p99MsBelow} ms, 0 oversold`,
      pass: ratioToFloor >= TARGETS.flashSale.ratioToFloorAtLeast && flash.marquee.p99Ms < TARGETS.flashSale.p99MsBelow && flash.oversold === 0,
    },
    sellOut: {
      ...sellOut,
      target: `${sellOut.tickets} sold, 0 oversold`,
      pass: sellOut.oversold === 0 && sellOut.sold === sellOut.tickets,
    },
  };
}

/** The ticket mails a sale left queued, sent after it. */
export interface SaleMails {
  queued: number;
  /** From the sale's end until no job was left. */
  seconds: number;
}

interface SaleInput {
  flashSale: { marquee: LoadFigures; raw: LoadFigures; floor: LoadFigures; oversold: number; mails: SaleMails };
  sellOut: SellOut;
}

export function buildResults(input: {
  create: LoadComparison[];
  checkIn: LoadComparison;
  fanout: { posts: number; rounds: number; marqueeMs: number; rawMs: number };
  sweep: SweepComparison;
  doorPage: PageScripts;
  shell: PageScripts;
  doorOffline: DoorOffline;
  healthCheck: LoadFigures;
  flashSale: SaleInput["flashSale"];
  sellOut: SellOut;
  run: Record<string, string | number>;
}): BenchResults {
  // Every connection count has to meet the target: the worst one is the figure.
  const createRatio = Math.min(...input.create.map((c) => c.ratioToRaw));
  const fanoutRatio = input.fanout.marqueeMs / input.fanout.rawMs;
  const sweepRatio = input.sweep.marquee.ms / input.sweep.rawMs;
  return {
    createEvent: {
      ratioToRaw: createRatio,
      target: `>= ${TARGETS.createEvent.atLeast}`,
      pass: createRatio >= TARGETS.createEvent.atLeast,
      runs: input.create,
    },
    postSyncFanout: {
      ...input.fanout,
      ratioToRaw: fanoutRatio,
      target: `<= ${TARGETS.postSyncFanout.atMost}`,
      pass: fanoutRatio <= TARGETS.postSyncFanout.atMost,
    },
    completionSweep: {
      ...input.sweep,
      ratioToRaw: sweepRatio,
      target: `<= ${TARGETS.completionSweep.atMost}`,
      pass: sweepRatio <= TARGETS.completionSweep.atMost,
    },
    ...checkInResults(input.checkIn, input.healthCheck),
    ...doorResults(input),
    ...saleResults(input.flashSale, input.sellOut),
    run: input.run,
  };
}

type Row = [string, string, string, string, string, string, string, string, string];

const HEADER: Row = ["measurement", "Marquee", "p50 ms", "p99 ms", "raw", "raw p99 ms", "ratio", "target", "result"];

function verdict(pass: boolean): string {
  return pass ? "pass" : "MISSED";
}

function loadRow(name: string, c: LoadComparison, target: string, pass: boolean | ""): Row {
  return [
    name,
    `${round(c.marquee.requestsPerSecond)} req/s`,
    String(round(c.marquee.p50Ms)),
    String(round(c.marquee.p99Ms)),
    `${round(c.raw.requestsPerSecond)} tx/s`,
    String(round(c.raw.p99Ms)),
    round(c.ratioToRaw, 2).toFixed(2),
    target,
    pass === "" ? "" : verdict(pass),
  ];
}

function checkInRows({ checkIn, reference: { healthCheck: floor } }: Pick<BenchResults, "checkIn" | "reference">): Row[] {
  return [
    loadRow(`check-in, ${checkIn.connections} scanners`, checkIn, "", ""),
    [
      `  vs floor (GET /api/health, ${floor.connections} conn: ${round(floor.requestsPerSecond)} req/s, p99 ${round(floor.p99Ms)} ms)`,
      "",
      "",
      "",
      "",
      "",
      round(checkIn.ratioToFloor, 2).toFixed(2),
      checkIn.target,
      verdict(checkIn.pass),
    ],
  ];
}

function saleRows({ flashSale: flash, sellOut }: Pick<BenchResults, "flashSale" | "sellOut">): Row[] {
  return [
    [
      `flash sale (free orders), ${flash.connections} conn`,
      `${round(flash.marquee.requestsPerSecond)} orders/s`,
      String(round(flash.marquee.p50Ms)),
      String(round(flash.marquee.p99Ms)),
      `${round(flash.raw.requestsPerSecond)} tx/s`,
      String(round(flash.raw.p99Ms)),
      round(flash.ratioToRaw, 2).toFixed(2),
      "",
      "",
    ],
    [
      `  vs floor (GET /api/health, ${flash.floor.connections} conn: ${round(flash.floor.requestsPerSecond)} req/s); oversold ${flash.oversold}`,
      "",
      "",
      "",
      "",
      "",
      round(flash.ratioToFloor, 2).toFixed(2),
      flash.target,
      verdict(flash.pass),
    ],
    [
      `  ${flash.mails.queued} ticket mails queued at its end, sent in ${round(flash.mails.seconds)} s (${round(flash.mails.perSecond)} a second)`,
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
    ],
    [
      `sell-out, ${sellOut.buyers} buyers for ${sellOut.tickets}`,
      `${round(sellOut.seconds, 2)} s to sell out`,
      "",
      String(round(sellOut.p99Ms)),
      `${sellOut.sold} sold, ${sellOut.refusedSoldOut} SOLD_OUT`,
      "",
      "",
      sellOut.target,
      `${verdict(sellOut.pass)} (oversold ${sellOut.oversold})`,
    ],
  ];
}

function formatRows(rows: Row[], measured: Array<{ pass: boolean }>): string {
  const widths = HEADER.map((_, column) => Math.max(...[HEADER, ...rows].map((row) => row[column]!.length)));
  const line = (row: Row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  const missed = measured.filter((m) => !m.pass).length;
  return [
    line(HEADER),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
    missed === 0 ? "All targets met." : `MISSED: ${missed} of ${measured.length} targets (see the rows marked MISSED).`,
  ].join("\n");
}

/** The door's rows alone (BENCH_ONLY=checkin). */
export function formatCheckInTable(results: Pick<BenchResults, "checkIn" | "reference">): string {
  return formatRows(checkInRows(results), [results.checkIn]);
}

/** The selling rows alone (BENCH_ONLY=sale). */
export function formatSaleTable(results: Pick<BenchResults, "flashSale" | "sellOut">): string {
  return formatRows(saleRows(results), [results.flashSale, results.sellOut]);
}

export function formatTable(results: BenchResults): string {
  const { createEvent, checkIn, postSyncFanout: fanout, completionSweep: sweep, doorPage, flashSale: flash, sellOut } = results;
  const rows: Row[] = [
    ...createEvent.runs.map((c) =>
      loadRow(`create event, ${c.connections} conn`, c, createEvent.target, c.ratioToRaw >= TARGETS.createEvent.atLeast),
    ),
    ...checkInRows(results),
    ...saleRows(results),
    [
      `post sync, ${fanout.posts} posts`,
      `${round(fanout.marqueeMs)} ms`,
      "",
      "",
      `${round(fanout.rawMs)} ms`,
      "",
      round(fanout.ratioToRaw, 2).toFixed(2),
      fanout.target,
      verdict(fanout.pass),
    ],
    [
      `completion sweep, ${sweep.events} events`,
      `${round(sweep.marquee.ms)} ms, ${sweep.marquee.queries} queries`,
      "",
      "",
      `${round(sweep.rawMs)} ms, 1 query`,
      "",
      round(sweep.ratioToRaw, 2).toFixed(2),
      sweep.target,
      verdict(sweep.pass),
    ],
    ...doorRows(results),
  ];
  return formatRows(rows, [createEvent, checkIn, fanout, sweep, doorPage, results.doorOffline, flash, sellOut]);
}
