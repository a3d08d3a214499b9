"use client";

// The door talks to the server through a plain tRPC client and the two small hooks below, not
// tRPC's React Query hooks: the door is the page a phone opens on a patchy network, and React
// Query with its tRPC bindings would add about 23 KB (gzipped) to it.
import { createTRPCClient } from "@trpc/client";
import { useEffect, useRef, useState } from "react";
import type { DoorSearchHit, GuestCounts } from "@/server/domain/checkin/schema";
import type { AppRouter } from "@/server/trpc/root";
import { trpcLinks } from "../trpc-links";

export const doorClient = createTRPCClient<AppRouter>({ links: trpcLinks("door") });

const COUNTS_REFRESH_MS = 10_000;

/**
 * The event's running counts: the server-rendered ones first, then read again every 10 s while
 * the page is in view, when it comes back into view, and each time `answersGot` (the number of
 * answers this door got) grows, since an answer is a check-in that moves them.
 */
export function useDoorCounts(eventId: string, initial: GuestCounts, answersGot: number): GuestCounts {
  const [counts, setCounts] = useState(initial);
  const asked = useRef(0);
  const shown = useRef(0);
  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      if (document.visibilityState === "hidden") return;
      const ask = ++asked.current;
      try {
        const next = await doorClient.door.counts.query({ eventId }, { signal: controller.signal });
        // A poll and an answer's reload can cross: an older reply never replaces a newer one.
        if (ask < shown.current) return;
        shown.current = ask;
        setCounts(next);
      } catch {
        // Offline or a blip: the last counts stay up until a later read gets through.
      }
    };
    // load() catches its own failures: the callers below have nothing to wait for.
    const refresh = () => void load();
    if (answersGot > 0) refresh();
    const poll = setInterval(refresh, COUNTS_REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      controller.abort();
      clearInterval(poll);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [eventId, answersGot]);
  return counts;
}

export interface GuestSearchResult {
  /** The latest results, kept while the next query loads so the list does not flicker. */
  guests: DoorSearchHit[] | null;
  error: unknown;
  loading: boolean;
}

/**
 * Guests matching `query` (null: no search), read again each time `answersGot` grows since an
 * answer changes a guest's status. Only the reply to the latest query is shown: one still on
 * its way when the text changes is cancelled and ignored.
 */
export function useGuestSearch(eventId: string, query: string | null, answersGot: number): GuestSearchResult {
  // Which search the stored reply answers: while it is not the current one, the search is loading.
  const asked = `${answersGot}:${query}`;
  const [result, setResult] = useState<{ asked: string | null; query: string | null; guests: DoorSearchHit[] | null; error: unknown }>({
    asked: null,
    query: null,
    guests: null,
    error: null,
  });
  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    doorClient.door.search.query({ eventId, query, limit: 20 }, { signal: controller.signal }).then(
      ({ guests }) => {
        if (!controller.signal.aborted) setResult({ asked, query, guests, error: null });
      },
      (error: unknown) => {
        // Another query's guests would read as this one's: they go; this query's stay up.
        if (!controller.signal.aborted) setResult((before) => ({ asked, query, guests: before.query === query ? before.guests : null, error }));
      },
    );
    return () => controller.abort();
  }, [eventId, query, answersGot, asked]);
  const current = result.asked === asked;
  return { guests: result.guests, error: current ? result.error : null, loading: query !== null && !current };
}
