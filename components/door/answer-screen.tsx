"use client";

// The answer to a scan, over the whole screen in a colour readable from arm's length in a dark
// doorway: green let in, amber already in (when, by whom), red not on the list. It stays until
// tapped ("Next guest") or until a few seconds pass.
import { useEffect, useEffectEvent, useRef, type ReactNode } from "react";
import { checkedInMessage, formatAgo, formatDoorTime } from "@/server/domain/checkin/door-words";
import { useNow } from "./use-now";

/**
 * `ticketType` names a sold ticket's type ("VIP"); null (or absent, in answers replayed from before) for an invited guest.
 * `offline`: answered from the list on the phone, with no network; the scan is synced later.
 */
export type DoorAnswer =
  | { id: string; kind: "CHECKED_IN"; guestId?: string; guestName: string; ticketType?: string | null; at: Date; offline?: boolean }
  /** `by` is null only for admissions recorded without a staff member. */
  | {
      id: string;
      kind: "ALREADY_CHECKED_IN";
      guestName: string;
      ticketType?: string | null;
      at: Date;
      by: { name: string; you: boolean } | null;
      offline?: boolean;
    }
  | { id: string; kind: "NOT_ON_LIST"; offline?: boolean }
  | { id: string; kind: "SLOW_DOWN"; until: number }
  | { id: string; kind: "REFUSED"; guestName: string | null; message: string };

/** How long an answer stays on its own: a green one is read at a glance, the others need a moment. */
const SHOWN_MS = { CHECKED_IN: 4000, ALREADY_CHECKED_IN: 8000, NOT_ON_LIST: 8000, SLOW_DOWN: 8000, REFUSED: 8000 } as const;

const LOOK = {
  CHECKED_IN: { title: "Checked in", screen: "bg-emerald-700 text-white", button: "bg-white text-emerald-900", icon: <CheckIcon /> },
  ALREADY_CHECKED_IN: { title: "Already in", screen: "bg-amber-400 text-ink-950", button: "bg-ink-950 text-amber-300", icon: <RepeatIcon /> },
  NOT_ON_LIST: { title: "Not on the list", screen: "bg-red-700 text-white", button: "bg-white text-red-800", icon: <CrossIcon /> },
  SLOW_DOWN: { title: "Slow down", screen: "bg-ink-800 text-white", button: "bg-white text-ink-950", icon: <HandIcon /> },
  REFUSED: { title: "Can't check in", screen: "bg-stone-800 text-white", button: "bg-white text-ink-950", icon: <CrossIcon /> },
} satisfies Record<DoorAnswer["kind"], { title: string; screen: string; button: string; icon: ReactNode }>;

/** What the answer says in words, on screen and to screen readers. */
export function answerSentence(answer: DoorAnswer, timeZone: string, now = Date.now()): string {
  return ("offline" in answer && answer.offline ? "Offline answer: " : "") + answerWords(answer, timeZone, now);
}

function answerWords(answer: DoorAnswer, timeZone: string, now: number): string {
  switch (answer.kind) {
    case "CHECKED_IN":
      return `${checkedInMessage(answer.guestName)}${ticketOf(answer)}.`;
    case "ALREADY_CHECKED_IN":
      return `Already in: ${answer.guestName}${ticketOf(answer)}, checked in at ${formatDoorTime(answer.at, timeZone, new Date(now))}${answer.by ? ` by ${byWhom(answer.by)}` : ""}.`;
    case "NOT_ON_LIST":
      return "Not on the list: this code is not a ticket for this event.";
    case "SLOW_DOWN":
      return `Slow down: too many wrong codes. Scans resume in ${secondsLeft(answer.until, now)} s.`;
    case "REFUSED":
      return `Can't check in${answer.guestName ? ` ${answer.guestName}` : ""}: ${answer.message}`;
  }
}

function ticketOf(answer: { ticketType?: string | null }): string {
  return answer.ticketType ? ` (${answer.ticketType})` : "";
}

function byWhom(by: { name: string; you: boolean }): string {
  return by.you ? `${by.name} (you)` : by.name;
}

export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

export function AnswerScreen({
  answer,
  timeZone,
  onDismiss,
  onUndo,
}: {
  answer: DoorAnswer;
  timeZone: string;
  /** `deliberate`: staff tapped it away (the code still in view then counts as a new scan). */
  onDismiss: (deliberate: boolean) => void;
  /** Takes this check-in back (a mistaken scan); absent when the viewer may not. */
  onUndo?: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  // The latest onDismiss, called from the timer without restarting it when the parent re-renders.
  const dismissWhenShown = useEffectEvent(() => onDismiss(false));
  const now = useNow(1000, answer.kind === "SLOW_DOWN");
  const look = LOOK[answer.kind];

  useEffect(() => {
    // A "slow down" goes when its wait is over, if that comes first.
    const shownMs = answer.kind === "SLOW_DOWN" ? Math.min(SHOWN_MS.SLOW_DOWN, Math.max(0, answer.until - Date.now())) : SHOWN_MS[answer.kind];
    const before = document.activeElement;
    button.current?.focus();
    const timer = setTimeout(dismissWhenShown, shownMs);
    const countdown = bar.current?.animate([{ transform: "scaleX(1)" }, { transform: "scaleX(0)" }], {
      duration: shownMs,
      easing: "linear",
      fill: "forwards",
    });
    return () => {
      clearTimeout(timer);
      countdown?.cancel();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [answer]);

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="door-answer-title"
      aria-describedby="door-answer-detail"
      data-answer={answer.kind}
      className={`fixed inset-0 z-50 flex flex-col ${look.screen}`}
      onClick={() => onDismiss(true)}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDismiss(true);
        // The one control here keeps the focus (with Undo, Tab moves between the two).
        if (e.key === "Tab" && !onUndo) e.preventDefault();
      }}
    >
      <div ref={bar} aria-hidden="true" className="h-2 origin-left bg-current opacity-40" />
      <div className="mx-auto flex w-full max-w-5xl flex-1 flex-col items-center justify-center gap-5 px-6 py-8 text-center">
        <span aria-hidden="true" className="grid size-28 place-items-center rounded-full bg-current/15 sm:size-36 [&>svg]:size-16 sm:[&>svg]:size-20">
          {look.icon}
        </span>
        <h2 id="door-answer-title" className="text-5xl leading-none font-black tracking-tight uppercase sm:text-7xl">
          {look.title}
        </h2>
        {"offline" in answer && answer.offline ? (
          <p data-testid="door-answer-offline" className="rounded-full bg-ink-950 px-4 py-1.5 text-lg font-bold text-white ring-2 ring-white/70">
            Offline · from this phone's list, synced later
          </p>
        ) : null}
        {"guestName" in answer && answer.guestName ? (
          <p className="text-4xl leading-tight font-bold text-balance break-words sm:text-6xl" data-testid="door-answer-guest">
            {answer.guestName}
          </p>
        ) : null}
        {"ticketType" in answer && answer.ticketType ? (
          <p
            className="rounded-full bg-current/15 px-5 py-1.5 text-2xl font-black tracking-wide uppercase sm:text-4xl"
            data-testid="door-answer-ticket-type"
          >
            <span className="sr-only">Ticket type: </span>
            {answer.ticketType}
          </p>
        ) : null}
        <div id="door-answer-detail" className="flex max-w-2xl flex-col gap-1 text-xl font-medium sm:text-2xl">
          <AnswerDetail answer={answer} timeZone={timeZone} now={now} />
        </div>
      </div>
      <div className="mx-auto flex w-full max-w-3xl gap-3 px-4 pb-[max(1rem,env(safe-area-inset-bottom))]">
        {onUndo ? (
          <button
            type="button"
            onClick={(e) => {
              e.stopPropagation();
              onUndo();
            }}
            className="min-h-16 shrink-0 rounded-2xl border-2 border-current px-6 text-2xl font-bold active:scale-[0.99] focus-visible:outline-4 focus-visible:outline-offset-4 focus-visible:outline-current"
          >
            Undo
          </button>
        ) : null}
        <button
          ref={button}
          type="button"
          onClick={(e) => {
            e.stopPropagation();
            onDismiss(true);
          }}
          className={`min-h-16 w-full flex-1 rounded-2xl text-2xl font-bold shadow-lg active:scale-[0.99] focus-visible:outline-4 focus-visible:outline-offset-4 focus-visible:outline-current ${look.button}`}
        >
          {answer.kind === "SLOW_DOWN" || answer.kind === "REFUSED" ? "OK" : "Next guest"}
        </button>
      </div>
    </div>
  );
}

function AnswerDetail({ answer, timeZone, now }: { answer: DoorAnswer; timeZone: string; now: number }) {
  switch (answer.kind) {
    case "CHECKED_IN":
      return (
        <p>
          Let them in · <time dateTime={answer.at.toISOString()}>{formatDoorTime(answer.at, timeZone)}</time>
        </p>
      );
    case "ALREADY_CHECKED_IN":
      return (
        <>
          <p className="font-bold">
            Checked in at{" "}
            <time dateTime={answer.at.toISOString()} data-testid="door-answer-time">
              {formatDoorTime(answer.at, timeZone)}
            </time>
            {answer.by ? ` by ${byWhom(answer.by)}` : ""}
          </p>
          <p className="opacity-80">Let in {formatAgo(answer.at)}: don't let the same ticket in twice.</p>
        </>
      );
    case "NOT_ON_LIST":
      return (
        <>
          <p className="font-bold">This code is not a ticket for this event.</p>
          <p className="opacity-85">If they say they're on the list, search their name.</p>
        </>
      );
    case "SLOW_DOWN":
      return (
        <>
          <p className="font-bold">
            Too many wrong codes. Retry in <span data-testid="door-retry-seconds">{secondsLeft(answer.until, now)}</span> s.
          </p>
          <p className="opacity-80">This scan waits and is sent again on its own.</p>
        </>
      );
    case "REFUSED":
      return <p>{answer.message}</p>;
  }
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={3} strokeLinecap="round" strokeLinejoin="round">
      <path d="m4.5 12.75 6 6 9-13.5" />
    </svg>
  );
}

function CrossIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={3} strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 18 18 6M6 6l12 12" />
    </svg>
  );
}

function RepeatIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round">
      <path d="M12 6v6l4 2" />
      <circle cx="12" cy="12" r="9" />
    </svg>
  );
}

function HandIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round">
      <path d="M12 8v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />
    </svg>
  );
}
