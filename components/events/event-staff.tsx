"use client";

import { useState } from "react";
import { ZAssignStaffInput, type StaffMember } from "@/server/domain/checkin/schema";
import { issuesToFieldErrors, readServerError } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Button } from "../ui/button";
import { describedBy, Field, TextInput } from "../ui/field";
import { initials } from "../format";

/** Door staff of the event: who may check guests in besides the curator. */
export function EventStaff({ eventId, initialStaff, editable }: { eventId: string; initialStaff: StaffMember[]; editable: boolean }) {
  const utils = trpc.useUtils();
  const { data } = trpc.door.staff.useQuery({ eventId }, { initialData: { staff: initialStaff } });
  const staff = data?.staff ?? initialStaff;
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const assign = trpc.door.assignStaff.useMutation({
    onSuccess: (result) => {
      utils.door.staff.setData({ eventId }, result);
      setAnnouncement(`${email} can now work the door.`);
      setEmail("");
    },
    onError: (e) => setError(readServerError(e).fieldErrors.email ?? readServerError(e).message),
  });
  const unassign = trpc.door.unassignStaff.useMutation({
    onSuccess: (result, { userId }) => {
      const who = staff.find((s) => s.userId === userId)?.name ?? "They";
      utils.door.staff.setData({ eventId }, result);
      setAnnouncement(`${who} no longer works this door.`);
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = { eventId, email: email.trim() };
    const parsed = ZAssignStaffInput.safeParse(input);
    if (!parsed.success) return setError(issuesToFieldErrors(parsed.error.issues).email ?? "Enter the staff member's email");
    setError(null);
    assign.mutate(input);
  }

  return (
    <div className="flex flex-col gap-4">
      {staff.length === 0 ? (
        <p className="text-sm text-stone-500">Nobody yet: only you can check guests in.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Door staff">
          {staff.map((member) => (
            <li key={member.userId} className="flex items-center gap-3">
              <span aria-hidden="true" className="grid size-9 shrink-0 place-items-center rounded-full bg-sky-100 text-xs font-bold text-sky-800">
                {initials(member.name)}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-ink-950">{member.name}</p>
                <p className="truncate text-xs text-stone-500">{member.email}</p>
              </div>
              {editable ? (
                <Button
                  variant="dangerGhost"
                  size="sm"
                  pending={unassign.isPending && unassign.variables?.userId === member.userId}
                  onClick={() => unassign.mutate({ eventId, userId: member.userId })}
                >
                  Remove<span className="sr-only"> {member.name}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-2">
          <Field id={`staff-email-${eventId}`} label="Add door staff by email" error={error} hint="They need a door staff account.">
            <TextInput
              {...describedBy(`staff-email-${eventId}`, { hint: true, error })}
              type="email"
              inputMode="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder="staff@marquee.test"
            />
          </Field>
          <div>
            <Button type="submit" size="sm" variant="secondary" pending={assign.isPending}>
              Add to the door
            </Button>
          </div>
        </form>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
