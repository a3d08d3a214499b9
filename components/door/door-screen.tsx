"use client";

// The door of one event, for the phone in a steward's hand: running counts, the camera, search
// by name, this phone's scans (pending ones included), and the answer over the whole screen.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { conflictSentence } from "@/server/domain/checkin/conflict-words";
import type { CheckInConflictView, DoorSearchHit, GuestCounts } from "@/server/domain/checkin/schema";
import { formatEventStart } from "../format";
import { AnswerScreen, answerSentence, secondsLeft, type DoorAnswer } from "./answer-screen";
import { CameraScanner } from "./camera-scanner";
import { doorClient, useDoorCounts } from "./door-client";
import { formatDoorTime } from "@/server/domain/checkin/door-words";
import { GuestSearch } from "./guest-search";
import { deviceIdFrom, ScanDebounce, type PendingScan } from "./pending-scans";
import { registerDoorWorker } from "./register-door-worker";
import { useNow } from "./use-now";
import { useOfflineDoor } from "./use-offline-door";
import { useScanQueue, type PendingScanView, type ScanReply } from "./use-scan-queue";

export interface DoorEventView {
  id: string;
  title: string;
  venue: string;
  startDate: Date;
  timezone: string;
}

/** A scan that got its answer, for the list of this phone's scans. */
interface AnsweredScan {
  id: string;
  kind: DoorAnswer["kind"];
  label: string;
  at: number;
  /** A check-in's guest and when they were let in: what Undo takes back. */
  admitted?: { guestId: string; at: number };
  /** Taken back with Undo, or why that failed. */
  undo?: { done: true } | { done: false; error: string };
  offline: boolean;
}

const ANSWERED_SHOWN = 8;

const VIBRATION: Partial<Record<DoorAnswer["kind"], number[]>> = {
  CHECKED_IN: [80],
  ALREADY_CHECKED_IN: [120, 80, 120],
  NOT_ON_LIST: [300, 100, 300],
  SLOW_DOWN: [300, 100, 300],
  REFUSED: [300, 100, 300],
};

function ticketLabel(code: string): string {
  return `Ticket …${code.slice(-4)}`;
}

function answerOf(reply: ScanReply, viewerId: string): DoorAnswer {
  const id = reply.scan.nonce;
  if (reply.kind === "refused") return { id, kind: "REFUSED", guestName: reply.scan.guestName, message: reply.message };
  if (reply.kind === "slow-down") return { id, kind: "SLOW_DOWN", until: reply.until };
  if (reply.kind === "offline") {
    const { answer, entry, at } = reply.reply;
    if (answer === "NOT_ON_LIST" || !entry) return { id, kind: "NOT_ON_LIST", offline: true };
    const guest = { guestName: entry.fullName, ticketType: entry.ticketType, at: new Date(at), offline: true };
    if (answer === "CHECKED_IN") return { id, kind: "CHECKED_IN", ...guest };
    const by =
      entry.localAt !== null
        ? { name: "this phone", you: false }
        : entry.checkedInBy && { name: entry.checkedInBy.name, you: entry.checkedInBy.id === viewerId };
    return { id, kind: "ALREADY_CHECKED_IN", ...guest, by };
  }
  const { answer } = reply.outcome;
  switch (answer.result) {
    case "CHECKED_IN":
      return {
        id,
        kind: "CHECKED_IN",
        guestId: answer.guest.id,
        guestName: answer.guest.fullName,
        ticketType: answer.guest.ticketType,
        at: answer.checkedInAt,
      };
    case "ALREADY_CHECKED_IN":
      return {
        id,
        kind: "ALREADY_CHECKED_IN",
        guestName: answer.guest.fullName,
        ticketType: answer.guest.ticketType,
        at: answer.checkedInAt,
        by: answer.checkedInBy ? { name: answer.checkedInBy.name, you: answer.checkedInBy.id === viewerId } : null,
      };
    case "NOT_ON_LIST":
      return { id, kind: "NOT_ON_LIST" };
  }
}

function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const read = () => setOnline(navigator.onLine);
    read();
    window.addEventListener("online", read);
    window.addEventListener("offline", read);
    return () => {
      window.removeEventListener("online", read);
      window.removeEventListener("offline", read);
    };
  }, []);
  return online;
}

/** Whether a check-in on this phone can still be taken back by the viewer (the server decides; this hides what it would refuse). */
function undoable(scan: AnsweredScan, undoWindowMs: number | null, now: number): scan is AnsweredScan & { admitted: object } {
  if (!scan.admitted || scan.undo?.done) return false;
  return undoWindowMs === null || now - scan.admitted.at <= undoWindowMs;
}

export function DoorScreen({
  event,
  viewerId,
  initialCounts,
  undoWindowMs,
}: {
  event: DoorEventView;
  viewerId: string;
  initialCounts: GuestCounts;
  /** How long after a check-in of theirs the viewer may take it back; null: any time (the curator). */
  undoWindowMs: number | null;
}) {
  /** Answers this door got: each reloads the counts and the search results. */
  const [answersGot, setAnswersGot] = useState(0);
  const counts = useDoorCounts(event.id, initialCounts, answersGot);
  const online = useOnline();
  const [answers, setAnswers] = useState<DoorAnswer[]>([]);
  const [answered, setAnswered] = useState<AnsweredScan[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const debounce = useRef(new ScanDebounce());
  const answerShowing = answers.length > 0;
  const deviceId = useCallback(() => deviceIdFrom(localStorage), []);
  const offlineDoor = useOfflineDoor(event.id, deviceId);
  const { answerOffline: answerFromList, noteAnswer } = offlineDoor;

  useEffect(registerDoorWorker, []);

  const onReply = useCallback(
    (reply: ScanReply) => {
      const answer = answerOf(reply, viewerId);
      setAnswers((shown) => (answer.kind === "SLOW_DOWN" && shown.some((a) => a.kind === "SLOW_DOWN") ? shown : [...shown, answer]));
      setAnnouncement((before) => answerSentence(answer, event.timezone) + (before.endsWith(" ") ? "" : " "));
      navigator.vibrate?.(VIBRATION[answer.kind] ?? []);
      if (reply.kind === "slow-down") return;
      const label = "guestName" in answer && answer.guestName ? answer.guestName : (reply.scan.guestName ?? ticketLabel(reply.scan.code));
      const admitted = answer.kind === "CHECKED_IN" && answer.guestId ? { guestId: answer.guestId, at: answer.at.getTime() } : undefined;
      const offline = reply.kind === "offline";
      setAnswered((list) => [{ id: answer.id, kind: answer.kind, label, at: Date.now(), admitted, offline }, ...list].slice(0, ANSWERED_SHOWN));
      if (reply.kind === "answer") void noteAnswer(reply.scan.code, reply.outcome.answer).catch(() => undefined);
      setAnswersGot((n) => n + 1);
    },
    [event.timezone, viewerId, noteAnswer],
  );
  const answerOffline = useCallback(
    (scan: PendingScan) => answerFromList({ nonce: scan.nonce, code: scan.code, guestName: scan.guestName, scannedAt: scan.scannedAt }),
    [answerFromList],
  );
  const scans = useScanQueue({ eventId: event.id, onReply, answerOffline });
  const { enqueue } = scans;

  const onCode = useCallback(
    (code: string) => {
      const now = Date.now();
      if (answerShowing) debounce.current.keepInView(code, now);
      else if (debounce.current.sight(code, now)) enqueue(code, null);
    },
    [answerShowing, enqueue],
  );

  const dismiss = useCallback((deliberate: boolean) => {
    if (deliberate) debounce.current.forget();
    setAnswers((shown) => shown.slice(1));
  }, []);

  const undo = useCallback(
    async (scan: AnsweredScan & { admitted: object }) => {
      const mark = (undone: AnsweredScan["undo"]) => setAnswered((list) => list.map((s) => (s.id === scan.id ? { ...s, undo: undone } : s)));
      try {
        await doorClient.door.undo.mutate({ eventId: event.id, guestId: scan.admitted.guestId });
        mark({ done: true });
        setAnnouncement(`Check-in of ${scan.label} taken back.`);
        setAnswersGot((n) => n + 1);
      } catch (error) {
        const message = error instanceof Error ? error.message : "try again";
        mark({ done: false, error: message });
        setAnnouncement(`Could not take back the check-in of ${scan.label}: ${message}`);
      }
    },
    [event.id],
  );

  const checkInGuest = useCallback((guest: DoorSearchHit) => enqueue(guest.ticketCode, guest.fullName), [enqueue]);
  const pendingCodes = new Set(scans.pending.map((s) => s.code));
  const current = answers[0];
  const currentScan = answered.find((s) => s.id === current?.id);
  const undoOfCurrent =
    // The answer is on screen for seconds after it came: judged at its arrival.
    currentScan && undoable(currentScan, undoWindowMs, currentScan.at)
      ? () => {
          void undo(currentScan);
          dismiss(true);
        }
      : undefined;
  // Offline, the server's counts stand still: the list on the phone moves with this door's scans.
  const shown = !online && offlineDoor.localCounts ? offlineDoor.localCounts : counts;
  const share = shown.invited ? Math.round((shown.checkedIn / shown.invited) * 100) : 0;

  return (
    <>
      <div
        inert={current !== undefined}
        className="mx-auto grid w-full max-w-6xl grid-cols-1 gap-5 px-4 pt-4 pb-10 sm:px-6 lg:grid-cols-2 lg:gap-x-10 lg:pt-8"
      >
        <header className="lg:col-span-2">
          <div className="flex items-center justify-between gap-3">
            <Link
              href="/door"
              className="-mx-1 inline-flex min-h-10 items-center rounded-lg px-1 text-sm font-semibold text-stone-400 hover:text-white"
            >
              ← All doors
            </Link>
            <p
              className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-bold ${
                online ? "bg-emerald-400/15 text-emerald-300" : "bg-amber-400 text-ink-950"
              }`}
            >
              <span aria-hidden="true" className={`size-2.5 rounded-full ${online ? "bg-emerald-400" : "bg-ink-950"}`} />
              {online ? "Online" : "Offline"}
            </p>
          </div>
          <h1 className="mt-1 text-2xl leading-tight font-bold tracking-tight text-balance text-white sm:text-3xl">{event.title}</h1>
          <p className="mt-0.5 text-base text-stone-400">
            {event.venue} · {formatEventStart(event.startDate, event.timezone)}
          </p>
        </header>

        <div className="flex flex-col gap-5">
          <section aria-label="Counts" className="rounded-3xl bg-ink-900 p-4 ring-1 ring-white/10 sm:p-5">
            <dl className="grid grid-cols-3 gap-2">
              <div>
                <dt className="text-sm font-semibold text-stone-400">Checked in</dt>
                <dd className="text-4xl font-black text-emerald-400 tabular-nums sm:text-5xl" data-testid="door-checked-in">
                  {shown.checkedIn}
                </dd>
              </div>
              <div>
                <dt className="text-sm font-semibold text-stone-400">On the list</dt>
                <dd className="text-4xl font-black text-white tabular-nums sm:text-5xl" data-testid="door-invited">
                  {shown.invited}
                </dd>
              </div>
              <div>
                <dt className="text-sm font-semibold text-stone-400">Still to come</dt>
                <dd className="text-4xl font-black text-stone-300 tabular-nums sm:text-5xl">{shown.remaining}</dd>
              </div>
            </dl>
            <div className="mt-4 h-2.5 overflow-hidden rounded-full bg-white/10" role="presentation">
              <div className="h-full rounded-full bg-emerald-400 transition-[width]" style={{ width: `${share}%` }} />
            </div>
            <OfflineStatus waiting={offlineDoor.waiting} ready={offlineDoor.ready} stored={offlineDoor.stored} online={online} />
          </section>
          <Conflicts conflicts={offlineDoor.conflicts} deviceId={deviceId} timeZone={event.timezone} />
          <SlowDownBanner until={scans.slowDownUntil} />
          <CameraScanner onCode={onCode} />
        </div>

        <div className="flex flex-col gap-6">
          <GuestSearch eventId={event.id} timeZone={event.timezone} pendingCodes={pendingCodes} onCheckIn={checkInGuest} answersGot={answersGot} />
          <ScanList
            pending={scans.pending}
            answered={answered}
            slowDownUntil={scans.slowDownUntil}
            stored={scans.stored}
            onSendNow={scans.sendNow}
            timeZone={event.timezone}
            undoWindowMs={undoWindowMs}
            onUndo={(scan) => void undo(scan)}
          />
        </div>
      </div>

      {current ? <AnswerScreen answer={current} timeZone={event.timezone} onDismiss={dismiss} onUndo={undoOfCurrent} /> : null}
      <div aria-live="assertive" className="sr-only">
        {announcement}
      </div>
    </>
  );
}

/** Whether this phone can answer without network, and how many of its scans still wait to sync. */
function OfflineStatus({ waiting, ready, stored, online }: { waiting: number; ready: boolean; stored: boolean; online: boolean }) {
  if (!stored)
    return <p className="mt-3 text-sm font-semibold text-amber-300">This browser won't keep the list: without network, scans wait for it.</p>;
  return (
    <p className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-stone-300">
      <span>
        {ready ? "List on this phone: scans are answered offline too" : online ? "Keeping the list on this phone…" : "No list on this phone yet"}
      </span>
      {waiting > 0 ? (
        <span data-testid="door-waiting" className="rounded-full bg-marquee-400 px-2.5 py-0.5 font-bold text-ink-950">
          {waiting} waiting to sync
        </span>
      ) : null}
    </p>
  );
}

/** Guests let in twice (two phones apart, or one offline): this phone's own first. */
function Conflicts({ conflicts, deviceId, timeZone }: { conflicts: CheckInConflictView[]; deviceId: () => string; timeZone: string }) {
  if (!conflicts.length) return null;
  const mine = deviceId();
  const ours = (c: CheckInConflictView) => c.first.deviceId === mine || c.second.deviceId === mine;
  const sorted = [...conflicts].sort((a, b) => Number(ours(b)) - Number(ours(a)));
  return (
    <section aria-labelledby="conflicts-heading" className="rounded-3xl bg-red-950/60 p-4 ring-2 ring-red-500/70">
      <h2 id="conflicts-heading" className="text-base font-bold text-red-200">
        Came in twice · {conflicts.length}
      </h2>
      <ul className="mt-2 flex flex-col gap-2">
        {sorted.map((c) => (
          <li key={c.id} data-testid="door-conflict" className="text-base text-white">
            {conflictSentence(c, timeZone)}
            {ours(c) ? <span className="ml-2 rounded-md bg-red-500 px-1.5 py-0.5 text-xs font-bold text-white">this phone</span> : null}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-red-200">The record keeps the earlier check-in; the curator sees these too.</p>
    </section>
  );
}

function SlowDownBanner({ until }: { until: number }) {
  const now = useNow(1000);
  const left = secondsLeft(until, now);
  if (left === 0) return null;
  return (
    <p role="status" className="rounded-2xl bg-marquee-500 px-4 py-3 text-lg font-bold text-ink-950">
      Slow down: too many wrong codes. Scans are sent again in {left} s.
    </p>
  );
}

const ANSWER_LOOK: Record<DoorAnswer["kind"], { text: string; dot: string }> = {
  CHECKED_IN: { text: "Checked in", dot: "bg-emerald-400" },
  ALREADY_CHECKED_IN: { text: "Already in", dot: "bg-amber-400" },
  NOT_ON_LIST: { text: "Not on the list", dot: "bg-red-500" },
  SLOW_DOWN: { text: "Slow down", dot: "bg-marquee-500" },
  REFUSED: { text: "Refused", dot: "bg-stone-400" },
};

function ScanList({
  pending,
  answered,
  slowDownUntil,
  stored,
  onSendNow,
  timeZone,
  undoWindowMs,
  onUndo,
}: {
  pending: PendingScanView[];
  answered: AnsweredScan[];
  slowDownUntil: number;
  stored: boolean;
  onSendNow: () => void;
  timeZone: string;
  undoWindowMs: number | null;
  onUndo: (scan: AnsweredScan & { admitted: object }) => void;
}) {
  // Ticks for the pending countdowns, and so an Undo goes when its window closes.
  const now = useNow(1000, pending.length > 0 || (undoWindowMs !== null && answered.some((s) => s.admitted && !s.undo?.done)));
  if (!pending.length && !answered.length) return null;
  return (
    <section aria-labelledby="scans-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        <h2 id="scans-heading" className="text-base font-semibold text-stone-200">
          Scans on this phone{pending.length ? ` · ${pending.length} pending` : ""}
        </h2>
        {pending.some((s) => !s.sending) ? (
          <button
            type="button"
            onClick={onSendNow}
            className="min-h-11 shrink-0 rounded-xl bg-white/10 px-4 text-base font-semibold whitespace-nowrap text-white hover:bg-white/15"
          >
            Send now
          </button>
        ) : null}
      </div>
      {!stored ? (
        <p role="alert" className="rounded-xl bg-amber-400 px-3 py-2 text-sm font-semibold text-ink-950">
          This browser won't keep pending scans: leave this page open until they are sent.
        </p>
      ) : null}
      <ul className="flex flex-col gap-2" aria-label="Scans">
        {pending.map((scan) => {
          const wait = secondsLeft(Math.max(scan.notBefore, slowDownUntil), now);
          return (
            <li
              key={scan.nonce}
              data-testid="pending-scan"
              className="flex items-center gap-3 rounded-2xl border-2 border-dashed border-marquee-400/70 bg-marquee-400/10 px-4 py-3"
            >
              <span aria-hidden="true" className="size-3 shrink-0 animate-pulse rounded-full bg-marquee-400" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-lg font-semibold text-white">{scan.guestName ?? ticketLabel(scan.code)}</p>
                <p className="text-sm text-marquee-200">
                  <span className="mr-1.5 rounded-md bg-marquee-400 px-1.5 py-0.5 font-bold text-ink-950">Pending</span>
                  {scan.sending || wait === 0 ? "Sending…" : `${scan.lastFailure ?? "Waiting"} · trying again in ${wait} s`}
                </p>
              </div>
            </li>
          );
        })}
        {answered.map((scan) => (
          <li key={scan.id} data-testid="answered-scan" className="flex items-center gap-3 rounded-2xl bg-ink-900 px-4 py-3 ring-1 ring-white/10">
            <span aria-hidden="true" className={`size-3 shrink-0 rounded-full ${scan.undo?.done ? "bg-stone-500" : ANSWER_LOOK[scan.kind].dot}`} />
            <div className="min-w-0 flex-1">
              <p className="truncate text-lg font-semibold text-white">{scan.label}</p>
              <p className="text-sm text-stone-300">
                {scan.undo?.done ? "Taken back" : ANSWER_LOOK[scan.kind].text}
                {scan.offline ? " (offline)" : ""} · {formatDoorTime(new Date(scan.at), timeZone)}
              </p>
              {scan.undo && !scan.undo.done ? (
                <p role="alert" className="text-sm font-semibold text-amber-300">
                  {scan.undo.error}
                </p>
              ) : null}
            </div>
            {undoable(scan, undoWindowMs, now) ? (
              <button
                type="button"
                onClick={() => onUndo(scan)}
                aria-label={`Undo the check-in of ${scan.label}`}
                className="min-h-11 shrink-0 rounded-xl bg-white/10 px-4 text-base font-semibold text-white hover:bg-white/15"
              >
                Undo
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
