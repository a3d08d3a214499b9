// The door's scans on this device, before their answers arrive. Each scan gets a nonce when it
// is made and keeps it through every retry, so a retry of a scan whose answer was lost on the
// way replays that answer instead of scanning again. They wait in localStorage, so a dropped
// network, a closed tab or a reload never loses one.

export interface PendingScan {
  /** Made once per scan; sent with each of its retries. */
  nonce: string;
  eventId: string;
  /** What the ticket's QR code holds. */
  code: string;
  /** Known when the scan came from search; a camera scan learns the name from its answer. */
  guestName: string | null;
  /** Epoch ms. */
  scannedAt: number;
  attempts: number;
  /** Not sent before this (epoch ms): the backoff after a failed attempt. */
  notBefore: number;
  /** Why the last attempt got no answer ("No connection"), null before any. */
  lastFailure: string | null;
}

type Store = Pick<Storage, "getItem" | "setItem">;

const PENDING_KEY = "marquee.door.pendingScans";
const DEVICE_KEY = "marquee.door.deviceId";

function isPendingScan(value: unknown): value is PendingScan {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.nonce === "string" &&
    typeof v.eventId === "string" &&
    typeof v.code === "string" &&
    (v.guestName === null || typeof v.guestName === "string") &&
    typeof v.scannedAt === "number" &&
    typeof v.attempts === "number" &&
    typeof v.notBefore === "number" &&
    (v.lastFailure === null || typeof v.lastFailure === "string")
  );
}

/** The scans waiting on this device, of every event; what is unreadable is skipped. */
export function readPendingScans(store: Store): PendingScan[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(PENDING_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isPendingScan) : [];
  } catch {
    return [];
  }
}

/** False when the browser refuses (storage full or disabled): the scans then live in the page only. */
export function writePendingScans(store: Store, scans: readonly PendingScan[]): boolean {
  try {
    store.setItem(PENDING_KEY, JSON.stringify(scans));
    return true;
  } catch {
    return false;
  }
}

/** A UUID; crypto.randomUUID exists only in secure contexts (a phone on http://<LAN IP> is not one). */
export function newNonce(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This device's id for the wrong-code limit: made once, then the same for every scan. */
export function deviceIdFrom(store: Store): string {
  try {
    const known = store.getItem(DEVICE_KEY);
    if (known) return known;
    const made = newNonce();
    store.setItem(DEVICE_KEY, made);
    return made;
  } catch {
    return newNonce();
  }
}

const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30_000;

/** Wait before the next try after `failures` failed ones: 1 s, 2 s, 4 s ... 30 s, ±20% so phones don't retry in step. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** What a failed check-in call means for its scan. */
export type ScanFailure =
  /** No answer to the scan (network, server trouble, signed out): it stays pending and is retried. */
  | { kind: "retry"; reason: string }
  /** Too many wrong codes from this staff member or device: nothing is sent until the wait is over. */
  | { kind: "slow-down"; retryAfterSeconds: number }
  /** The server answered no (door closed, not allowed, ...): the scan is done, with this message. */
  | { kind: "refused"; message: string };

/** Seconds to wait when a 429 does not say. The server's windows are a minute long. */
const DEFAULT_SLOW_DOWN_SECONDS = 60;

/** Reads a tRPC client error: `data` is there only when the server answered with tRPC's JSON. */
export function classifyFailure(error: unknown): ScanFailure {
  const data = (error as { data?: { httpStatus?: unknown; extra?: { retryAfterSeconds?: unknown } | null } | null } | null)?.data;
  const status = typeof data?.httpStatus === "number" ? data.httpStatus : null;
  if (status === null) return { kind: "retry", reason: "No connection" };
  if (status >= 500 || status === 408) return { kind: "retry", reason: "Server busy" };
  if (status === 401) return { kind: "retry", reason: "Signed out: sign in again to send" };
  if (status === 429) {
    const seconds = Number(data?.extra?.retryAfterSeconds);
    return { kind: "slow-down", retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : DEFAULT_SLOW_DOWN_SECONDS };
  }
  const message = error instanceof Error && error.message ? error.message : "The check-in was refused";
  return { kind: "refused", message };
}

/** Sightings of one code closer together than this are one scan: a guest holding their phone up. */
export const SAME_SCAN_MS = 3000;

/** Tells new scans from the same code seen again in the next camera frames. */
export class ScanDebounce {
  private lastSeen = new Map<string, number>();

  /** A camera sighting of `code`; true when it is a new scan. */
  sight(code: string, now: number): boolean {
    const last = this.lastSeen.get(code);
    for (const [known, at] of this.lastSeen) if (now - at > SAME_SCAN_MS) this.lastSeen.delete(known);
    this.lastSeen.set(code, now);
    return last === undefined || now - last > SAME_SCAN_MS;
  }

  /**
   * A sighting while no scan may start (an answer is on screen): a code still in view stays
   * known, so it is not scanned again when the answer goes away on its own; a new code is not
   * learnt, so it is scanned then.
   */
  keepInView(code: string, now: number): void {
    const last = this.lastSeen.get(code);
    if (last !== undefined && now - last <= SAME_SCAN_MS) this.lastSeen.set(code, now);
  }

  /** "Next guest": whatever is in view next is a new scan, the same code included. */
  forget(): void {
    this.lastSeen.clear();
  }
}
