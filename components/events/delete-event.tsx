"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { readServerError } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

/**
 * "Delete event", for an event that sold nothing (server/domain/events/delete.ts): asks first,
 * then leaves for the event list. One that sold anything shows why it can't be deleted.
 */
export function DeleteEvent({ eventId, title }: { eventId: string; title: string }) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deletion = trpc.events.deletion.useQuery({ id: eventId });
  const remove = trpc.events.delete.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.events.list.invalidate(), utils.events.home.invalidate()]);
      router.push("/events?deleted=1");
    },
    onError: (e) => {
      setConfirming(false);
      setError(readServerError(e).message);
    },
  });
  const refusal = deletion.data?.refusal ?? null;
  const why = error ?? refusal;
  const whyId = useId();

  return (
    // items-start: the button keeps its own width, beside the other actions, above why it is off.
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="dangerGhost"
        disabled={!deletion.data || refusal !== null}
        aria-describedby={why ? whyId : undefined}
        onClick={() => setConfirming(true)}
      >
        Delete event
      </Button>
      {why ? (
        <p id={whyId} className="max-w-sm text-sm text-stone-500">
          {why}
        </p>
      ) : null}
      <Dialog
        open={confirming}
        onClose={() => !remove.isPending && setConfirming(false)}
        title="Delete this event?"
        description={<span className="font-medium text-ink-950">{title}</span>}
      >
        <p className="text-sm text-stone-700">
          It disappears with its posts and share links, and the tickets of guests you invited stop working (they are told it is canceled). This
          can&apos;t be undone.
        </p>
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={remove.isPending}>
            Keep it
          </Button>
          <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate({ id: eventId })}>
            Yes, delete the event
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
