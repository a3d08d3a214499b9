"use client";

// Sends the door's scans and keeps every one until its answer arrives: retried with backoff,
// at once when the browser says it is back online, and after a page reload (they wait in
// localStorage). Two tabs of one door may both send a scan: its nonce makes that one scan.
// With no connection, a scan is answered from the list kept on the phone (use-offline-door.ts)
// when there is one, and waits there to be synced instead.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { CheckInOutcome } from "@/server/domain/checkin/schema";
import { doorClient } from "./door-client";
import type { OfflineReply } from "./use-offline-door";
import { classifyFailure, deviceIdFrom, newNonce, readPendingScans, retryDelayMs, writePendingScans, type PendingScan } from "./pending-scans";

/** What became of a scan that was sent. */
export type ScanReply =
  | { kind: "answer"; scan: PendingScan; outcome: CheckInOutcome }
  | { kind: "refused"; scan: PendingScan; message: string }
  /** Rate-limited: the scan (and every other) waits until `until`, then is sent again. */
  | { kind: "slow-down"; scan: PendingScan; until: number }
  /** No connection: answered from the list on the phone, to be synced later. */
  | { kind: "offline"; scan: PendingScan; reply: OfflineReply };

/** A scan with no answer from the server within this long is answered from the phone's list. */
const ONLINE_ANSWER_MS = 5000;

export interface PendingScanView extends PendingScan {
  sending: boolean;
}

export function useScanQueue({
  eventId,
  onReply,
  answerOffline,
}: {
  eventId: string;
  onReply: (reply: ScanReply) => void;
  /** Answers a scan from the phone's list; null when there is none (the scan then waits as pending). */
  answerOffline: (scan: PendingScan) => Promise<OfflineReply | null>;
}) {
  /** Every event's pending scans as stored; this door sends its own. */
  const queue = useRef<PendingScan[]>([]);
  const sending = useRef(new Set<string>());
  const deviceId = useRef("");
  const slowDownUntil = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** False once the door is left: answers still arriving then start no new sends. */
  const open = useRef(false);
  const replyTo = useRef(onReply);
  const offline = useRef(answerOffline);
  useLayoutEffect(() => {
    replyTo.current = onReply;
    offline.current = answerOffline;
  });
  const [pending, setPending] = useState<PendingScanView[]>([]);
  const [slowDown, setSlowDown] = useState(0);
  const [stored, setStored] = useState(true);

  /** The queue from now on: kept on the phone, and what the door shows of this event's. */
  const commit = useCallback(
    (next: PendingScan[]) => {
      queue.current = next;
      setStored(writePendingScans(localStorage, next));
      setPending(next.filter((s) => s.eventId === eventId).map((s) => ({ ...s, sending: sending.current.has(s.nonce) })));
    },
    [eventId],
  );

  const update = useCallback(
    (nonce: string, change: (scan: PendingScan) => PendingScan) => commit(queue.current.map((s) => (s.nonce === nonce ? change(s) : s))),
    [commit],
  );

  const pump = useCallback(
    function pumpScans() {
      clearTimeout(timer.current);
      if (!open.current) return;
      const dueAt = (scan: PendingScan) => Math.max(scan.notBefore, slowDownUntil.current);
      const waiting = queue.current.filter((s) => s.eventId === eventId && !sending.current.has(s.nonce));
      const now = Date.now();
      for (const scan of waiting.filter((s) => dueAt(s) <= now)) void send(scan);
      const later = waiting.filter((s) => dueAt(s) > now).map(dueAt);
      if (later.length) timer.current = setTimeout(pumpScans, Math.min(...later) - now);

      /** Answers the scan from the phone's list; false when there is none. */
      async function answeredOffline(scan: PendingScan): Promise<boolean> {
        const reply = await offline.current(scan).catch(() => null);
        if (!reply) return false;
        sending.current.delete(scan.nonce);
        commit(queue.current.filter((s) => s.nonce !== scan.nonce));
        replyTo.current({ kind: "offline", scan, reply });
        return true;
      }

      async function send(scan: PendingScan) {
        sending.current.add(scan.nonce);
        if (!navigator.onLine && (await answeredOffline(scan))) return pumpScans();
        const attempts = scan.attempts + 1;
        update(scan.nonce, (s) => ({ ...s, attempts }));
        try {
          const outcome = await doorClient.door.checkIn.mutate(
            {
              eventId: scan.eventId,
              code: scan.code,
              nonce: scan.nonce,
              deviceId: deviceId.current,
            },
            { signal: AbortSignal.timeout(ONLINE_ANSWER_MS) },
          );
          sending.current.delete(scan.nonce);
          // An answer means the way is clear again: the scans backing off go now.
          commit(queue.current.filter((s) => s.nonce !== scan.nonce).map((s) => (s.eventId === eventId ? { ...s, notBefore: 0 } : s)));
          replyTo.current({ kind: "answer", scan, outcome });
        } catch (error) {
          sending.current.delete(scan.nonce);
          const failure = classifyFailure(error);
          if (failure.kind === "refused") {
            commit(queue.current.filter((s) => s.nonce !== scan.nonce));
            replyTo.current({ kind: "refused", scan, message: failure.message });
          } else if (failure.kind === "slow-down") {
            slowDownUntil.current = Date.now() + failure.retryAfterSeconds * 1000;
            setSlowDown(slowDownUntil.current);
            update(scan.nonce, (s) => ({ ...s, lastFailure: "Too many wrong codes" }));
            replyTo.current({ kind: "slow-down", scan, until: slowDownUntil.current });
          } else if (failure.reason === "No connection" && (await answeredOffline(scan))) {
            // Answered from the list; sent with the phone's other offline scans when the network returns.
          } else {
            update(scan.nonce, (s) => ({ ...s, notBefore: Date.now() + retryDelayMs(attempts), lastFailure: failure.reason }));
          }
        }
        pumpScans();
      }
    },
    [commit, eventId, update],
  );

  /** Sends every waiting scan now (the browser is back online, or staff asked), the rate limit still applying. */
  const sendNow = useCallback(() => {
    commit(queue.current.map((s) => (s.eventId === eventId ? { ...s, notBefore: 0 } : s)));
    pump();
  }, [commit, eventId, pump]);

  useEffect(() => {
    open.current = true;
    deviceId.current = deviceIdFrom(localStorage);
    // The phone's stored scans, read once after hydration (there is no localStorage on the server).
    commit(readPendingScans(localStorage));
    pump();
    const onVisible = () => document.visibilityState === "visible" && pump();
    window.addEventListener("online", sendNow);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      open.current = false;
      clearTimeout(timer.current);
      window.removeEventListener("online", sendNow);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [commit, pump, sendNow]);

  const enqueue = useCallback(
    (code: string, guestName: string | null) => {
      const scan: PendingScan = { nonce: newNonce(), eventId, code, guestName, scannedAt: Date.now(), attempts: 0, notBefore: 0, lastFailure: null };
      commit([...queue.current, scan]);
      pump();
    },
    [commit, eventId, pump],
  );

  return {
    pending,
    enqueue,
    sendNow,
    /** Epoch ms until which nothing is sent (the wrong-code limit); 0 or past when none. */
    slowDownUntil: slowDown,
    /** False when the browser would not store the scans: they then live only as long as the page. */
    stored,
  };
}
