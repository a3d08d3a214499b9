// The door list kept on the phone (IndexedDB, through `idb`), so a door with no network still
// answers: each admission under its code's HMAC-SHA256 (the code itself never leaves the
// server in the list), and the scans answered offline, waiting to be synced in order.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { CheckInConflictView, DoorList, DoorListEntry, OfflineAnswer } from "@/server/domain/checkin/schema";

/** An admission as the phone keeps it; `localAt` is when this phone let it in offline (not yet synced). */
export interface StoredEntry extends DoorListEntry {
  eventId: string;
  localAt: number | null;
}

export interface StoredList {
  eventId: string;
  salt: string;
  cursor: string;
  conflicts: CheckInConflictView[];
  /** Epoch ms of the last read that got through. */
  loadedAt: number;
}

/** A scan answered from the list while offline, to be sent when the network returns. */
export interface OfflineScan {
  nonce: string;
  eventId: string;
  code: string;
  /** Epoch ms; the order they are sent in. */
  scannedAt: number;
  offlineAnswer: OfflineAnswer;
  guestName: string | null;
}

interface DoorDb extends DBSchema {
  lists: { key: string; value: StoredList };
  entries: { key: [string, string]; value: StoredEntry; indexes: { byCode: [string, string]; byEvent: string } };
  scans: { key: string; value: OfflineScan; indexes: { byEvent: string } };
}

let opened: Promise<IDBPDatabase<DoorDb>> | null = null;

/** The phone's door database; rejects where IndexedDB is missing or refused (private modes). */
export function doorDb(): Promise<IDBPDatabase<DoorDb>> {
  opened ??= openDB<DoorDb>("marquee-door", 1, {
    upgrade(db) {
      db.createObjectStore("lists", { keyPath: "eventId" });
      const entries = db.createObjectStore("entries", { keyPath: ["eventId", "id"] });
      entries.createIndex("byCode", ["eventId", "codeHash"]);
      entries.createIndex("byEvent", "eventId");
      db.createObjectStore("scans", { keyPath: "nonce" }).createIndex("byEvent", "eventId");
    },
  });
  return opened;
}

const encoder = new TextEncoder();

/** HMAC-SHA256(salt, code) in base64url: what the server lists for the code (Web Crypto, secure contexts). */
export async function hashDoorCode(salt: string, code: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(salt), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(code)));
  return btoa(String.fromCharCode(...mac))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** What the door says offline: green for a listed admission not yet in, amber if it is (on record or by this phone), red otherwise. */
export function offlineAnswerFor(entry: StoredEntry | undefined): OfflineAnswer {
  if (!entry) return "NOT_ON_LIST";
  return entry.status === "CHECKED_IN" || entry.localAt !== null ? "ALREADY_CHECKED_IN" : "CHECKED_IN";
}

export async function readList(eventId: string): Promise<StoredList | undefined> {
  return (await doorDb()).get("lists", eventId);
}

/**
 * Stores a read of the door list: the whole list replaces what was kept, a delta updates it.
 * What this phone let in offline and has not synced stays marked (`localAt`).
 */
export async function applyList(eventId: string, list: DoorList): Promise<void> {
  const db = await doorDb();
  const tx = db.transaction(["lists", "entries"], "readwrite");
  const entries = tx.objectStore("entries");
  const kept = new Map((await entries.index("byEvent").getAll(eventId)).map((e) => [e.id, e]));
  if (list.full) {
    const listed = new Set(list.entries.map((e) => e.id));
    for (const id of kept.keys()) if (!listed.has(id)) await entries.delete([eventId, id]);
  }
  for (const entry of list.entries) {
    if (entry.removed) await entries.delete([eventId, entry.id]);
    else await entries.put({ ...entry, eventId, localAt: kept.get(entry.id)?.localAt ?? null });
  }
  await tx.objectStore("lists").put({ eventId, salt: list.salt, cursor: list.cursor, conflicts: list.conflicts, loadedAt: Date.now() });
  await tx.done;
}

export async function findEntry(eventId: string, salt: string, code: string): Promise<StoredEntry | undefined> {
  return (await doorDb()).getFromIndex("entries", "byCode", [eventId, await hashDoorCode(salt, code)]);
}

/** Marks what an answer (online or offline) says about a code, so the next offline scan of it says amber. */
export async function markEntry(
  entry: StoredEntry,
  change: Partial<Pick<StoredEntry, "status" | "checkedInAt" | "checkedInBy" | "localAt">>,
): Promise<void> {
  await (await doorDb()).put("entries", { ...entry, ...change });
}

/** The event's admissions as kept: for the counts while offline. */
export async function listEntries(eventId: string): Promise<StoredEntry[]> {
  return (await doorDb()).getAllFromIndex("entries", "byEvent", eventId);
}

export async function queueScan(scan: OfflineScan): Promise<void> {
  await (await doorDb()).put("scans", scan);
}

/** The event's offline scans, in the order they happened. */
export async function queuedScans(eventId: string): Promise<OfflineScan[]> {
  const scans = await (await doorDb()).getAllFromIndex("scans", "byEvent", eventId);
  return scans.sort((a, b) => a.scannedAt - b.scannedAt);
}

/** Forgets synced scans, and their codes' "let in by this phone" marks (the record has them now). */
export async function forgetSynced(eventId: string, salt: string, synced: OfflineScan[]): Promise<void> {
  const hashes = await Promise.all(synced.map((s) => hashDoorCode(salt, s.code)));
  const db = await doorDb();
  const tx = db.transaction(["scans", "entries"], "readwrite");
  for (const scan of synced) await tx.objectStore("scans").delete(scan.nonce);
  const byCode = tx.objectStore("entries").index("byCode");
  for (const hash of hashes) {
    const entry = await byCode.get([eventId, hash]);
    if (entry?.localAt != null) await tx.objectStore("entries").put({ ...entry, localAt: null });
  }
  await tx.done;
}
