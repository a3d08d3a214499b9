import type { Metadata } from "next";
import Link from "next/link";
import { DoorScreen } from "@/components/door/door-screen";
import { buttonClass } from "@/components/ui/button";
import { requirePageUser } from "@/server/auth/page-access";
import { STAFF_UNDO_WINDOW_MS } from "@/server/auth/policy";
import { Role } from "@/server/generated/prisma/enums";
import { api } from "@/server/trpc/server";
import { loadDoor } from "./load";

type Params = Promise<{ eventId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { eventId } = await params;
  try {
    return { title: `Door · ${(await loadDoor(eventId)).event.title}` };
  } catch {
    return { title: "Door" };
  }
}

export default async function DoorPage({ params }: { params: Params }) {
  const { eventId } = await params;
  const user = await requirePageUser(`/door/${eventId}`);
  const { event, closedReason } = await loadDoor(eventId);
  if (closedReason) {
    return (
      <div className="flex flex-1 items-center justify-center px-4 py-16">
        <div role="alert" className="max-w-md rounded-3xl bg-ink-900 p-6 text-center ring-1 ring-white/10">
          <p className="text-sm font-semibold text-stone-400">{event.title}</p>
          <h1 className="mt-1 text-2xl font-bold text-white">This door is closed</h1>
          <p className="mt-2 text-base text-stone-300">{closedReason}.</p>
          <Link href="/door" className={buttonClass("secondary", "lg", "mt-6")}>
            All doors
          </Link>
        </div>
      </div>
    );
  }
  const counts = await api.door.counts({ eventId });
  // Only a hint for the buttons (the server decides, policy.ts mayUndoCheckIn): whoever sees this
  // page is the event's curator or its door staff, and door staff have the STAFF role.
  const undoWindowMs = user.role === Role.STAFF ? STAFF_UNDO_WINDOW_MS : null;
  return <DoorScreen event={event} viewerId={user.id} initialCounts={counts} undoWindowMs={undoWindowMs} />;
}
