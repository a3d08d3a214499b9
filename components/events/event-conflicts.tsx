"use client";

import { conflictSentence } from "@/server/domain/checkin/conflict-words";
import type { CheckInConflictView } from "@/server/domain/checkin/schema";
import { trpc } from "../trpc";
import { Section } from "../ui/page";

/**
 * Guests let in twice at the door (two phones apart from the network both said green): who and
 * where. Shown only when there is one; read again while the door is open.
 */
export function EventConflicts({
  eventId,
  timezone,
  initialConflicts,
  live,
}: {
  eventId: string;
  timezone: string;
  initialConflicts: CheckInConflictView[];
  live: boolean;
}) {
  const { data } = trpc.door.conflicts.useQuery(
    { eventId },
    { initialData: { conflicts: initialConflicts }, refetchInterval: live ? 15_000 : false },
  );
  const conflicts = data?.conflicts ?? initialConflicts;
  if (!conflicts.length) return null;
  return (
    <Section
      id="conflicts"
      title="Came in twice"
      description="Two door phones let the same ticket in while offline. The record counts the earlier check-in once."
    >
      <ul className="flex flex-col gap-2" aria-label="Guests who came in twice">
        {conflicts.map((c) => (
          <li key={c.id} data-testid="event-conflict" className="rounded-xl bg-red-50 px-4 py-3 text-base text-red-950 ring-1 ring-red-200">
            {conflictSentence(c, timezone)}
          </li>
        ))}
      </ul>
    </Section>
  );
}
