"use client";

import Link from "next/link";
import { useState } from "react";
import { addressRevealMoment, isAddressRevealed } from "@/server/domain/events/address-reveal";
import type { EventDetails, RelatedPosts as RelatedPostsPage } from "@/server/domain/events/schema";
import { isFinalStatus } from "@/server/domain/events/status";
import { posterSize } from "@/server/domain/media/paths";
import { formatEventRange, formatEventStart, formatMoney, formatPriceRange, initials } from "../format";
import { trpc } from "../trpc";
import { Badge } from "../ui/badge";
import { buttonClass } from "../ui/button";
import { Section } from "../ui/page";
import type { GuestGroupView, EventListEntry } from "@/server/domain/guests/schema";
import type { CheckInConflictView, StaffMember } from "@/server/domain/checkin/schema";
import type { InvitationView } from "@/server/domain/invitations/schema";
import type { MessageView } from "@/server/domain/messages/schema";
import type { OrderList } from "@/server/domain/orders/sales-schema";
import { EventGuests } from "./event-guests";
import { EventSales } from "./event-sales";
import { EventInvitations } from "./event-invitations";
import { EventMessages } from "./event-messages";
import { EventConflicts } from "./event-conflicts";
import { EventStaff } from "./event-staff";
import { RelatedPosts } from "./related-posts";
import { DeleteEvent } from "./delete-event";
import { StatusActions } from "./status-actions";
import { SyncStatus } from "./sync-status";
import { EventStatusBadge } from "./status-badge";

const SAVED: Record<string, string> = {
  created: "Event created. Its ticket product and your post for promoters are live.",
  updated: "Changes saved. Synced posts pick them up within seconds.",
};

/** The event page: status and its legal moves, live counts, posts with their sync, lineup, tickets, options. */
export function EventDashboard({
  eventId,
  initialDetails,
  initialPosts,
  viewerId,
  saved,
  initialGuests,
  initialGroups,
  initialStaff,
  initialInvitations,
  initialOrders,
  initialMessages,
  initialConflicts,
}: {
  eventId: string;
  initialDetails: EventDetails;
  initialPosts: RelatedPostsPage;
  viewerId: string;
  saved?: string;
  initialGuests: { guests: EventListEntry[]; nextCursor: string | null };
  initialGroups: GuestGroupView[];
  initialStaff: StaffMember[];
  initialInvitations: InvitationView[];
  initialOrders: OrderList;
  initialMessages: MessageView[];
  initialConflicts: CheckInConflictView[];
}) {
  const { data = initialDetails } = trpc.events.details.useQuery(
    { id: eventId },
    {
      initialData: initialDetails,
      // Check-ins come in live while the event runs.
      refetchInterval: (q) => (q.state.data && isFinalStatus(q.state.data.event.status) ? false : 10_000),
    },
  );
  const { event, product, stats } = data;
  const [savedNote, setSavedNote] = useState(saved ? SAVED[saved] : undefined);
  const final = isFinalStatus(event.status);
  const cover = event.poster[0]?.src;
  const capacity = product.variants.reduce((sum, v) => sum + v.quantity, 0);
  const price = formatPriceRange(
    product.variants.length
      ? {
          min: Math.min(...product.variants.map((v) => v.price)),
          max: Math.max(...product.variants.map((v) => v.price)),
          currency: product.variants[0]!.currency,
        }
      : null,
  );

  return (
    <div className="flex flex-col gap-6">
      {savedNote ? (
        <div
          className="flex items-start justify-between gap-3 rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-600/20"
          role="status"
        >
          <p>{savedNote}</p>
          <button type="button" onClick={() => setSavedNote(undefined)} className="-my-1 rounded-md px-2 py-1 font-medium hover:bg-emerald-100">
            Dismiss
          </button>
        </div>
      ) : null}

      <header className="flex flex-col gap-5 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:flex-row sm:p-6">
        <div className="flex gap-4 sm:contents">
          <div className="aspect-[4/5] w-24 shrink-0 overflow-hidden rounded-xl bg-ink-900 sm:w-40">
            {cover ? (
              <img
                src={posterSize(cover, "400")}
                alt={`Poster of ${event.title}`}
                className={`size-full object-cover ${event.status === "CANCELED" ? "grayscale" : ""}`}
              />
            ) : (
              <div
                aria-hidden="true"
                className="grid size-full place-items-center bg-gradient-to-br from-spotlight-600 via-ink-800 to-marquee-600 text-3xl font-black text-white/80"
              >
                {initials(event.title)}
              </div>
            )}
          </div>
          <div className="flex min-w-0 flex-1 flex-col items-start gap-1.5 sm:hidden">
            <EventStatusBadge status={event.status} />
            <h1 className="text-2xl leading-tight font-bold tracking-tight text-ink-950">{event.title}</h1>
          </div>
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-3">
          <div className="hidden flex-col gap-2 sm:flex">
            <div>
              <EventStatusBadge status={event.status} />
            </div>
            <h1 className="text-3xl font-bold tracking-tight text-balance text-ink-950">{event.title}</h1>
          </div>
          <dl className="flex flex-col gap-1 text-sm text-stone-700">
            <div className="flex gap-2">
              <dt className="sr-only">When</dt>
              <dd className="font-semibold text-marquee-700">
                <time dateTime={event.startDate.toISOString()}>{formatEventRange(event.startDate, event.endDate, event.timezone)}</time>
              </dd>
            </div>
            <div className="flex gap-2">
              <dt className="sr-only">Where</dt>
              <dd>
                <span className="font-medium text-ink-950">{event.venue}</span> · {event.location}
              </dd>
            </div>
          </dl>
          <div className="mt-auto flex flex-col gap-3 pt-2 sm:flex-row sm:flex-wrap sm:items-start">
            {!final ? (
              <Link href={`/events/${event.id}/edit`} className={buttonClass("primary")}>
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                  <path d="m5.433 13.917 1.262-3.155A4 4 0 0 1 7.58 9.42l6.92-6.918a2.121 2.121 0 0 1 3 3l-6.92 6.918c-.383.383-.84.685-1.343.886l-3.154 1.262a.5.5 0 0 1-.65-.65Z" />
                  <path d="M3.5 5.75c0-.69.56-1.25 1.25-1.25H10A.75.75 0 0 0 10 3H4.75A2.75 2.75 0 0 0 2 5.75v9.5A2.75 2.75 0 0 0 4.75 18h9.5A2.75 2.75 0 0 0 17 15.25V10a.75.75 0 0 0-1.5 0v5.25c0 .69-.56 1.25-1.25 1.25h-9.5c-.69 0-1.25-.56-1.25-1.25v-9.5Z" />
                </svg>
                Edit event
              </Link>
            ) : null}
            {!final ? (
              <Link href={`/door/${event.id}`} className={buttonClass("secondary")}>
                Open the door
              </Link>
            ) : null}
            <StatusActions eventId={event.id} title={event.title} status={event.status} />
            <DeleteEvent eventId={event.id} title={event.title} />
          </div>
          {final ? (
            <p className="text-sm text-stone-500">
              {event.status === "CANCELED" ? "This event was canceled." : "This event is completed."} Its details can no longer change.
            </p>
          ) : null}
        </div>
      </header>

      <section aria-label="At a glance" className="grid grid-cols-2 gap-3 lg:grid-cols-4 [&>*]:min-w-0">
        <Stat
          label="Tickets"
          value={capacity.toLocaleString("en-GB")}
          detail={`${product.variants.length} ${product.variants.length === 1 ? "type" : "types"}${price ? ` · ${price}` : ""}`}
        />
        <Stat label="Posts" value={String(stats.posts)} detail="yours and promoters'" />
        <Stat label="Guests" value={String(stats.guests)} detail={stats.guests ? "on the list" : "no guest list yet"} />
        <Stat
          label="Checked in"
          value={String(stats.checkedIn)}
          detail={stats.guests ? `of ${stats.guests} · ${Math.round((stats.checkedIn / stats.guests) * 100)}%` : "at the door"}
          live={!final}
        />
      </section>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <EventConflicts eventId={event.id} timezone={event.timezone} initialConflicts={initialConflicts} live={!final} />

          <Section id="sales" title="Sales" description="Paid orders count; refunds are shown apart. Updates every few seconds while on sale.">
            <EventSales eventId={event.id} initialOrders={initialOrders} live={!final} />
          </Section>

          <Section
            id="posts"
            title="Posts from this event"
            description="Synced posts follow every change to the title, date, venue, poster and prices."
          >
            <RelatedPosts eventId={event.id} eventVersion={event.version} viewerId={viewerId} initialPage={initialPosts} />
          </Section>

          <Section id="guests" title="Guest list" description="Each guest gets a QR ticket; the door page scans it.">
            <EventGuests
              eventId={event.id}
              status={event.status}
              timezone={event.timezone}
              initialList={initialGuests}
              initialGroups={initialGroups}
            />
          </Section>

          <Section
            id="messages"
            title="Messages"
            description="Write to your guests by email or SMS. You see who gets it before it goes, then each delivery."
          >
            <EventMessages
              eventId={event.id}
              ticketTypes={product.variants.map((v) => ({ id: v.id, name: v.name }))}
              smsMaxLimit={event.messageInfo.smsMaxLimit}
              timezone={event.timezone}
              initialMessages={initialMessages}
            />
          </Section>

          <Section id="lineup" title="Lineup" description={event.lineups.length ? "In running order." : undefined}>
            {event.lineups.length === 0 ? (
              <p className="text-sm text-stone-500">No lineup yet. {final ? "" : "Add acts in the editor."}</p>
            ) : (
              <ol className="flex flex-col gap-2">
                {event.lineups.map((act, i) => (
                  <li key={act.id} className="flex items-start gap-3 rounded-xl bg-stone-50 p-3">
                    <span className="grid size-7 shrink-0 place-items-center rounded-full bg-white text-xs font-bold text-stone-500 ring-1 ring-stone-200">
                      {i + 1}
                    </span>
                    <div className="min-w-0">
                      <p className="flex flex-wrap items-center gap-2 font-semibold text-ink-950">
                        {act.title}
                        {act.isHeadliner ? <Badge tone="marquee">★ Headliner</Badge> : null}
                      </p>
                      {act.introduction ? <p className="text-sm text-stone-600">{act.introduction}</p> : null}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </div>

        <div className="flex flex-col gap-6">
          <Section id="tickets" title="Ticket types">
            <ul className="flex flex-col divide-y divide-stone-100">
              {product.variants.map((v) => (
                <li key={v.id} className="flex items-baseline justify-between gap-3 py-2.5 first:pt-0 last:pb-0">
                  <div className="min-w-0">
                    <p className="font-medium text-ink-950">{v.name}</p>
                    <p className="text-xs text-stone-500">
                      {v.sold.toLocaleString("en-GB")} sold of {v.quantity.toLocaleString("en-GB")} · up to {v.maxPerOrder} per order
                    </p>
                    {v.saleStartsAt || v.saleEndsAt ? (
                      <p className="text-xs text-stone-500">
                        On sale {v.saleStartsAt ? `from ${formatEventStart(v.saleStartsAt, event.timezone)}` : "now"}
                        {v.saleEndsAt ? ` until ${formatEventStart(v.saleEndsAt, event.timezone)}` : ""}
                      </p>
                    ) : null}
                  </div>
                  <p className="font-semibold text-ink-950 tabular-nums">{v.price === 0 ? "Free" : formatMoney(v.price, v.currency)}</p>
                </li>
              ))}
            </ul>
            {event.isTaxEnabled && event.taxConfig ? (
              <p className="mt-3 text-xs text-stone-600">
                {event.taxConfig.included ? "Prices include" : "Checkout adds"} {event.taxConfig.label}{" "}
                {(event.taxConfig.rateBasisPoints / 100).toLocaleString("en-GB")} %.
              </p>
            ) : null}
            <p className="mt-3 text-xs text-stone-500">
              Sales are {product.status === "ACTIVE" ? <strong className="text-emerald-700">open</strong> : <strong>closed</strong>} while the event
              is {event.status.toLowerCase().replace("_", " ")}.
            </p>
          </Section>

          <Section id="sync" title="Where it is live" description="Promoters' posts and your Shopify store follow each saved change.">
            <SyncStatus details={data} />
          </Section>

          <Section id="staff" title="Door staff" description="Who may check guests in, besides you.">
            <div className="flex flex-col gap-6">
              <EventInvitations eventId={event.id} kind="STAFF" initialInvitations={initialInvitations} timezone={event.timezone} editable={!final} />
              <div className="border-t border-stone-100 pt-5">
                <EventStaff eventId={event.id} initialStaff={initialStaff} editable={!final} />
              </div>
            </div>
          </Section>

          <Section id="promoters" title="Invited promoters" description="Promoters you invite see this event first in their feed.">
            <EventInvitations
              eventId={event.id}
              kind="PROMOTER"
              initialInvitations={initialInvitations}
              timezone={event.timezone}
              editable={!final}
            />
          </Section>

          <Section id="settings" title="Settings">
            <dl className="flex flex-col gap-3 text-sm">
              <Setting label="Time zone">{event.timezone.replace(/_/g, " ")}</Setting>
              <Setting label="Address">
                <AddressReveal event={event} />
              </Setting>
              <Setting label="SMS per guest">At most {event.messageInfo.smsMaxLimit}</Setting>
              <Setting label="Completes automatically">{event.allowAutoComplete ? "Yes, once it has ended" : "No, you close it"}</Setting>
              <Setting label="Tax">
                {event.isTaxEnabled && event.taxConfig
                  ? `${event.taxConfig.label} ${(event.taxConfig.rateBasisPoints / 100).toLocaleString("en-GB")} %, ${event.taxConfig.included ? "included in prices" : "added to prices"}`
                  : "None"}
              </Setting>
              <Setting label="Promoter commission">
                {event.commission
                  ? event.commission.type === "PERCENT"
                    ? `${(event.commission.value / 100).toLocaleString("en-GB")} % of each ticket's price before tax`
                    : `${formatMoney(event.commission.value, product.variants[0]?.currency ?? "EUR")} per ticket`
                  : "None"}
              </Setting>
              <Setting label="Version">
                {event.version} <span className="text-stone-500">(goes up with each change posts show)</span>
              </Setting>
            </dl>
          </Section>
        </div>
      </div>
    </div>
  );
}

function Stat({ label, value, detail, live = false }: { label: string; value: string; detail: string; live?: boolean }) {
  return (
    <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <p className="flex items-center gap-1.5 text-xs font-semibold tracking-wide text-stone-500 uppercase">
        {label}
        {live ? (
          <span className="inline-flex items-center gap-1 text-emerald-700 normal-case" title="Updates every few seconds">
            <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-emerald-500" />
            <span className="sr-only">(live)</span>
          </span>
        ) : null}
      </p>
      <p className="mt-1 text-3xl font-bold tracking-tight text-ink-950 tabular-nums" aria-live={live ? "polite" : undefined}>
        {value}
      </p>
      <p className="mt-0.5 truncate text-xs text-stone-500">{detail}</p>
    </div>
  );
}

function Setting({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">{label}</dt>
      <dd className="text-ink-950">{children}</dd>
    </div>
  );
}

function AddressReveal({ event }: { event: EventDetails["event"] }) {
  if (!event.isAddressRevealEnabled) return <>Shown to everyone</>;
  const moment = addressRevealMoment(event);
  const revealed = isAddressRevealed(event);
  const when = moment ? formatEventStart(moment, event.timezone) : "the start";
  const rule =
    event.addressRevealConfig && "hoursBeforeStart" in event.addressRevealConfig
      ? ` (${event.addressRevealConfig.hoursBeforeStart} h before the start)`
      : "";
  return (
    <span className="flex flex-col gap-1">
      <span>
        {revealed ? "Revealed since" : "Held back until"} {when}
        {rule}
      </span>
      <span>
        <Badge tone={revealed ? "green" : "amber"}>{revealed ? "Public now" : "Hidden from promoters and guests"}</Badge>
      </span>
    </span>
  );
}
