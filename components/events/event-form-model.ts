// The event editor's state and its one way to a request body. What people type (a price as
// "25.00", a start as a wall time in the event's zone, a tax rate as "19") is converted here,
// then checked with the same zod schema the server uses; both kinds of problems come back as
// messages keyed by the field paths the server uses too.
import type { z } from "zod";
import { ZCreateEventInput, ZUpdateEventInput, type EventDetails } from "@/server/domain/events/schema";
import { DEFAULT_SMS_MAX_LIMIT } from "@/server/domain/messages/schema";
import { issuesToFieldErrors, type FieldErrors } from "../forms/field-errors";
import { formatMoneyInput, formatScaledDecimal, parseMoneyInput, parseScaledDecimal } from "../forms/money-input";
import { dateToZonedWallTime, wallTimeToIso } from "../forms/zoned-time";

export interface TicketDraft {
  key: string;
  /** Set for ticket types that exist: an update changes them instead of adding new ones. */
  id?: string;
  name: string;
  price: string;
  currency: string;
  quantity: string;
  /** Wall times in the event's zone; empty: on sale from now / until the event starts. */
  saleStarts: string;
  saleEnds: string;
  maxPerOrder: string;
}

export interface LineupDraft {
  key: string;
  title: string;
  introduction: string;
  isHeadliner: boolean;
  poster: { src: string } | null;
}

export interface EventDraft {
  title: string;
  venue: string;
  location: string;
  timezone: string;
  /** Wall times in `timezone`, as datetime-local inputs hold them ("2026-12-12T22:00"). */
  start: string;
  end: string;
  posters: { src: string }[];
  lineups: LineupDraft[];
  tickets: TicketDraft[];
  allowAutoComplete: boolean;
  /** Hours before the start the guests' reminder goes, as typed; "" or "0": no reminder. */
  reminderHours: string;
  isAddressRevealEnabled: boolean;
  revealMode: "hoursBeforeStart" | "revealAt";
  revealHours: string;
  revealAt: string;
  isTaxEnabled: boolean;
  taxLabel: string;
  /** Percent as typed: "19" or "7.5". */
  taxRate: string;
  taxIncluded: boolean;
  commissionType: "NONE" | "PERCENT" | "FIXED";
  /** A percent as typed ("10" or "12.5"), or an amount per ticket ("2.00") in the tickets' currency. */
  commissionValue: string;
  /** The most SMS one guest gets for the event, as typed. */
  smsMaxLimit: string;
}

let keySeq = 0;
export function draftKey(prefix: string): string {
  keySeq += 1;
  return `${prefix}-${keySeq}-${Math.random().toString(36).slice(2, 7)}`;
}

export function emptyTicket(currency: string, name = ""): TicketDraft {
  return { key: draftKey("ticket"), name, price: "", currency, quantity: "", saleStarts: "", saleEnds: "", maxPerOrder: "10" };
}

export function emptyLineup(): LineupDraft {
  return { key: draftKey("lineup"), title: "", introduction: "", isHeadliner: false, poster: null };
}

export function emptyDraft(timezone: string, currency = "EUR"): EventDraft {
  return {
    title: "",
    venue: "",
    location: "",
    timezone,
    start: "",
    end: "",
    posters: [],
    lineups: [],
    tickets: [emptyTicket(currency, "General admission")],
    allowAutoComplete: true,
    reminderHours: "24",
    isAddressRevealEnabled: false,
    revealMode: "hoursBeforeStart",
    revealHours: "24",
    revealAt: "",
    isTaxEnabled: false,
    taxLabel: "VAT",
    taxRate: "",
    taxIncluded: true,
    commissionType: "NONE",
    commissionValue: "",
    smsMaxLimit: String(DEFAULT_SMS_MAX_LIMIT),
  };
}

/** The editor's state for an existing event. */
export function draftFromDetails({ event, product }: Pick<EventDetails, "event" | "product">): EventDraft {
  const zone = event.timezone;
  const reveal = event.addressRevealConfig;
  return {
    title: event.title,
    venue: event.venue,
    location: event.location,
    timezone: zone,
    start: dateToZonedWallTime(event.startDate, zone),
    end: event.endDate ? dateToZonedWallTime(event.endDate, zone) : "",
    posters: event.poster.map((p) => ({ src: p.src })),
    lineups: [...event.lineups]
      .sort((a, b) => a.order - b.order)
      .map((l) => ({
        key: draftKey("lineup"),
        title: l.title,
        introduction: l.introduction ?? "",
        isHeadliner: l.isHeadliner,
        poster: l.poster,
      })),
    tickets: product.variants.map((v) => ({
      key: draftKey("ticket"),
      id: v.id,
      name: v.name,
      price: formatMoneyInput(v.price, v.currency),
      currency: v.currency,
      quantity: String(v.quantity),
      saleStarts: v.saleStartsAt ? dateToZonedWallTime(v.saleStartsAt, zone) : "",
      saleEnds: v.saleEndsAt ? dateToZonedWallTime(v.saleEndsAt, zone) : "",
      maxPerOrder: String(v.maxPerOrder),
    })),
    allowAutoComplete: event.allowAutoComplete,
    reminderHours: event.reminderHoursBefore === null ? "" : String(event.reminderHoursBefore),
    isAddressRevealEnabled: event.isAddressRevealEnabled,
    revealMode: reveal && "revealAt" in reveal ? "revealAt" : "hoursBeforeStart",
    revealHours: reveal && "hoursBeforeStart" in reveal ? String(reveal.hoursBeforeStart) : "24",
    revealAt: reveal && "revealAt" in reveal ? dateToZonedWallTime(reveal.revealAt, zone) : "",
    isTaxEnabled: event.isTaxEnabled,
    taxLabel: event.taxConfig?.label ?? "VAT",
    taxRate: event.taxConfig ? formatScaledDecimal(event.taxConfig.rateBasisPoints, 2).replace(/\.?0+$/, "") : "",
    taxIncluded: event.taxConfig?.included ?? true,
    smsMaxLimit: String(event.messageInfo.smsMaxLimit),
    commissionType: event.commission?.type ?? "NONE",
    commissionValue: !event.commission
      ? ""
      : event.commission.type === "PERCENT"
        ? formatScaledDecimal(event.commission.value, 2).replace(/\.?0+$/, "")
        : formatMoneyInput(event.commission.value, product.variants[0]?.currency ?? "EUR"),
  };
}

function parseWholeNumber(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim().replace(/[\s,_]/g, "");
  if (t === "") return { ok: false, message: "Required" };
  if (!/^\d+$/.test(t)) return { ok: false, message: "Enter a whole number" };
  return { ok: true, value: Number(t) };
}

type Body = Record<string, unknown>;

/**
 * The request body for the draft (dates as ISO strings with the zone's offset, money in
 * minor units) and the problems met while converting. A field that cannot be converted is
 * sent as an invalid value, so the schema's other checks still run around it.
 */
export function draftToBody(draft: EventDraft, { withTicketIds }: { withTicketIds: boolean }) {
  const errors: FieldErrors = {};
  const zone = draft.timezone;

  const wall = (text: string, path: string, required: boolean): string | null | undefined => {
    if (!text.trim()) {
      if (required) errors[path] = "Pick a date and time";
      return required ? undefined : null;
    }
    const iso = wallTimeToIso(text, zone);
    if (!iso) errors[path] = "Pick a date and time";
    return iso ?? undefined;
  };

  const tickets = draft.tickets.map((t, i) => {
    const price = parseMoneyInput(t.price, t.currency);
    if (!price.ok) errors[`tickets.${i}.price`] = price.message;
    const quantity = parseWholeNumber(t.quantity);
    if (!quantity.ok) errors[`tickets.${i}.quantity`] = quantity.message;
    const maxPerOrder = parseWholeNumber(t.maxPerOrder);
    if (!maxPerOrder.ok) errors[`tickets.${i}.maxPerOrder`] = maxPerOrder.message;
    return {
      ...(withTicketIds && t.id ? { id: t.id } : {}),
      name: t.name,
      price: price.ok ? price.value : Number.NaN,
      currency: t.currency,
      quantity: quantity.ok ? quantity.value : Number.NaN,
      saleStartsAt: wall(t.saleStarts, `tickets.${i}.saleStartsAt`, false),
      saleEndsAt: wall(t.saleEnds, `tickets.${i}.saleEndsAt`, false),
      maxPerOrder: maxPerOrder.ok ? maxPerOrder.value : Number.NaN,
    };
  });

  let addressRevealConfig: Body | null = null;
  if (draft.isAddressRevealEnabled) {
    if (draft.revealMode === "hoursBeforeStart") {
      const hours = parseWholeNumber(draft.revealHours);
      if (!hours.ok) errors["addressRevealConfig.hoursBeforeStart"] = hours.message;
      addressRevealConfig = { hoursBeforeStart: hours.ok ? hours.value : Number.NaN };
    } else {
      addressRevealConfig = { revealAt: wall(draft.revealAt, "addressRevealConfig.revealAt", true) ?? "" };
    }
  }

  let taxConfig: Body | null = null;
  if (draft.isTaxEnabled) {
    const rate = parseScaledDecimal(draft.taxRate.replace(/%\s*$/, ""), 2);
    if (!rate.ok) errors["taxConfig.rateBasisPoints"] = rate.message;
    taxConfig = { label: draft.taxLabel, rateBasisPoints: rate.ok ? rate.value : Number.NaN, included: draft.taxIncluded };
  }

  let commission: Body | null = null;
  if (draft.commissionType === "PERCENT") {
    const rate = parseScaledDecimal(draft.commissionValue.replace(/%\s*$/, ""), 2);
    if (!rate.ok) errors["commission.value"] = rate.message;
    else if (rate.value > 10_000) errors["commission.value"] = "At most 100 %";
    commission = { type: "PERCENT", value: rate.ok ? rate.value : Number.NaN };
  } else if (draft.commissionType === "FIXED") {
    const amount = parseMoneyInput(draft.commissionValue, draft.tickets[0]?.currency ?? "EUR");
    if (!amount.ok) errors["commission.value"] = amount.message;
    commission = { type: "FIXED", value: amount.ok ? amount.value : Number.NaN };
  }

  const body: Body = {
    title: draft.title,
    startDate: wall(draft.start, "startDate", true) ?? "",
    endDate: wall(draft.end, "endDate", false),
    timezone: zone,
    venue: draft.venue,
    location: draft.location,
    poster: draft.posters.map((p) => ({ src: p.src })),
    lineups: draft.lineups.map((l, order) => ({
      title: l.title,
      ...(l.introduction.trim() ? { introduction: l.introduction } : {}),
      ...(l.poster ? { poster: { src: l.poster.src } } : {}),
      order,
      isHeadliner: l.isHeadliner,
    })),
    tickets,
    allowAutoComplete: draft.allowAutoComplete,
    reminderHoursBefore: draft.reminderHours.trim() === "" ? null : Number(draft.reminderHours),
    isAddressRevealEnabled: draft.isAddressRevealEnabled,
    addressRevealConfig,
    isTaxEnabled: draft.isTaxEnabled,
    taxConfig,
    commission,
    messageInfo: { smsMaxLimit: /^\s*\d+\s*$/.test(draft.smsMaxLimit) ? Number(draft.smsMaxLimit) : Number.NaN },
  };
  return { body, errors };
}

export type CreateBody = z.input<typeof ZCreateEventInput>;
export type UpdateBody = z.input<typeof ZUpdateEventInput>;

type Checked<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

function check<T>(schema: z.ZodType, draft: EventDraft, withTicketIds: boolean): Checked<T> {
  const { body, errors } = draftToBody(draft, { withTicketIds });
  const result = schema.safeParse(body);
  const schemaErrors = result.success ? {} : issuesToFieldErrors(result.error.issues);
  // A conversion message ("Enter a number, like 25.00") says more than the schema's "NaN".
  const all = { ...schemaErrors, ...errors };
  // Rules the server checks across fields, asked here too so they show before a round trip
  // (zod skips an object's refinements while any of its fields is invalid).
  const { startDate, endDate } = body as { startDate?: string; endDate?: string | null };
  if (startDate && endDate && Date.parse(endDate) <= Date.parse(startDate)) all.endDate ??= "Must be after the start";
  (body.tickets as { saleStartsAt?: string | null; saleEndsAt?: string | null }[]).forEach((t, i) => {
    if (t.saleStartsAt && t.saleEndsAt && Date.parse(t.saleEndsAt) <= Date.parse(t.saleStartsAt))
      all[`tickets.${i}.saleEndsAt`] ??= "Must be after the sale opens";
  });
  if (draft.isAddressRevealEnabled && draft.revealMode === "revealAt" && !draft.revealAt.trim()) {
    all["addressRevealConfig.revealAt"] ??= "Pick when the address is revealed";
  }
  return Object.keys(all).length === 0 ? { ok: true, body: body as T } : { ok: false, errors: all };
}

export function checkCreate(draft: EventDraft): Checked<CreateBody> {
  return check<CreateBody>(ZCreateEventInput, draft, false);
}

export function checkUpdate(draft: EventDraft): Checked<UpdateBody> {
  return check<UpdateBody>(ZUpdateEventInput, draft, true);
}

/** "tickets.1.price" -> "Ticket type 2: price", for the summary of problems above the form. */
export function fieldLabel(path: string): string {
  const simple: Record<string, string> = {
    title: "Event title",
    venue: "Venue",
    location: "Address",
    timezone: "Time zone",
    startDate: "Starts",
    endDate: "Ends",
    poster: "Poster",
    lineups: "Lineup",
    tickets: "Ticket types",
    addressRevealConfig: "Address reveal",
    "addressRevealConfig.hoursBeforeStart": "Address reveal: hours before the start",
    "addressRevealConfig.revealAt": "Address reveal: reveal at",
    taxConfig: "Tax",
    "taxConfig.label": "Tax: label",
    "taxConfig.rateBasisPoints": "Tax: rate",
    commission: "Promoter commission",
    "commission.value": "Promoter commission",
    "messageInfo.smsMaxLimit": "SMS per guest",
  };
  if (simple[path]) return simple[path];
  const ticket = /^tickets\.(\d+)\.(\w+)$/.exec(path);
  const ticketFields: Record<string, string> = { saleStartsAt: "sale opens", saleEndsAt: "sale closes", maxPerOrder: "per order" };
  if (ticket) return `Ticket type ${Number(ticket[1]) + 1}: ${ticketFields[ticket[2]!] ?? ticket[2]}`;
  const lineup = /^lineups\.(\d+)\.(\w+)/.exec(path);
  if (lineup) return `Lineup act ${Number(lineup[1]) + 1}: ${lineup[2] === "title" ? "name" : lineup[2]}`;
  const poster = /^poster\.(\d+)/.exec(path);
  if (poster) return `Poster image ${Number(poster[1]) + 1}`;
  return path;
}
