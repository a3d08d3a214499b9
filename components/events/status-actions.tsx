"use client";

import { useState } from "react";
import { allowedNextStatuses } from "@/server/domain/events/status";
import type { EventStatus } from "@/server/generated/prisma/enums";
import { readServerError } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Button, type ButtonVariant } from "../ui/button";
import { Dialog } from "../ui/dialog";

interface Move {
  label: string;
  done: string;
  variant: ButtonVariant;
  /** Final moves ask first. */
  confirm?: { title: string; body: string; action: string };
}

const MOVES: Record<EventStatus, Move> = {
  ON_HOLD: { label: "Pause sales", done: "Sales paused. Promoters can't post from it until you resume.", variant: "secondary" },
  UPCOMING: { label: "Resume sales", done: "Sales resumed.", variant: "accent" },
  CANCELED: {
    label: "Cancel event",
    done: "Event canceled.",
    variant: "dangerGhost",
    confirm: {
      title: "Cancel this event?",
      body: "Ticket sales stop for good and the public pages say it's canceled. A canceled event can't be brought back.",
      action: "Yes, cancel the event",
    },
  },
  COMPLETED: {
    label: "Mark completed",
    done: "Event marked completed.",
    variant: "secondary",
    confirm: {
      title: "Mark this event completed?",
      body: "Use this when the event is over. Sales close, and a completed event can't change any more.",
      action: "Mark completed",
    },
  },
};

/** The status moves the diagram allows from here, and nothing else (see status.ts). */
export function StatusActions({ eventId, title, status }: { eventId: string; title: string; status: EventStatus }) {
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState<EventStatus | null>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const update = trpc.events.update.useMutation({
    onSuccess: async (_data, { status: to }) => {
      setConfirming(null);
      if (to) setMessage({ tone: "ok", text: MOVES[to].done });
      await Promise.all([utils.events.details.invalidate({ id: eventId }), utils.events.list.invalidate(), utils.events.home.invalidate()]);
    },
    onError: async (error) => {
      setConfirming(null);
      setMessage({ tone: "error", text: readServerError(error).message });
      await utils.events.details.invalidate({ id: eventId });
    },
  });
  const moves = allowedNextStatuses(status);

  function go(to: EventStatus) {
    setMessage(null);
    if (MOVES[to].confirm) setConfirming(to);
    else update.mutate({ id: eventId, status: to });
  }

  const pendingTo = update.isPending ? update.variables?.status : undefined;
  const confirm = confirming ? MOVES[confirming].confirm : undefined;

  return (
    <div className="flex flex-col gap-2">
      {moves.length > 0 ? (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Change status">
          {/* Reversible moves first, final ones last. */}
          {[...moves]
            .sort((a, b) => Number(Boolean(MOVES[a].confirm)) - Number(Boolean(MOVES[b].confirm)))
            .map((to) => (
              <Button key={to} variant={MOVES[to].variant} onClick={() => go(to)} pending={pendingTo === to} disabled={update.isPending}>
                {MOVES[to].label}
              </Button>
            ))}
        </div>
      ) : null}
      <p aria-live="polite" className={`text-sm ${message?.tone === "error" ? "font-medium text-red-700" : "text-emerald-700"}`}>
        {message?.text}
      </p>
      <Dialog
        open={confirming !== null}
        onClose={() => !update.isPending && setConfirming(null)}
        title={confirm?.title ?? ""}
        description={<span className="font-medium text-ink-950">{title}</span>}
      >
        <p className="text-sm text-stone-700">{confirm?.body}</p>
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setConfirming(null)} disabled={update.isPending}>
            Keep it as it is
          </Button>
          <Button
            variant={confirming === "CANCELED" ? "danger" : "primary"}
            pending={update.isPending}
            onClick={() => confirming && update.mutate({ id: eventId, status: confirming })}
          >
            {confirm?.action}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
