"use client";

// Search the event's list by name or phone, for guests without their QR code. "Check in" sends
// the guest's ticket code through the same queue as a camera scan.
import { useEffect, useState } from "react";
import type { DoorSearchHit } from "@/server/domain/checkin/schema";
import { readServerError } from "../forms/field-errors";
import { useGuestSearch } from "./door-client";
import { formatDoorTime } from "@/server/domain/checkin/door-words";

const TYPING_PAUSE_MS = 250;

export function GuestSearch({
  eventId,
  timeZone,
  pendingCodes,
  onCheckIn,
  answersGot,
}: {
  eventId: string;
  timeZone: string;
  /** Ticket codes whose check-in waits for its answer. */
  pendingCodes: ReadonlySet<string>;
  onCheckIn: (guest: DoorSearchHit) => void;
  /** How many answers the door got: each one reloads the results, whose statuses it may change. */
  answersGot: number;
}) {
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const searching = query.length >= 2;
  const search = useGuestSearch(eventId, searching ? query : null, answersGot);
  const guests = searching ? (search.guests ?? []) : [];

  return (
    <section aria-labelledby="search-heading" className="flex flex-col gap-3">
      <h2 id="search-heading" className="sr-only">
        Find a guest
      </h2>
      <label htmlFor="door-search" className="text-base font-semibold text-stone-200">
        Find a guest by name or phone
      </label>
      <input
        id="door-search"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="search"
        placeholder="e.g. Zoë or 6789"
        aria-describedby="door-search-status"
        className="min-h-14 w-full rounded-2xl border-2 border-white/15 bg-ink-900 px-4 text-lg text-white placeholder:text-stone-500 focus:border-marquee-400 focus:outline-none"
      />
      <p id="door-search-status" role="status" className="min-h-5 text-sm text-stone-400">
        {!searching
          ? text.trim().length === 1
            ? "Type one more letter."
            : ""
          : search.error
            ? readServerError(search.error).message
            : search.loading && !search.guests
              ? "Searching…"
              : guests.length === 0
                ? `Nobody on the list matches “${query}”.`
                : `${guests.length === 20 ? "The first 20" : guests.length} ${guests.length === 1 ? "guest" : "guests"} found.`}
      </p>
      {guests.length ? (
        <ul aria-label="Guests found" className="flex flex-col gap-2">
          {guests.map((guest) => (
            <li key={guest.ticketCode} className="flex items-center gap-3 rounded-2xl bg-ink-900 p-3 pl-4 ring-1 ring-white/10">
              <div className="min-w-0 flex-1">
                <p className="truncate text-lg font-semibold text-white">
                  {guest.fullName}
                  {guest.ticketType ? <span className="ml-2 text-sm font-bold text-marquee-300 uppercase">{guest.ticketType}</span> : null}
                </p>
                {guest.status === "CHECKED_IN" ? (
                  <p className="text-sm font-medium text-amber-300">
                    In since {guest.checkedInAt ? formatDoorTime(guest.checkedInAt, timeZone) : "earlier"}
                    {guest.checkedInBy ? ` · ${guest.checkedInBy.name}` : ""}
                  </p>
                ) : (
                  <p className="text-sm text-stone-400">{guest.phoneHint ? `Phone ${guest.phoneHint} · ` : ""}On the list</p>
                )}
              </div>
              {pendingCodes.has(guest.ticketCode) ? (
                <span className="shrink-0 rounded-xl bg-marquee-400/15 px-3 py-2 text-base font-semibold text-marquee-200">Pending…</span>
              ) : guest.status === "CHECKED_IN" ? (
                <span className="shrink-0 rounded-xl bg-amber-400/15 px-3 py-2 text-base font-semibold text-amber-300">Already in</span>
              ) : (
                <button
                  type="button"
                  onClick={() => onCheckIn(guest)}
                  aria-label={`Check in ${guest.fullName}${guest.ticketType ? ` (${guest.ticketType})` : ""}`}
                  className="min-h-14 shrink-0 rounded-xl bg-emerald-500 px-5 text-lg font-bold text-ink-950 active:scale-[0.98]"
                >
                  Check in
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
