"use client";

// The door without network: keeps the event's list on the phone (fresh through the delta feed
// while online), answers scans from it when the network is gone, keeps those scans until they
// are synced (in order, with their nonces and times) and shows the conflicts syncs find.
import { useCallback, useEffect, useRef, useState } from "react";
import type { CheckInAnswer, CheckInConflictView, GuestCounts, OfflineAnswer } from "@/server/domain/checkin/schema";
import { doorClient } from "./door-client";
import type { StoredEntry, StoredList } from "./door-list-store";

/** The list's storage (idb and Web Crypto hashing): loaded after the page, off the door's first paint. */
const store = () => import("./door-list-store");

/** Reads of the list and syncs while online: every so often, and at once when the network returns. */
const REFRESH_MS = 15_000;
/** Scans per sync call (the server takes up to 200). */
const SYNC_BATCH = 200;

/** A scan answered from the phone's list. */
export interface OfflineReply {
  answer: OfflineAnswer;
  entry: StoredEntry | undefined;
  /** Epoch ms. */
  at: number;
}

/** Counts from the list on the phone: while offline they move with the door's own scans. */
function countsOf(entries: StoredEntry[]): GuestCounts {
  const invited = new Set<string>();
  const checkedIn = new Set<string>();
  for (const e of entries) {
    invited.add(e.guestId);
    if (e.status === "CHECKED_IN" || e.localAt !== null) checkedIn.add(e.guestId);
  }
  return { invited: invited.size, checkedIn: checkedIn.size, remaining: invited.size - checkedIn.size };
}

/** What the phone keeps for the event, read in one go. */
async function readKept(eventId: string) {
  const { readList, queuedScans, listEntries } = await store();
  const [list, scans, entries] = await Promise.all([readList(eventId), queuedScans(eventId), listEntries(eventId)]);
  return { list: list ?? null, waiting: scans.length, counts: list ? countsOf(entries) : null };
}

export function useOfflineDoor(eventId: string, deviceId: () => string) {
  const list = useRef<StoredList | null>(null);
  const [ready, setReady] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [conflicts, setConflicts] = useState<CheckInConflictView[]>([]);
  const [localCounts, setLocalCounts] = useState<GuestCounts | null>(null);
  const [stored, setStored] = useState(true);
  const busy = useRef(false);

  const apply = useCallback((kept: Awaited<ReturnType<typeof readKept>>) => {
    list.current = kept.list;
    setReady(kept.list !== null);
    setConflicts(kept.list?.conflicts ?? []);
    setWaiting(kept.waiting);
    setLocalCounts(kept.counts);
  }, []);
  const show = useCallback(async () => apply(await readKept(eventId)), [apply, eventId]);

  /** Reads the list (whole the first time, then what changed) and stores it. */
  const refresh = useCallback(async () => {
    const read = await doorClient.door.list.query({ eventId, since: list.current?.cursor }, { signal: AbortSignal.timeout(20_000) });
    await (await store()).applyList(eventId, read);
  }, [eventId]);

  /** Sends the scans answered offline, oldest first, then reads what changed (conflicts included). */
  const sync = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const { queuedScans, forgetSynced } = await store();
      let scans = await queuedScans(eventId);
      while (scans.length && list.current) {
        const batch = scans.slice(0, SYNC_BATCH);
        const { synced, retryAfterSeconds } = await doorClient.door.sync.mutate({
          eventId,
          deviceId: deviceId(),
          scans: batch.map(({ code, nonce, scannedAt, offlineAnswer }) => ({ code, nonce, scannedAt: new Date(scannedAt), offlineAnswer })),
        });
        // The record has them now: read it before the phone forgets its own marks.
        await refresh();
        const done = new Set(synced.map((s) => s.nonce));
        await forgetSynced(
          eventId,
          list.current.salt,
          batch.filter((s) => done.has(s.nonce)),
        );
        if (retryAfterSeconds !== null) break;
        scans = await queuedScans(eventId);
      }
      if (!scans.length) await refresh();
    } finally {
      busy.current = false;
      await show();
    }
  }, [deviceId, eventId, refresh, show]);

  useEffect(() => {
    let live = true;
    const catchUp = () => {
      if (navigator.onLine) sync().catch(() => undefined);
    };
    readKept(eventId).then(
      (kept) => {
        if (!live) return;
        apply(kept);
        catchUp();
      },
      () => live && setStored(false),
    );
    const poll = setInterval(catchUp, REFRESH_MS);
    window.addEventListener("online", catchUp);
    return () => {
      live = false;
      clearInterval(poll);
      window.removeEventListener("online", catchUp);
    };
  }, [apply, eventId, sync]);

  /** Answers a scan from the list and keeps it for the sync; null when there is no list on this phone. */
  const answerOffline = useCallback(
    async (scan: { nonce: string; code: string; guestName: string | null; scannedAt: number }): Promise<OfflineReply | null> => {
      const { readList, findEntry, offlineAnswerFor, markEntry, queueScan } = await store();
      // A scan can come before the page has read the kept list: it reads it then.
      const kept = list.current ?? (await readList(eventId));
      if (!kept) return null;
      const entry = await findEntry(eventId, kept.salt, scan.code);
      const answer = offlineAnswerFor(entry);
      if (answer === "CHECKED_IN" && entry) await markEntry(entry, { localAt: scan.scannedAt });
      await queueScan({ ...scan, eventId, offlineAnswer: answer, guestName: entry?.fullName ?? scan.guestName });
      await show();
      return {
        answer,
        entry,
        at: answer === "ALREADY_CHECKED_IN" ? (entry?.localAt ?? entry?.checkedInAt?.getTime() ?? scan.scannedAt) : scan.scannedAt,
      };
    },
    [eventId, show],
  );

  /** An online answer: the list on the phone learns it, so an offline scan of that code next says amber. */
  const noteAnswer = useCallback(
    async (code: string, answer: CheckInAnswer) => {
      const kept = list.current;
      if (!kept || answer.result === "NOT_ON_LIST") return;
      const { findEntry, markEntry } = await store();
      const entry = await findEntry(eventId, kept.salt, code);
      if (entry) await markEntry(entry, { status: "CHECKED_IN", checkedInAt: answer.checkedInAt, checkedInBy: answer.checkedInBy });
    },
    [eventId],
  );

  return {
    /** The list is on this phone: scans can be answered offline. */
    ready,
    /** False when this browser would not keep the list (no IndexedDB). */
    stored,
    /** Offline scans not synced yet. */
    waiting,
    conflicts,
    /** Counts from the list on the phone (null before it is kept). */
    localCounts,
    answerOffline,
    noteAnswer,
    syncNow: sync,
  };
}
