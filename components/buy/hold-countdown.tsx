"use client";

// How long a held order waits for its payment, counting down; when the hold runs out the page
// is read again, so it shows what the server decided (released, or paid at the last second).
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useNow } from "../door/use-now";

/** "14:05" (minutes and seconds) until `until`, never below zero. */
export function timeLeft(until: Date, now: number): string {
  const seconds = Math.max(0, Math.ceil((until.getTime() - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function HoldCountdown({ until }: { until: Date }) {
  const router = useRouter();
  const now = useNow(1000);
  const over = now >= until.getTime();
  useEffect(() => {
    if (over) router.refresh();
  }, [over, router]);
  return (
    // The server rendered its own second; the browser takes over from the first tick.
    <span className="font-bold tabular-nums" data-testid="hold-time-left" suppressHydrationWarning>
      {timeLeft(until, now)}
    </span>
  );
}
