import type { Metadata } from "next";
import Link from "next/link";
import { EventDashboard } from "@/components/events/event-dashboard";
import { PageShell } from "@/components/ui/page";
import { RoleGate } from "@/components/ui/role-gate";
import { requirePageUser } from "@/server/auth/page-access";
import { EVENT_MANAGER_ROLES } from "@/server/auth/policy";
import { api } from "@/server/trpc/server";
import { loadEventDetails } from "./load";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: (await loadEventDetails(id)).event.title };
  } catch {
    return { title: "Event" };
  }
}

export default async function EventPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const user = await requirePageUser(`/events/${id}`);
  if (!EVENT_MANAGER_ROLES.includes(user.role)) return <RoleGate role={user.role} needed={EVENT_MANAGER_ROLES} what="this event's page" />;
  const details = await loadEventDetails(id);
  const [posts, guests, groups, staff, invitations, orders, messages, conflicts] = await Promise.all([
    api.events.relatedPosts({ id, limit: 10 }),
    api.guests.eventList({ eventId: id, limit: 100 }),
    api.guests.groups(),
    api.door.staff({ eventId: id }),
    api.invitations.list({ eventId: id }),
    api.sales.orders({ id, limit: 25 }),
    api.messages.list({ eventId: id }),
    api.door.conflicts({ eventId: id }),
  ]);
  const saved = (await searchParams).saved;

  return (
    <PageShell>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/events" className="font-medium text-stone-500 hover:text-ink-950">
          ← All events
        </Link>
      </nav>
      <EventDashboard
        eventId={id}
        initialDetails={details}
        initialPosts={posts}
        viewerId={user.id}
        saved={typeof saved === "string" ? saved : undefined}
        initialGuests={guests}
        initialGroups={groups.groups}
        initialStaff={staff.staff}
        initialInvitations={invitations.invitations}
        initialOrders={orders}
        initialMessages={messages.messages}
        initialConflicts={conflicts.conflicts}
      />
    </PageShell>
  );
}
