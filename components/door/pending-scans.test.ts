import { describe, expect, it } from "vitest";
import {
  classifyFailure,
  deviceIdFrom,
  newNonce,
  readPendingScans,
  retryDelayMs,
  SAME_SCAN_MS,
  ScanDebounce,
  writePendingScans,
  type PendingScan,
} from "./pending-scans";

function memoryStore(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

const scan: PendingScan = {
  nonce: "0b7f3c1e-8d4a-4f2b-9c6e-1a2b3c4d5e6f",
  eventId: "e1",
  code: "code-1",
  guestName: null,
  scannedAt: 1_700_000_000_000,
  attempts: 2,
  notBefore: 1_700_000_004_000,
  lastFailure: "No connection",
};

describe("pending scans in storage", () => {
  it("round-trip with their nonces; unreadable entries are skipped, not fatal", () => {
    const store = memoryStore();
    expect(writePendingScans(store, [scan])).toBe(true);
    expect(readPendingScans(store)).toEqual([scan]);

    store.setItem("marquee.door.pendingScans", JSON.stringify([scan, { nonce: 1 }, "junk"]));
    expect(readPendingScans(store)).toEqual([scan]);
    store.setItem("marquee.door.pendingScans", "{not json");
    expect(readPendingScans(store)).toEqual([]);
  });

  it("a browser that refuses to store says so instead of throwing", () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    };
    expect(writePendingScans(full, [scan])).toBe(false);
  });
});

describe("ids", () => {
  it("one device id, kept; a new UUID nonce per scan", () => {
    const store = memoryStore();
    const device = deviceIdFrom(store);
    expect(deviceIdFrom(store)).toBe(device);
    expect(device).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
  });
});

describe("retry backoff", () => {
  it("doubles from 1 s up to 30 s, with ±20% jitter", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((n) => retryDelayMs(n, middle))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(retryDelayMs(1, () => 0)).toBe(800);
    expect(retryDelayMs(1, () => 1)).toBe(1200);
  });
});

describe("failures", () => {
  const trpcError = (httpStatus: number, message = "nope", extra: unknown = null) =>
    Object.assign(new Error(message), { data: { httpStatus, extra } });

  it("no answer from the server keeps the scan pending; a 429 waits as long as the server says", () => {
    expect(classifyFailure(new TypeError("Failed to fetch"))).toEqual({ kind: "retry", reason: "No connection" });
    expect(classifyFailure(trpcError(503))).toEqual({ kind: "retry", reason: "Server busy" });
    expect(classifyFailure(trpcError(401))).toMatchObject({ kind: "retry" });
    expect(classifyFailure(trpcError(429, "slow", { retryAfterSeconds: 42 }))).toEqual({ kind: "slow-down", retryAfterSeconds: 42 });
    expect(classifyFailure(trpcError(429, "slow"))).toEqual({ kind: "slow-down", retryAfterSeconds: 60 });
  });

  it("a refusal ends the scan with the server's words", () => {
    expect(classifyFailure(trpcError(409, "The event is COMPLETED: its door is closed"))).toEqual({
      kind: "refused",
      message: "The event is COMPLETED: its door is closed",
    });
  });
});

describe("camera debounce", () => {
  it("a code held in view is one scan; seen again after a gap it is a new one", () => {
    const debounce = new ScanDebounce();
    expect(debounce.sight("A", 0)).toBe(true);
    // Frames every 200 ms for 10 s: still the same scan.
    for (let t = 200; t <= 10_000; t += 200) expect(debounce.sight("A", t)).toBe(false);
    expect(debounce.sight("B", 10_100)).toBe(true);
    expect(debounce.sight("A", 10_000 + SAME_SCAN_MS + 1)).toBe(true);
  });

  it("while an answer shows, a code in view stays known and a new one is not learnt", () => {
    const debounce = new ScanDebounce();
    expect(debounce.sight("A", 0)).toBe(true);
    for (let t = 200; t <= 8000; t += 200) {
      debounce.keepInView("A", t);
      debounce.keepInView("B", t);
    }
    expect(debounce.sight("A", 8200)).toBe(false);
    expect(debounce.sight("B", 8200)).toBe(true);
  });

  it("after Next guest, the same code still in view is a new scan", () => {
    const debounce = new ScanDebounce();
    debounce.sight("A", 0);
    debounce.forget();
    expect(debounce.sight("A", 100)).toBe(true);
  });
});
