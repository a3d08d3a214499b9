"use client";

import { useState } from "react";
import { PARTNER_EVENT_TYPES, ZCreateWebhookEndpointInput, type PartnerEventType } from "@/server/domain/partner-webhooks/schema";
import { issuesToFieldErrors, readServerError } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { describedBy, Field, TextInput } from "../ui/field";
import { ShownOnce } from "./shown-once";

type Endpoint = {
  id: string;
  url: string;
  events: PartnerEventType[];
  enabled: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
};

const EVENT_WORDS: Record<PartnerEventType, string> = {
  "order.paid": "Order paid",
  "guest.checked_in": "Guest checked in",
  "event.created": "Event created",
  "event.updated": "Event updated",
  "event.status.changed": "Event status changed",
};

const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** Partner webhooks: add an endpoint (its secret shown once), list them with their state, disable, rotate, deliveries. */
export function PartnerWebhooks({ initialEndpoints }: { initialEndpoints: Endpoint[] }) {
  const utils = trpc.useUtils();
  const { data } = trpc.webhooks.endpoints.useQuery(undefined, { initialData: { endpoints: initialEndpoints } });
  const endpoints = data.endpoints;
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<PartnerEventType[]>(["order.paid", "guest.checked_in"]);
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const [secret, setSecret] = useState<{ url: string; secret: string; rotated: boolean } | null>(null);
  const [rotating, setRotating] = useState<Endpoint | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const create = trpc.webhooks.create.useMutation({
    onSuccess: async ({ endpoint }) => {
      setSecret({ url: endpoint.url, secret: endpoint.secret, rotated: false });
      setUrl("");
      setAnnouncement("Endpoint added. Copy its signing secret now: it is shown only once.");
      await utils.webhooks.endpoints.invalidate();
    },
    onError: (error) => {
      const { message, fieldErrors } = readServerError(error);
      setErrors({ url: fieldErrors.url ?? (fieldErrors.events ? undefined : message), events: fieldErrors.events });
    },
  });
  const rotate = trpc.webhooks.rotateSecret.useMutation({
    onSuccess: ({ endpoint }) => {
      setRotating(null);
      setSecret({ url: endpoint.url, secret: endpoint.secret, rotated: true });
      setAnnouncement("New signing secret made. Copy it now: the old one no longer signs.");
    },
  });

  function toggle(event: PartnerEventType, on: boolean) {
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const result = ZCreateWebhookEndpointInput.safeParse({ url, events });
    if (!result.success) {
      const fieldErrors = issuesToFieldErrors(result.error.issues);
      return setErrors({ url: fieldErrors.url, events: fieldErrors.events });
    }
    setErrors({});
    create.mutate(result.data);
  }

  return (
    <div className="flex flex-col gap-5">
      {secret ? (
        <ShownOnce
          key={secret.secret}
          id="webhook-secret"
          title={secret.rotated ? "The endpoint's new signing secret" : "Your endpoint's signing secret"}
          label="Signing secret"
          value={secret.secret}
          copyLabel="Copy secret"
          onDone={() => setSecret(null)}
          announce={setAnnouncement}
        />
      ) : null}

      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Field
          id="webhook-url"
          label="Endpoint URL"
          hint="An https:// address of your partner's system. Requests are signed (Standard Webhooks)."
          error={errors.url}
        >
          <TextInput
            {...describedBy("webhook-url", { hint: true, error: errors.url })}
            type="url"
            inputMode="url"
            placeholder="https://partner.example/webhooks/marquee"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="off"
          />
        </Field>
        <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium text-ink-950">Events to send</legend>
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {PARTNER_EVENT_TYPES.map((event) => (
              <label key={event} className="flex min-h-11 items-center gap-3 rounded-lg px-2 text-sm text-ink-950 hover:bg-stone-50">
                <input
                  type="checkbox"
                  className="size-5 accent-ink-950"
                  checked={events.includes(event)}
                  onChange={(e) => toggle(event, e.target.checked)}
                />
                <span>
                  {EVENT_WORDS[event]} <code className="font-mono text-xs text-stone-500">{event}</code>
                </span>
              </label>
            ))}
          </div>
          {errors.events ? (
            <p id="webhook-events-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
              {errors.events}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" pending={create.isPending} className="self-start">
          Add endpoint
        </Button>
      </form>

      {endpoints.length === 0 ? (
        <p className="rounded-xl bg-stone-50 px-4 py-6 text-center text-sm text-stone-500 ring-1 ring-stone-200">
          No endpoints yet. Each one receives the chosen events of your own events.
        </p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Your webhook endpoints">
          {endpoints.map((endpoint) => (
            <EndpointItem key={endpoint.id} endpoint={endpoint} onRotate={() => setRotating(endpoint)} announce={setAnnouncement} />
          ))}
        </ul>
      )}

      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>

      <Dialog
        open={rotating !== null}
        onClose={() => !rotate.isPending && setRotating(null)}
        title="Make a new signing secret?"
        description={<span className="font-medium break-all text-ink-950">{rotating?.url}</span>}
      >
        <p className="text-sm text-stone-700">The old secret stops signing at once: update the receiver with the new one right away.</p>
        {rotate.error ? (
          <p role="alert" className="mt-3 text-sm font-medium text-red-700">
            {readServerError(rotate.error).message}
          </p>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setRotating(null)} disabled={rotate.isPending}>
            Keep the old one
          </Button>
          <Button pending={rotate.isPending} onClick={() => rotating && rotate.mutate({ id: rotating.id })}>
            Rotate secret
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function EndpointItem({ endpoint, onRotate, announce }: { endpoint: Endpoint; onRotate: () => void; announce: (message: string) => void }) {
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const refresh = () => Promise.all([utils.webhooks.endpoints.invalidate(), utils.webhooks.deliveries.invalidate({ id: endpoint.id })]);
  const disable = trpc.webhooks.disable.useMutation({
    onSuccess: async () => {
      announce("Endpoint disabled.");
      await refresh();
    },
  });
  const enable = trpc.webhooks.enable.useMutation({
    onSuccess: async () => {
      announce("Endpoint enabled.");
      await refresh();
    },
  });
  const state = endpoint.enabled ? (endpoint.failingSince ? ["amber", "Failing"] : ["green", "Active"]) : ["neutral", "Disabled"];

  return (
    <li className="rounded-xl p-4 ring-1 ring-stone-200" data-testid="webhook-endpoint">
      <div className="flex items-start gap-2">
        <p className="min-w-0 flex-1 font-mono text-sm break-all text-ink-950">{endpoint.url}</p>
        <Badge tone={state[0] as BadgeTone}>{state[1]}</Badge>
      </div>
      <p className="mt-1 text-xs text-stone-500">{endpoint.events.map((e) => EVENT_WORDS[e]).join(" · ")}</p>
      {!endpoint.enabled && endpoint.disabledReason ? (
        <p className="mt-1 text-xs text-stone-600">
          {endpoint.disabledReason}
          {endpoint.disabledAt ? `, ${timeFormat.format(endpoint.disabledAt)}` : ""}
        </p>
      ) : null}
      {endpoint.enabled && endpoint.failingSince ? (
        <p className="mt-1 text-xs text-amber-800">Failing since {timeFormat.format(endpoint.failingSince)}; disabled after 3 days of failures.</p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Hide deliveries" : "Deliveries"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onRotate}>
          Rotate secret
        </Button>
        {endpoint.enabled ? (
          <Button variant="dangerGhost" size="sm" pending={disable.isPending} onClick={() => disable.mutate({ id: endpoint.id })}>
            Disable
          </Button>
        ) : (
          <Button variant="ghost" size="sm" pending={enable.isPending} onClick={() => enable.mutate({ id: endpoint.id })}>
            Enable
          </Button>
        )}
      </div>
      {open ? <Deliveries endpoint={endpoint} announce={announce} /> : null}
    </li>
  );
}

const DELIVERY_TONES: Record<string, BadgeTone> = { SUCCEEDED: "green", PENDING: "amber", FAILED: "red" };

function Deliveries({ endpoint, announce }: { endpoint: Endpoint; announce: (message: string) => void }) {
  const utils = trpc.useUtils();
  const { data, isLoading } = trpc.webhooks.deliveries.useQuery({ id: endpoint.id }, { refetchInterval: 5_000 });
  const redeliver = trpc.webhooks.redeliver.useMutation({
    onSuccess: async () => {
      announce("Sent again.");
      await utils.webhooks.deliveries.invalidate({ id: endpoint.id });
    },
  });
  if (isLoading || !data) return <p className="mt-3 text-sm text-stone-500">Loading deliveries…</p>;
  if (data.deliveries.length === 0) return <p className="mt-3 text-sm text-stone-500">Nothing sent yet.</p>;
  return (
    <div className="mt-3">
      {redeliver.error ? (
        <p role="alert" className="mb-2 text-sm font-medium text-red-700">
          {readServerError(redeliver.error).message}
        </p>
      ) : null}
      <ul className="flex flex-col divide-y divide-stone-100 rounded-lg bg-stone-50 ring-1 ring-stone-200" aria-label="Latest deliveries">
        {data.deliveries.map((delivery) => (
          <li key={delivery.id} className="px-3 py-2" data-testid="webhook-delivery">
            <div className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs font-semibold text-ink-950">{delivery.eventType}</code>
              <Badge tone={DELIVERY_TONES[delivery.status] ?? "neutral"}>{delivery.status.toLowerCase()}</Badge>
              <span className="text-xs text-stone-500">{timeFormat.format(delivery.createdAt)}</span>
              {delivery.status !== "PENDING" && endpoint.enabled ? (
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  pending={redeliver.isPending && redeliver.variables?.id === delivery.id}
                  onClick={() => redeliver.mutate({ id: delivery.id })}
                >
                  Redeliver<span className="sr-only"> {delivery.eventType}</span>
                </Button>
              ) : null}
            </div>
            {delivery.nextAttemptAt && delivery.status === "PENDING" && delivery.attempts > 0 ? (
              <p className="text-xs text-amber-800">Next try {timeFormat.format(delivery.nextAttemptAt)}</p>
            ) : null}
            <ol className="mt-1 flex flex-col gap-0.5" aria-label="Attempts">
              {delivery.recentAttempts.map((attempt, i) => (
                <li key={i} className="flex gap-2 text-xs text-stone-600" data-testid="webhook-attempt">
                  <span className={`font-mono font-semibold ${attempt.statusCode && attempt.statusCode < 300 ? "text-emerald-700" : "text-red-700"}`}>
                    {attempt.statusCode ?? "—"}
                  </span>
                  <span>{timeFormat.format(attempt.attemptedAt)}</span>
                  <span>{attempt.durationMs} ms</span>
                  {attempt.error ? <span className="min-w-0 truncate">{attempt.error}</span> : null}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </div>
  );
}
