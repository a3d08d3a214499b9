"use client";

import Link from "next/link";
import type { ManagedEvent } from "@/server/domain/events/list";
import { posterSize } from "@/server/domain/media/paths";
import { formatEventStart, formatPriceRange, initials } from "../format";
import { trpc } from "../trpc";
import { EventStatusBadge } from "./status-badge";

/** The curator's events: a table on desktops, a list of cards on phones. Counts refresh live. */
export function EventList({ initialData }: { initialData: ManagedEvent[] }) {
  const { data: events = initialData } = trpc.events.list.useQuery(undefined, {
    initialData,
    refetchInterval: 30_000,
  });
  const current = events.filter((e) => !e.isPast);
  const past = events.filter((e) => e.isPast);
  const showCurator = new Set(events.map((e) => e.curatorName)).size > 1;

  return (
    <div className="flex flex-col gap-10">
      <EventGroup title="Current" description="On sale, paused or happening now, soonest first." events={current} showCurator={showCurator} />
      {past.length > 0 ? <EventGroup title="Past and canceled" description="Most recent first." events={past} showCurator={showCurator} /> : null}
    </div>
  );
}

function EventGroup({
  title,
  description,
  events,
  showCurator,
}: {
  title: string;
  description: string;
  events: ManagedEvent[];
  showCurator: boolean;
}) {
  const headingId = `events-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId}>
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-ink-950">
          {title} <span className="ml-1 text-sm font-medium text-stone-500">{events.length}</span>
        </h2>
        <p className="hidden text-sm text-stone-500 sm:block">{description}</p>
      </div>
      {events.length === 0 ? (
        <p className="rounded-2xl bg-white px-4 py-6 text-center text-sm text-stone-500 ring-1 ring-stone-200">
          Nothing on right now. Events you create land here until they end.
        </p>
      ) : (
        <>
          {/* Phones: cards */}
          <ul className="flex flex-col gap-3 md:hidden">
            {events.map((event) => (
              <li key={event.id}>
                <EventRowCard event={event} showCurator={showCurator} />
              </li>
            ))}
          </ul>
          {/* Desktops: a table */}
          <div className="hidden overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-stone-200 md:block">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{title} events</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-xs font-semibold tracking-wide text-stone-500 uppercase">
                <tr>
                  <th scope="col" className="py-3 pr-3 pl-5">
                    Event
                  </th>
                  <th scope="col" className="px-3 py-3">
                    Date
                  </th>
                  <th scope="col" className="px-3 py-3">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-3">
                    Tickets
                  </th>
                  <th scope="col" className="px-3 py-3 text-right">
                    Posts
                  </th>
                  <th scope="col" className="py-3 pr-5 pl-3">
                    Check-ins
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {events.map((event) => (
                  <tr key={event.id} className="group relative transition hover:bg-marquee-50/40" data-testid="event-row">
                    <td className="py-3 pr-3 pl-5">
                      <div className="flex items-center gap-3">
                        <Thumb event={event} className="h-14 w-11" />
                        <div className="min-w-0">
                          <Link
                            href={`/events/${event.id}`}
                            className="font-semibold text-ink-950 after:absolute after:inset-0 group-hover:text-marquee-700"
                          >
                            {event.title}
                          </Link>
                          <p className="truncate text-stone-500">
                            {event.venue}
                            {showCurator ? ` · ${event.curatorName}` : ""}
                          </p>
                        </div>
                      </div>
                    </td>
                    <td className="px-3 py-3 whitespace-nowrap text-stone-700">
                      <time dateTime={event.startDate.toISOString()}>{formatEventStart(event.startDate, event.timezone)}</time>
                    </td>
                    <td className="px-3 py-3">
                      <EventStatusBadge status={event.status} />
                    </td>
                    <td className="px-3 py-3 text-stone-700">
                      <TicketSummary event={event} />
                    </td>
                    <td className="px-3 py-3 text-right font-medium text-ink-950 tabular-nums">{event.posts}</td>
                    <td className="py-3 pr-5 pl-3">
                      <CheckIns event={event} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function EventRowCard({ event, showCurator }: { event: ManagedEvent; showCurator: boolean }) {
  return (
    <article className="relative flex gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-stone-200" data-testid="event-row">
      <Thumb event={event} className="h-24 w-[4.75rem]" />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex items-start justify-between gap-2">
          <p className="text-sm font-semibold text-marquee-700">
            <time dateTime={event.startDate.toISOString()}>{formatEventStart(event.startDate, event.timezone)}</time>
          </p>
          <EventStatusBadge status={event.status} />
        </div>
        <h3 className="leading-snug font-semibold text-ink-950">
          <Link href={`/events/${event.id}`} className="after:absolute after:inset-0">
            {event.title}
          </Link>
        </h3>
        <p className="truncate text-sm text-stone-500">
          {event.venue}
          {showCurator ? ` · ${event.curatorName}` : ""}
        </p>
        <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
          <div className="flex gap-1">
            <dt className="sr-only">Tickets</dt>
            <dd>
              {event.ticketTypes} {event.ticketTypes === 1 ? "ticket type" : "ticket types"}
              {event.price ? ` · ${formatPriceRange(event.price)}` : ""}
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>Posts</dt>
            <dd className="font-semibold text-ink-950">{event.posts}</dd>
          </div>
          <div className="flex gap-1">
            <dt>Checked in</dt>
            <dd className="font-semibold text-ink-950">
              {event.checkedIn}/{event.guests}
            </dd>
          </div>
        </dl>
      </div>
    </article>
  );
}

function Thumb({ event, className }: { event: ManagedEvent; className: string }) {
  return (
    <div className={`shrink-0 overflow-hidden rounded-lg bg-ink-900 ${className}`}>
      {event.posterSrc ? (
        <img
          src={posterSize(event.posterSrc, "400")}
          alt=""
          loading="lazy"
          className={`size-full object-cover ${event.status === "CANCELED" ? "grayscale" : ""}`}
        />
      ) : (
        <div
          aria-hidden="true"
          className="grid size-full place-items-center bg-gradient-to-br from-spotlight-600 to-marquee-600 text-sm font-black text-white/80"
        >
          {initials(event.title)}
        </div>
      )}
    </div>
  );
}

function TicketSummary({ event }: { event: ManagedEvent }) {
  if (event.ticketTypes === 0) return <span className="text-stone-400">No tickets</span>;
  return (
    <div className="leading-tight">
      <p className="font-medium text-ink-950">{formatPriceRange(event.price)}</p>
      <p className="text-xs text-stone-500">
        {event.ticketTypes} {event.ticketTypes === 1 ? "type" : "types"} · {event.capacity.toLocaleString("en-GB")} tickets
      </p>
    </div>
  );
}

function CheckIns({ event }: { event: ManagedEvent }) {
  if (event.guests === 0) return <span className="text-stone-400">No guest list</span>;
  const share = Math.round((event.checkedIn / event.guests) * 100);
  return (
    <div className="flex min-w-32 flex-col gap-1">
      <p className="text-sm">
        <span className="font-semibold text-ink-950 tabular-nums">{event.checkedIn}</span>
        <span className="text-stone-500"> / {event.guests} guests</span>
      </p>
      <div
        role="meter"
        aria-label={`${event.title}: checked in`}
        aria-valuemin={0}
        aria-valuemax={event.guests}
        aria-valuenow={event.checkedIn}
        className="h-1.5 overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-emerald-500" style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}
