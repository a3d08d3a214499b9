import type { PublicPost } from "@/server/domain/feed/public-post";
import { posterSize } from "@/server/domain/media/paths";
import type { Availability } from "@/server/domain/orders/schema";
import { BuyTickets } from "../buy/buy-tickets";
import { formatEventRange, formatEventStart, formatMoney, initials } from "../format";
import { buttonClass } from "../ui/button";
import { ShareButton } from "./share-button";

const STATUS_NOTES = {
  CANCELED: { tone: "bg-red-600 text-white", text: "This event was canceled." },
  ON_HOLD: { tone: "bg-amber-400 text-ink-950", text: "Ticket sales are paused for now. Check back soon." },
  COMPLETED: { tone: "bg-stone-700 text-white", text: "This event has ended." },
} as const;

/**
 * The public page of a post: poster, when and where, tickets and lineup; the address once
 * revealed. With the event's `availability` (and the event on sale) the tickets can be bought here.
 */
export function PublicPostView({ post, availability = null }: { post: PublicPost; availability?: Availability | null }) {
  const event = post.event;
  const cover = post.coverImages[0]?.src;
  const note = event && event.status !== "UPCOMING" ? STATUS_NOTES[event.status] : null;
  const headliners = event?.lineups.filter((l) => l.isHeadliner) ?? [];
  const selling = event?.status === "UPCOMING" && !!availability?.variants.length;
  const support = event?.lineups.filter((l) => !l.isHeadliner) ?? [];

  return (
    <article className="flex flex-1 flex-col bg-ink-950 text-white">
      {note ? (
        <p role="status" className={`px-4 py-2.5 text-center text-sm font-semibold ${note.tone}`}>
          {note.text}
        </p>
      ) : null}
      <div className="relative isolate overflow-hidden">
        {cover ? (
          <img
            aria-hidden="true"
            src={posterSize(cover, "400")}
            alt=""
            className="absolute inset-0 -z-10 size-full scale-110 object-cover opacity-30 blur-3xl"
          />
        ) : null}
        <div className="absolute inset-0 -z-10 bg-gradient-to-b from-ink-950/40 via-ink-950/70 to-ink-950" />
        <div className="mx-auto grid w-full max-w-6xl grid-cols-[minmax(0,1fr)] gap-6 px-4 pt-4 pb-10 sm:px-6 sm:pt-10 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)] lg:gap-14 lg:pt-14 lg:pb-16">
          <div className="mx-auto w-full max-w-sm lg:sticky lg:top-24 lg:max-w-none lg:self-start">
            <div className="overflow-hidden rounded-2xl bg-ink-800 shadow-2xl ring-1 shadow-black/50 ring-white/10">
              {cover ? (
                <img
                  src={posterSize(cover, "1200")}
                  alt={`Poster: ${post.title}`}
                  className={`aspect-[4/5] w-full object-cover ${event?.status === "CANCELED" ? "grayscale" : ""}`}
                />
              ) : (
                <div
                  aria-hidden="true"
                  className="grid aspect-[4/5] place-items-center bg-gradient-to-br from-spotlight-600 via-ink-800 to-marquee-600"
                >
                  <span className="text-7xl font-black text-white/80">{initials(post.title)}</span>
                </div>
              )}
            </div>
          </div>

          <div className="flex min-w-0 flex-col gap-6">
            <header className="flex flex-col gap-2">
              {event ? (
                <p className="text-base font-semibold text-marquee-300 sm:text-lg">
                  <time dateTime={event.startDate.toISOString()}>{formatEventRange(event.startDate, event.endDate, event.timezone)}</time>
                </p>
              ) : null}
              <h1
                className={`text-4xl leading-[1.05] font-extrabold tracking-tight text-balance sm:text-5xl lg:text-6xl ${event?.status === "CANCELED" ? "line-through decoration-2" : ""}`}
                data-testid="post-title"
              >
                {post.title}
              </h1>
              {headliners.length ? (
                <p className="text-lg text-stone-300">
                  with <span className="font-semibold text-white">{headliners.map((h) => h.title).join(" & ")}</span>
                </p>
              ) : null}
              {selling ? (
                // On a phone the sale is below the fold: one tap takes the buyer there.
                <a href="#tickets" className={buttonClass("accent", "lg", "mt-2 self-start")}>
                  Get tickets
                </a>
              ) : null}
            </header>

            {post.caption ? (
              <figure className="rounded-2xl bg-white/5 p-4 ring-1 ring-white/10">
                <blockquote className="text-lg text-pretty text-white">“{post.caption}”</blockquote>
                <figcaption className="mt-2 text-sm text-stone-400">— {post.creatorName}</figcaption>
              </figure>
            ) : null}

            <div className="grid gap-4 sm:grid-cols-2">
              <InfoCard label="When">
                {event ? (
                  <>
                    <p className="font-semibold">{formatEventStart(event.startDate, event.timezone)}</p>
                    {event.endDate ? <p className="text-sm text-stone-400">until {formatEventStart(event.endDate, event.timezone)}</p> : null}
                  </>
                ) : (
                  <p className="font-semibold">{post.subTitle}</p>
                )}
              </InfoCard>
              <InfoCard label="Where">
                {event ? (
                  <>
                    <p className="font-semibold">{event.venue}</p>
                    {event.location ? (
                      <p className="text-sm text-stone-300" data-testid="post-location">
                        {event.location}
                      </p>
                    ) : (
                      <p className="mt-1 flex items-start gap-1.5 text-sm text-stone-400" data-testid="post-location-hidden">
                        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
                          <path
                            fillRule="evenodd"
                            d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
                            clipRule="evenodd"
                          />
                        </svg>
                        <span>
                          The address is revealed
                          {event.addressRevealsAt ? ` on ${formatEventStart(event.addressRevealsAt, event.timezone)}` : " closer to the day"}.
                        </span>
                      </p>
                    )}
                  </>
                ) : (
                  <p className="text-sm text-stone-400">Details to follow.</p>
                )}
              </InfoCard>
            </div>

            {selling ? (
              <section id="tickets" aria-labelledby="tickets-heading" className="scroll-mt-20 rounded-2xl bg-white p-4 text-ink-950 sm:p-5">
                <h2 id="tickets-heading" className="text-xl font-bold">
                  Tickets
                </h2>
                <BuyTickets slug={post.slug} timeZone={event.timezone} availability={availability} />
              </section>
            ) : post.ticketPrices.length ? (
              <section aria-labelledby="tickets-heading" className="rounded-2xl bg-white p-4 text-ink-950 sm:p-5">
                <h2 id="tickets-heading" className="text-sm font-semibold tracking-wide text-stone-500 uppercase">
                  Tickets
                </h2>
                <ul className="mt-2 flex flex-col divide-y divide-stone-100">
                  {post.ticketPrices.map((t) => (
                    <li key={t.variantId} className="flex items-baseline justify-between gap-3 py-2.5 last:pb-0" data-testid="ticket-price">
                      <span className="font-medium">{t.name}</span>
                      <span className="text-lg font-bold tabular-nums">{t.price === 0 ? "Free" : formatMoney(t.price, t.currency)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {event?.lineups.length ? (
              <section aria-labelledby="lineup-heading">
                <h2 id="lineup-heading" className="text-sm font-semibold tracking-wide text-stone-400 uppercase">
                  Lineup
                </h2>
                <ul className="mt-3 flex flex-col gap-3">
                  {[...headliners, ...support].map((act) => (
                    <li key={act.title} className="flex flex-col">
                      <span className={act.isHeadliner ? "text-2xl font-bold text-white" : "text-lg font-semibold text-stone-200"}>
                        {act.title}
                        {act.isHeadliner ? <span className="sr-only"> (headliner)</span> : null}
                      </span>
                      {act.introduction ? <span className="text-sm text-stone-400">{act.introduction}</span> : null}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            <div className="flex flex-col gap-2 border-t border-white/10 pt-5 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-stone-400">Shared by {post.creatorName} on Marquee</p>
              <ShareButton
                path={`/p/${post.slug}`}
                title={post.title}
                text={post.caption ?? post.subTitle}
                variant="accent"
                size="lg"
                label="Share this event"
              />
            </div>
          </div>
        </div>
      </div>
    </article>
  );
}

function InfoCard({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded-2xl bg-white/5 p-4 ring-1 ring-white/10">
      <p className="text-xs font-semibold tracking-wide text-stone-400 uppercase">{label}</p>
      <div className="mt-1">{children}</div>
    </div>
  );
}
