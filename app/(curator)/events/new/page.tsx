import type { Metadata } from "next";
import Link from "next/link";
import { EventForm } from "@/components/events/event-form";
import { supportedTimeZones } from "@/components/forms/zoned-time";
import { PageHeader, PageShell } from "@/components/ui/page";
import { RoleGate } from "@/components/ui/role-gate";
import { requirePageUser } from "@/server/auth/page-access";

export const metadata: Metadata = { title: "New event" };

export default async function NewEventPage() {
  const user = await requirePageUser("/events/new");
  if (user.role !== "CURATOR") return <RoleGate role={user.role} needed={["CURATOR"]} what="creating events" />;
  return (
    <PageShell>
      <PageHeader
        eyebrow={
          <Link href="/events" className="hover:text-ink-950">
            ← Events
          </Link>
        }
        title="New event"
        description="Its ticket product and a post for promoters are created with it."
      />
      <EventForm mode="create" timeZones={supportedTimeZones()} />
    </PageShell>
  );
}
