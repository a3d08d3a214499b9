import type { Metadata } from "next";
import Link from "next/link";
import { formatDoorTime } from "@/server/domain/checkin/door-words";
import { formatEventStart } from "@/components/format";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page";
import { RoleGate } from "@/components/ui/role-gate";
import { requirePageUser } from "@/server/auth/page-access";
import type { Role } from "@/server/generated/prisma/enums";
import { api } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Door" };

/** Who works doors: staff the curator assigned, and curators at their own events (admins don't). */
const DOOR_ROLES: readonly Role[] = ["STAFF", "CURATOR"];

export default async function DoorListPage() {
  const user = await requirePageUser("/door");
  const { events } = await api.door.myEvents();
  // Anyone an invitation put on a door sees it, whatever their role (a promoter kept theirs).
  if (!DOOR_ROLES.includes(user.role) && events.length === 0) return <RoleGate role={user.role} needed={DOOR_ROLES} what="the door" />;
  const isCurator = user.role === "CURATOR";
  const now = new Date();

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-6 sm:py-10">
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Door</h1>
      <p className="mt-1 text-base text-stone-400">
        {isCurator ? "Check guests in at your events." : "The events you're on the door for."} Pick one to scan tickets and find guests by name.
      </p>
      {events.length === 0 ? (
        <div className="mt-6">
          <EmptyState
            icon={<DoorIcon />}
            title="No doors to work"
            action={isCurator ? <ButtonLink href="/events/new">Create an event</ButtonLink> : undefined}
          >
            {isCurator
              ? "Your events that are on sale or paused show here."
              : "When a curator puts you on the door of their event, it shows here. Ask them to add you with this account's email."}
          </EmptyState>
        </div>
      ) : (
        <ul className="mt-6 flex flex-col gap-3" aria-label="Events">
          {events.map((event) => (
            <li key={event.id}>
              <Link
                href={`/door/${event.id}`}
                className="flex min-h-24 items-center gap-4 rounded-3xl bg-ink-900 p-5 ring-1 ring-white/10 transition hover:ring-marquee-400 active:scale-[0.99]"
              >
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-semibold text-marquee-300">
                    {event.startDate <= now
                      ? `On now · started ${formatDoorTime(event.startDate, event.timezone, now)}`
                      : formatEventStart(event.startDate, event.timezone, now)}
                  </p>
                  <h2 className="mt-0.5 text-xl leading-snug font-bold text-white">{event.title}</h2>
                  <p className="text-base text-stone-400">{event.venue}</p>
                  {event.status === "ON_HOLD" ? (
                    <p className="mt-2 text-sm font-semibold text-amber-300">
                      Paused: {isCurator ? "only you can let guests in" : "the door opens when the curator resumes the event"}
                    </p>
                  ) : null}
                </div>
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-7 shrink-0 text-marquee-400">
                  <path
                    fillRule="evenodd"
                    d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06L8.26 14.8a.75.75 0 0 1-1.06 0Z"
                    clipRule="evenodd"
                  />
                </svg>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DoorIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-7">
      <path d="M5 21V4a1 1 0 0 1 1-1h12a1 1 0 0 1 1 1v17M3 21h18M15 12h.01" />
    </svg>
  );
}
