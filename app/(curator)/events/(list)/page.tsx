import type { Metadata } from "next";
import { EventList } from "@/components/events/event-list";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, Notice, PageHeader, PageShell } from "@/components/ui/page";
import { RoleGate } from "@/components/ui/role-gate";
import { requirePageUser } from "@/server/auth/page-access";
import { EVENT_MANAGER_ROLES, managesAllEvents } from "@/server/auth/policy";
import { api } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("/events");
  if (!EVENT_MANAGER_ROLES.includes(user.role)) return <RoleGate role={user.role} needed={EVENT_MANAGER_ROLES} what="the event list" />;
  const events = await api.events.list();
  // Where "Delete event" (components/events/delete-event.tsx) lands: say it worked.
  const deleted = (await searchParams).deleted === "1";

  return (
    <PageShell>
      <PageHeader
        title="Events"
        description={managesAllEvents(user) ? "Every curator's events." : "Your events: sales, posts and the door at a glance."}
        actions={
          <ButtonLink href="/events/new" variant="accent" size="lg">
            <PlusIcon />
            New event
          </ButtonLink>
        }
      />
      {deleted ? (
        <div className="mb-4">
          <Notice tone="success" role="status">
            Event deleted.
          </Notice>
        </div>
      ) : null}
      {events.length === 0 ? (
        <EmptyState
          icon={<CalendarIcon />}
          title="No events yet"
          action={
            <ButtonLink href="/events/new" variant="primary">
              Create your first event
            </ButtonLink>
          }
        >
          Create an event with its poster, lineup and ticket types. Its post for promoters is made for you.
        </EmptyState>
      ) : (
        <EventList initialData={events} />
      )}
    </PageShell>
  );
}

function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
      <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
    </svg>
  );
}

function CalendarIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="size-7">
      <path
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M6.75 3v2.25M17.25 3v2.25M3 18.75V7.5a2.25 2.25 0 0 1 2.25-2.25h13.5A2.25 2.25 0 0 1 21 7.5v11.25m-18 0A2.25 2.25 0 0 0 5.25 21h13.5A2.25 2.25 0 0 0 21 18.75m-18 0v-7.5A2.25 2.25 0 0 1 5.25 9h13.5A2.25 2.25 0 0 1 21 11.25v7.5"
      />
    </svg>
  );
}
