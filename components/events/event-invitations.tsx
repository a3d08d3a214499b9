"use client";

import { useState } from "react";
import { ZInviteBody, type InvitationView } from "@/server/domain/invitations/schema";
import type { InvitationKind } from "@/server/generated/prisma/enums";
import { formatEventDay } from "../format";
import { issuesToFieldErrors, readServerError } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { EmailAddress } from "../ui/email-address";
import { describedBy, Field, TextInput } from "../ui/field";

const WORDS: Record<InvitationKind, { label: string; hint: string; button: string; none: string; list: string }> = {
  STAFF: {
    label: "Invite door staff by email",
    hint: "They get a link; once signed in with this address they can check guests in at this event.",
    button: "Send invitation",
    none: "No invitations sent yet.",
    list: "Door staff invitations",
  },
  PROMOTER: {
    label: "Invite a promoter by email",
    hint: "They get a link; once they accept, this event comes first in their feed.",
    button: "Send invitation",
    none: "No promoters invited yet.",
    list: "Promoter invitations",
  },
};

const STATUS: Record<InvitationView["status"], { label: string; tone: BadgeTone }> = {
  PENDING: { label: "Pending", tone: "amber" },
  ACCEPTED: { label: "Accepted", tone: "green" },
  REVOKED: { label: "Revoked", tone: "neutral" },
  EXPIRED: { label: "Expired", tone: "red" },
};

/** Invitations of one kind to the event: the invite form, and each invitation with its status. */
export function EventInvitations({
  eventId,
  kind,
  initialInvitations,
  timezone,
  editable,
}: {
  eventId: string;
  kind: InvitationKind;
  initialInvitations: InvitationView[];
  timezone: string;
  editable: boolean;
}) {
  const words = WORDS[kind];
  const utils = trpc.useUtils();
  const { data } = trpc.invitations.list.useQuery({ eventId }, { initialData: { invitations: initialInvitations } });
  const invitations = (data?.invitations ?? initialInvitations).filter((invitation) => invitation.kind === kind);
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const create = trpc.invitations.create.useMutation({
    onSuccess: async ({ invitation }) => {
      setAnnouncement(`Invitation sent to ${invitation.email}.`);
      setEmail("");
      await utils.invitations.list.invalidate({ eventId });
    },
    onError: (e) => setError(readServerError(e).fieldErrors.email ?? readServerError(e).message),
  });
  const revoke = trpc.invitations.revoke.useMutation({
    onSuccess: async ({ invitation }) => {
      setAnnouncement(`The invitation to ${invitation.email} is revoked: its link does nothing now.`);
      await utils.invitations.list.invalidate({ eventId });
    },
    onError: (e) => setAnnouncement(readServerError(e).message),
  });
  const fieldId = `invite-${kind.toLowerCase()}-${eventId}`;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = ZInviteBody.safeParse({ email: email.trim() });
    if (!parsed.success) return setError(issuesToFieldErrors(parsed.error.issues).email ?? "Enter an email address");
    setError(null);
    create.mutate({ eventId, kind, email: parsed.data.email });
  }

  return (
    <div className="flex flex-col gap-4">
      {editable ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-2">
          <Field id={fieldId} label={words.label} error={error} hint={words.hint}>
            <TextInput
              {...describedBy(fieldId, { hint: true, error })}
              type="email"
              inputMode="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder="name@example.com"
            />
          </Field>
          <div>
            <Button type="submit" size="sm" pending={create.isPending}>
              {words.button}
            </Button>
          </div>
        </form>
      ) : null}
      {invitations.length === 0 ? (
        <p className="text-sm text-stone-500">{words.none}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-stone-100" aria-label={words.list}>
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-col gap-1 py-3">
              <div className="flex items-center gap-2">
                <p className="min-w-0 flex-1 text-sm font-medium text-ink-950">
                  <EmailAddress email={invitation.email} />
                </p>
                <Badge tone={STATUS[invitation.status].tone}>{STATUS[invitation.status].label}</Badge>
              </div>
              <div className="flex items-center gap-2">
                <p className="min-w-0 flex-1 text-xs text-stone-500">
                  {invitation.status === "ACCEPTED" && invitation.acceptedAt
                    ? `Accepted ${formatEventDay(invitation.acceptedAt, timezone)}`
                    : invitation.status === "REVOKED"
                      ? "Revoked: the link does nothing now"
                      : invitation.status === "EXPIRED"
                        ? "The link has expired: invite again for a new one"
                        : `Link sent by ${invitation.invitedBy}, works until ${formatEventDay(invitation.expiresAt, timezone)}`}
                </p>
                {editable && invitation.status === "PENDING" ? (
                  <Button
                    variant="dangerGhost"
                    size="sm"
                    pending={revoke.isPending && revoke.variables?.invitationId === invitation.id}
                    onClick={() => revoke.mutate({ eventId, invitationId: invitation.id })}
                  >
                    Revoke<span className="sr-only"> the invitation to {invitation.email}</span>
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
