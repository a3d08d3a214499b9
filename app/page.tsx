import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { EventCard } from "@/components/events/event-card";
import { TicketIllustration } from "@/components/home/ticket-illustration";
import { auth } from "@/server/auth";
import { EVENT_MANAGER_ROLES } from "@/server/auth/policy";
import type { HomeEvent } from "@/server/domain/events/schema";
import { api } from "@/server/trpc/server";

export default async function HomePage() {
  const session = await auth();
  if (!session?.user?.id) return <Hero />;

  let events: HomeEvent[];
  try {
    events = await api.events.home();
  } catch (error) {
    // A session whose user no longer exists reads as signed out.
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return <Hero />;
    throw error;
  }

  const isCurator = session.user.role === "CURATOR";
  const canManage = EVENT_MANAGER_ROLES.includes(session.user.role);
  const canPost = session.user.role === "PROMOTER";
  const firstName = session.user.name.split(" ")[0] || session.user.name;

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 sm:py-10">
      <div className="mb-6 flex flex-col gap-1 sm:mb-8">
        <p className="text-sm font-medium text-stone-500">Hi {firstName}</p>
        <h1 className="text-3xl font-bold tracking-tight text-ink-950 sm:text-4xl">Upcoming events</h1>
        <p className="text-base text-stone-600">
          {isCurator ? "Your events that haven't ended yet, soonest first." : "Every curator's events that are on sale or paused, soonest first."}
        </p>
      </div>

      {events.length === 0 ? (
        <EmptyState isCurator={isCurator} />
      ) : (
        <>
          <p className="sr-only" aria-live="polite">
            {events.length} {events.length === 1 ? "event" : "events"}
          </p>
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 sm:gap-5 lg:grid-cols-3 xl:grid-cols-4 xl:gap-6" aria-label="Upcoming events">
            {events.map((event) => (
              <li key={event.id}>
                <EventCard
                  event={event}
                  showCurator={!isCurator}
                  href={canManage ? `/events/${event.id}` : canPost && event.status === "UPCOMING" ? `/feed#event-${event.id}` : undefined}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function EmptyState({ isCurator }: { isCurator: boolean }) {
  return (
    <div className="flex flex-col items-center rounded-2xl border-2 border-dashed border-stone-300 bg-white px-6 py-14 text-center">
      <span aria-hidden="true" className="mb-4 grid size-14 place-items-center rounded-2xl bg-marquee-50 text-marquee-600">
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="size-7">
          <path
            strokeLinecap="round"
            strokeLinejoin="round"
            d="M16.5 6v.75m0 3v.75m0 3v.75m0 3V18m-9-5.25h5.25M7.5 15h3M3.375 5.25c-.621 0-1.125.504-1.125 1.125v3.026a2.999 2.999 0 0 1 0 5.198v3.026c0 .621.504 1.125 1.125 1.125h17.25c.621 0 1.125-.504 1.125-1.125v-3.026a2.999 2.999 0 0 1 0-5.198V6.375c0-.621-.504-1.125-1.125-1.125H3.375Z"
          />
        </svg>
      </span>
      <h2 className="text-lg font-semibold text-ink-950">No upcoming events</h2>
      <p className="mt-1 max-w-sm text-sm text-stone-600">
        {isCurator
          ? "Events you create show up here with their poster, date and ticket prices until they end."
          : "When curators put events on sale, they show up here, soonest first."}
      </p>
    </div>
  );
}

function Hero() {
  return (
    <section className="relative isolate flex flex-1 overflow-hidden bg-ink-950 text-white">
      <div
        aria-hidden="true"
        className="absolute inset-0 -z-10 bg-[radial-gradient(60rem_30rem_at_10%_-10%,rgba(245,120,11,0.35),transparent_60%),radial-gradient(50rem_30rem_at_110%_20%,rgba(168,85,247,0.30),transparent_60%)]"
      />
      <div className="mx-auto flex w-full max-w-7xl flex-col justify-center gap-10 px-4 py-14 sm:px-6 sm:py-24">
        <div className="grid items-center gap-12 lg:grid-cols-[1fr_auto] lg:gap-20">
          <div className="max-w-2xl">
            <p className="text-sm font-semibold tracking-widest text-marquee-300 uppercase">Tickets · Posts · Door</p>
            <h1 className="mt-3 text-4xl leading-[1.05] font-extrabold tracking-tight text-balance sm:text-6xl">One stage for every event.</h1>
            <p className="mt-5 text-lg text-stone-300 text-pretty">
              Curators launch an event with its tickets in one go. Promoters share posts that stay in step with every change. Door staff scan guests
              in, and no ticket gets in twice.
            </p>
            <div className="mt-8 flex flex-wrap items-center gap-3">
              <Link
                href="/sign-in"
                className="inline-flex min-h-12 items-center justify-center rounded-xl bg-marquee-500 px-6 text-base font-semibold text-ink-950 shadow-lg shadow-marquee-500/25 transition hover:bg-marquee-400"
              >
                Sign in
              </Link>
              <span className="text-sm text-stone-400">Curators, promoters and door staff use the same sign-in.</span>
            </div>
          </div>
          <div className="hidden pr-10 lg:block">
            <TicketIllustration />
          </div>
        </div>
        <ul className="grid gap-3 sm:grid-cols-3">
          {[
            ["For curators", "Events, ticket types, lineups and guest lists, with pause, resume and cancel."],
            ["For promoters", "A feed of events to promote and posts that sync with the event."],
            ["At the door", "Scan a QR code or search a name: a clear yes or no, even on a weak signal."],
          ].map(([title, body]) => (
            <li key={title} className="rounded-2xl bg-white/5 p-4 ring-1 ring-white/10">
              <p className="font-semibold text-white">{title}</p>
              <p className="mt-1 text-sm text-stone-300">{body}</p>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
