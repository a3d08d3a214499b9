"use client";

import { useState } from "react";
import {
  EMAIL_BODY_MAX,
  SMS_BODY_MAX,
  SMS_STOP_HINT,
  smsSegments,
  ZMessageBody,
  type DeliveryCounts,
  type MessagePreview,
  type MessageView,
  type SkipReason,
  type TMessageBody,
} from "@/server/domain/messages/schema";
import type { DeliveryState, MessageChannel } from "@/server/generated/prisma/enums";
import { formatEventStart } from "../format";
import { issuesToFieldErrors, readServerError, type FieldErrors } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { describedBy, Field, Select, TextArea, TextInput } from "../ui/field";

type Status = NonNullable<TMessageBody["audience"]>["status"];

const STATUS_WORDS: Record<NonNullable<Status>, string> = {
  ALL: "Everyone on the list",
  CHECKED_IN: "Checked in",
  NOT_CHECKED_IN: "Not checked in yet",
};

const SKIP_WORDS: Record<SkipReason, string> = {
  NO_EMAIL: "no email",
  NO_PHONE: "no phone",
  OPTED_OUT: "opted out",
  SMS_LIMIT: "SMS limit reached",
};

const STATE_WORDS: Record<DeliveryState, { label: string; tone: BadgeTone }> = {
  QUEUED: { label: "queued", tone: "amber" },
  SENT: { label: "sent", tone: "green" },
  FAILED: { label: "failed", tone: "red" },
  SKIPPED: { label: "skipped", tone: "neutral" },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** Writing to the event's guests by email or SMS: compose, preview (who gets it), send, and the history with live delivery counts. */
export function EventMessages({
  eventId,
  ticketTypes,
  smsMaxLimit,
  timezone,
  initialMessages,
}: {
  eventId: string;
  ticketTypes: { id: string; name: string }[];
  smsMaxLimit: number;
  timezone: string;
  initialMessages: MessageView[];
}) {
  const utils = trpc.useUtils();
  const { data } = trpc.messages.list.useQuery(
    { eventId },
    {
      initialData: { messages: initialMessages },
      // Deliveries go out in the background: watch them while any is still queued.
      refetchInterval: (q) => (q.state.data?.messages.some((m) => m.deliveries.QUEUED > 0) ? 2_000 : false),
    },
  );
  const messages = data?.messages ?? initialMessages;

  const [channel, setChannel] = useState<MessageChannel>("EMAIL");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [status, setStatus] = useState<NonNullable<Status>>("ALL");
  const [types, setTypes] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [preview, setPreview] = useState<{ message: TMessageBody; counts: MessagePreview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [announcement, setAnnouncement] = useState("");

  const send = trpc.messages.send.useMutation({
    onSuccess: async ({ message }) => {
      setAnnouncement(`Sending to ${plural(message.recipients, "guest")}${message.skipped.length ? `; ${message.skipped.length} skipped` : ""}.`);
      setPreview(null);
      setSubject("");
      setBody("");
      await utils.messages.list.invalidate({ eventId });
    },
    onError: (e) => showServerError(e),
  });

  function showServerError(e: unknown) {
    const { message, fieldErrors } = readServerError(e);
    const mine = Object.fromEntries(Object.entries(fieldErrors).map(([path, text]) => [path.replace(/^message\./, ""), text]));
    setErrors(Object.keys(mine).length ? mine : { "(form)": message });
  }

  function draft(): TMessageBody {
    return {
      channel,
      ...(channel === "EMAIL" ? { subject } : {}),
      body,
      audience: { status, ...(types.length ? { ticketTypeIds: types } : {}) },
    };
  }

  async function showPreview(e: React.FormEvent) {
    e.preventDefault();
    const message = draft();
    const parsed = ZMessageBody.safeParse(message);
    if (!parsed.success) return setErrors(issuesToFieldErrors(parsed.error.issues));
    setErrors({});
    setPreviewing(true);
    try {
      setPreview({ message, counts: await utils.messages.preview.fetch({ eventId, message }) });
    } catch (error) {
      showServerError(error);
    } finally {
      setPreviewing(false);
    }
  }

  const sms = channel === "SMS";
  const segments = smsSegments(`${body.trim()}${SMS_STOP_HINT}`);
  const id = (path: string) => `message-${path}-${eventId}`;

  return (
    <div className="flex flex-col gap-6">
      {preview ? (
        <PreviewPanel
          preview={preview}
          ticketTypes={ticketTypes}
          sending={send.isPending}
          onEdit={() => setPreview(null)}
          onSend={() => send.mutate({ eventId, message: preview.message })}
          error={errors["(form)"]}
        />
      ) : (
        <form onSubmit={showPreview} noValidate className="flex flex-col gap-4" aria-label="Write to guests">
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium text-stone-800">Send as</legend>
            <div className="inline-flex rounded-xl bg-stone-100 p-1" role="radiogroup">
              {(["EMAIL", "SMS"] as const).map((option) => (
                <label
                  key={option}
                  className={`cursor-pointer rounded-lg px-4 py-2 text-sm font-semibold transition has-focus-visible:ring-2 has-focus-visible:ring-marquee-500 ${
                    channel === option ? "bg-white text-ink-950 shadow-sm" : "text-stone-600 hover:text-ink-950"
                  }`}
                >
                  <input
                    type="radio"
                    name={id("channel")}
                    value={option}
                    checked={channel === option}
                    onChange={() => setChannel(option)}
                    className="sr-only"
                  />
                  {option === "EMAIL" ? "Email" : "SMS"}
                </label>
              ))}
            </div>
          </fieldset>

          {!sms ? (
            <Field id={id("subject")} label="Subject" error={errors.subject}>
              <TextInput
                {...describedBy(id("subject"), { error: errors.subject })}
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                maxLength={200}
                placeholder="e.g. Doors open at 22:00"
              />
            </Field>
          ) : null}

          <Field
            id={id("body")}
            label="Message"
            error={errors.body}
            hint={
              sms
                ? `${segments.units} characters with the STOP line · ${plural(segments.segments, "SMS")} each${segments.encoding === "UCS-2" ? " (emoji or special letters: 70 a part)" : ""}`
                : `${body.length.toLocaleString("en-GB")} / ${EMAIL_BODY_MAX.toLocaleString("en-GB")}`
            }
          >
            <TextArea
              {...describedBy(id("body"), { hint: true, error: errors.body })}
              rows={sms ? 3 : 6}
              maxLength={sms ? SMS_BODY_MAX : EMAIL_BODY_MAX}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              placeholder={sms ? "Short and useful: doors, queues, changes." : "Write to your guests. They can unsubscribe from your mails."}
            />
          </Field>

          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={id("status")} label="To" error={errors["audience.status"]}>
              <Select id={id("status")} value={status} onChange={(e) => setStatus(e.target.value as NonNullable<Status>)}>
                {Object.entries(STATUS_WORDS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            {ticketTypes.length > 1 ? (
              <fieldset>
                <legend className="mb-1.5 text-sm font-medium text-stone-800">
                  Ticket types <span className="font-normal text-stone-500">(none ticked: everyone)</span>
                </legend>
                <div className="flex flex-wrap gap-2">
                  {ticketTypes.map((type) => (
                    <label
                      key={type.id}
                      className="flex min-h-9 cursor-pointer items-center gap-2 rounded-lg bg-stone-50 px-3 text-sm ring-1 ring-stone-200 has-checked:bg-marquee-50 has-checked:ring-marquee-400"
                    >
                      <input
                        type="checkbox"
                        checked={types.includes(type.id)}
                        onChange={(e) => setTypes(e.target.checked ? [...types, type.id] : types.filter((t) => t !== type.id))}
                        className="size-4 accent-marquee-600"
                      />
                      {type.name}
                    </label>
                  ))}
                </div>
                {errors["audience.ticketTypeIds"] ? <p className="mt-1 text-sm text-red-700">{errors["audience.ticketTypeIds"]}</p> : null}
              </fieldset>
            ) : null}
          </div>

          {sms ? (
            <p className="text-xs text-stone-500">
              A guest gets at most {plural(smsMaxLimit, "SMS", "SMS")} from you for this event (change it in the editor). SMS end with &ldquo;Reply
              STOP to opt out&rdquo;.
            </p>
          ) : null}
          {errors["(form)"] ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-600/20">
              {errors["(form)"]}
            </p>
          ) : null}
          <div>
            <Button type="submit" pending={previewing}>
              Preview
            </Button>
          </div>
        </form>
      )}

      <div className="border-t border-stone-100 pt-5">
        <h3 className="mb-3 text-sm font-semibold text-ink-950">Sent</h3>
        {messages.length === 0 ? (
          <p className="text-sm text-stone-500">No messages sent yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-100" aria-label="Messages sent" data-testid="message-history">
            {messages.map((message) => (
              <li key={message.id} className="flex flex-col gap-1.5 py-3 first:pt-0">
                <div className="flex items-start gap-2">
                  <Badge tone={message.channel === "SMS" ? "sky" : "violet"}>{message.channel === "SMS" ? "SMS" : "Email"}</Badge>
                  <p className="min-w-0 flex-1 truncate text-sm font-medium text-ink-950">{message.subject ?? message.body}</p>
                </div>
                <p className="text-xs text-stone-500">
                  {formatEventStart(message.createdAt, timezone)} · {message.author} · {audienceWords(message.audience, ticketTypes)}
                </p>
                <DeliveryCountsLine counts={message.deliveries} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function audienceWords(audience: TMessageBody["audience"], ticketTypes: { id: string; name: string }[]): string {
  const who = STATUS_WORDS[audience?.status ?? "ALL"];
  const names = (audience?.ticketTypeIds ?? []).map((id) => ticketTypes.find((t) => t.id === id)?.name ?? "a removed ticket type");
  return names.length ? `${who}, ${names.join(", ")}` : who;
}

function DeliveryCountsLine({ counts }: { counts: DeliveryCounts }) {
  const states = (Object.keys(STATE_WORDS) as DeliveryState[]).filter((state) => counts[state] > 0);
  return (
    <p className="flex flex-wrap gap-1.5" data-testid="delivery-counts">
      {states.map((state) => (
        <Badge key={state} tone={STATE_WORDS[state].tone}>
          {counts[state]} {STATE_WORDS[state].label}
        </Badge>
      ))}
    </p>
  );
}

function PreviewPanel({
  preview: { message, counts },
  ticketTypes,
  sending,
  onEdit,
  onSend,
  error,
}: {
  preview: { message: TMessageBody; counts: MessagePreview };
  ticketTypes: { id: string; name: string }[];
  sending: boolean;
  onEdit: () => void;
  onSend: () => void;
  error?: string;
}) {
  const sms = message.channel === "SMS";
  const skipped = (Object.entries(counts.skipped) as [SkipReason, number][]).filter(([, n]) => n > 0);
  const skippedTotal = skipped.reduce((n, [, count]) => n + count, 0);
  return (
    <div className="flex flex-col gap-4" data-testid="message-preview">
      <div className={`rounded-2xl p-4 ring-1 ${sms ? "bg-sky-50 ring-sky-200" : "bg-stone-50 ring-stone-200"}`}>
        <p className="mb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">
          {sms ? "SMS" : "Email"} to {audienceWords(message.audience, ticketTypes).toLowerCase()}
        </p>
        {sms ? (
          <p className="max-w-xs rounded-2xl rounded-bl-sm bg-white px-3 py-2 text-sm whitespace-pre-line text-ink-950 shadow-sm">
            {message.body.trim()}
            {SMS_STOP_HINT}
          </p>
        ) : (
          <>
            <p className="font-semibold text-ink-950">{message.subject}</p>
            <p className="mt-1 text-sm whitespace-pre-line text-stone-700">{message.body.trim()}</p>
            <p className="mt-3 text-xs text-stone-500">Each mail ends with a link to unsubscribe from your mails.</p>
          </>
        )}
      </div>
      <p className="text-base text-ink-950" role="status">
        <strong className="font-semibold">{plural(counts.recipients, "guest")}</strong> will get it
        {skippedTotal ? (
          <>
            , <strong className="font-semibold">{skippedTotal} skipped</strong> (
            {skipped.map(([reason, n]) => `${n} ${SKIP_WORDS[reason]}`).join(", ")})
          </>
        ) : null}
        .
      </p>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-600/20">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="accent" onClick={onSend} pending={sending} disabled={counts.recipients === 0}>
          Send to {plural(counts.recipients, "guest")}
        </Button>
        <Button variant="secondary" onClick={onEdit} disabled={sending}>
          Edit
        </Button>
      </div>
    </div>
  );
}
