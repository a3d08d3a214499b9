import Link from "next/link";
import type { HomeEvent } from "@/server/domain/events/schema";
import { posterSize } from "@/server/domain/media/paths";
import { formatEventStart, formatPriceRange, initials } from "../format";
import { EventStatusBadge } from "./status-badge";

/** A poster-led card for one event; the first poster image, or a tinted stand-in. */
export function EventCard({
  event,
  showCurator = false,
  href,
}: {
  event: HomeEvent;
  showCurator?: boolean;
  /** Where the card leads; the whole card is then one link (through its title). */
  href?: string;
}) {
  const price = formatPriceRange(event.price);
  const dimmed = event.status === "CANCELED";
  return (
    <article
      data-testid="event-card"
      className="group relative flex h-full flex-row overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-stone-200 transition hover:shadow-md focus-within:ring-2 focus-within:ring-marquee-500 sm:flex-col"
    >
      {/* Phones get a compact row (poster thumbnail beside the text); wider screens a poster card. */}
      <div className="relative aspect-[4/5] w-28 shrink-0 overflow-hidden bg-ink-900 sm:w-full">
        {event.posterSrc ? (
          // Posters come from uploads or any URL a caller sent; Next's optimiser would need
          // every host listed, and a plain lazy image is enough for a grid of cards.
          <img
            src={event.posterSrc}
            srcSet={
              posterSize(event.posterSrc, "400") !== event.posterSrc
                ? `${posterSize(event.posterSrc, "400")} 400w, ${event.posterSrc} 1200w`
                : undefined
            }
            sizes="(min-width: 640px) 25vw, 7rem"
            alt=""
            loading="lazy"
            decoding="async"
            className={`size-full object-cover transition duration-500 group-hover:scale-[1.03] ${dimmed ? "grayscale" : ""}`}
          />
        ) : (
          <PosterPlaceholder title={event.title} />
        )}
        <div className="absolute top-3 left-3 hidden sm:block">
          <EventStatusBadge status={event.status} />
        </div>
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1 p-3 sm:gap-1.5 sm:p-4">
        <div className="sm:hidden">
          <EventStatusBadge status={event.status} />
        </div>
        <p className="text-sm font-semibold text-marquee-700">
          <time dateTime={event.startDate.toISOString()}>{formatEventStart(event.startDate, event.timezone)}</time>
        </p>
        <h3 className={`text-base leading-snug font-semibold text-ink-950 sm:text-lg ${dimmed ? "line-through decoration-1" : ""}`}>
          {href ? (
            <Link href={href} className="after:absolute after:inset-0 focus-visible:outline-none">
              {event.title}
            </Link>
          ) : (
            event.title
          )}
        </h3>
        <p className="flex items-center gap-1.5 text-sm text-stone-600">
          <PinIcon />
          <span className="truncate">{event.venue}</span>
        </p>
        {showCurator ? <p className="truncate text-sm text-stone-500">by {event.curatorName}</p> : null}
        <p className="mt-auto pt-2 text-base font-semibold text-ink-950 sm:pt-3">
          {price ?? <span className="font-normal text-stone-500">No tickets yet</span>}
        </p>
      </div>
    </article>
  );
}

function PosterPlaceholder({ title }: { title: string }) {
  return (
    <div aria-hidden="true" className="flex size-full items-center justify-center bg-gradient-to-br from-spotlight-600 via-ink-800 to-marquee-600">
      <span className="text-3xl font-black sm:text-6xl tracking-tight text-white/80">{initials(title)}</span>
    </div>
  );
}

function PinIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-stone-400">
      <path
        fillRule="evenodd"
        d="m9.69 18.933.003.001C9.89 19.02 10 19 10 19s.11.02.308-.066l.002-.001.006-.003.018-.008a5.741 5.741 0 0 0 .281-.14c.186-.096.446-.24.757-.433.62-.384 1.445-.966 2.274-1.765C15.302 14.988 17 12.493 17 9A7 7 0 1 0 3 9c0 3.492 1.698 5.988 3.355 7.584a13.731 13.731 0 0 0 2.273 1.765 11.842 11.842 0 0 0 .976.544l.062.029.018.008.006.003ZM10 11.25a2.25 2.25 0 1 0 0-4.5 2.25 2.25 0 0 0 0 4.5Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
