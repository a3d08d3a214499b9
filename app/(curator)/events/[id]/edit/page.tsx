import type { Metadata } from "next";
import Link from "next/link";
import { EventForm } from "@/components/events/event-form";
import { draftFromDetails } from "@/components/events/event-form-model";
import { supportedTimeZones } from "@/components/forms/zoned-time";
import { Notice, PageHeader, PageShell } from "@/components/ui/page";
import { RoleGate } from "@/components/ui/role-gate";
import { requirePageUser } from "@/server/auth/page-access";
import { EVENT_MANAGER_ROLES } from "@/server/auth/policy";
import { isFinalStatus } from "@/server/domain/events/status";
import { loadEventDetails } from "../load";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: `Edit ${(await loadEventDetails(id)).event.title}` };
  } catch {
    return { title: "Edit event" };
  }
}

export default async function EditEventPage({ params }: { params: Params }) {
  const { id } = await params;
  const user = await requirePageUser(`/events/${id}/edit`);
  if (!EVENT_MANAGER_ROLES.includes(user.role)) return <RoleGate role={user.role} needed={EVENT_MANAGER_ROLES} what="editing events" />;
  const details = await loadEventDetails(id);
  const { event } = details;

  return (
    <PageShell>
      <PageHeader
        eyebrow={
          <Link href={`/events/${id}`} className="hover:text-ink-950">
            ← {event.title}
          </Link>
        }
        title="Edit event"
      />
      {isFinalStatus(event.status) ? (
        <Notice tone="warning" title={`This event is ${event.status === "CANCELED" ? "canceled" : "completed"}`}>
          Its details can no longer change.{" "}
          <Link href={`/events/${id}`} className="font-semibold underline">
            Back to the event
          </Link>
        </Notice>
      ) : (
        <EventForm mode="edit" eventId={id} initial={draftFromDetails(details)} timeZones={supportedTimeZones()} />
      )}
    </PageShell>
  );
}
