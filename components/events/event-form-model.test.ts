import { describe, expect, it } from "vitest";
import { ZCreateEventInput } from "@/server/domain/events/schema";
import { checkCreate, checkUpdate, draftFromDetails, emptyDraft, emptyLineup, emptyTicket, type EventDraft } from "./event-form-model";

function filled(): EventDraft {
  const draft = emptyDraft("Europe/Berlin");
  return {
    ...draft,
    title: "Neon Nights",
    venue: "Halle Süd",
    location: "Revaler Straße 99, Berlin",
    start: "2026-12-12T22:00",
    end: "2026-12-13T05:00",
    posters: [{ src: "/media/posters/x/1200.webp" }],
    lineups: [
      { ...emptyLineup(), title: "Support act" },
      { ...emptyLineup(), title: "DJ Kaiserin", isHeadliner: true, introduction: "Techno royalty" },
    ],
    tickets: [
      { ...emptyTicket("EUR", "GA"), price: "25.00", quantity: "300" },
      { ...emptyTicket("EUR", "VIP"), price: "60", quantity: "40" },
    ],
  };
}

describe("checkCreate", () => {
  it("builds the body the create schema accepts: wall times in the event's zone, prices in minor units", () => {
    const result = checkCreate(filled());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toMatchObject({
      title: "Neon Nights",
      startDate: "2026-12-12T22:00:00+01:00",
      endDate: "2026-12-13T05:00:00+01:00",
      timezone: "Europe/Berlin",
      tickets: [
        { name: "GA", price: 2500, currency: "EUR", quantity: 300 },
        { name: "VIP", price: 6000, currency: "EUR", quantity: 40 },
      ],
      lineups: [
        { title: "Support act", order: 0, isHeadliner: false },
        { title: "DJ Kaiserin", order: 1, isHeadliner: true, introduction: "Techno royalty" },
      ],
      addressRevealConfig: null,
      taxConfig: null,
    });
    expect(ZCreateEventInput.safeParse(result.body).success).toBe(true);
  });

  it("puts every problem next to its field, the typed-value ones and the schema's", () => {
    const draft = filled();
    draft.title = "";
    draft.start = "2026-12-12T22:00";
    draft.end = "2026-12-12T21:00";
    draft.tickets[1]!.price = "sixty";
    draft.tickets[0]!.quantity = "2.5";
    draft.lineups[0]!.title = " ";
    draft.isAddressRevealEnabled = true;
    draft.revealMode = "revealAt";
    draft.isTaxEnabled = true;
    draft.taxRate = "19.123";
    const result = checkCreate(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      title: "Required",
      endDate: "Must be after the start",
      "tickets.1.price": "Enter a number, like 25.00",
      "tickets.0.quantity": "Enter a whole number",
      "lineups.0.title": "Required",
      "addressRevealConfig.revealAt": "Pick a date and time",
      "taxConfig.rateBasisPoints": "At most 2 decimal places",
    });
  });

  it("sends the address reveal and tax settings the way the API takes them", () => {
    const draft = { ...filled(), isAddressRevealEnabled: true, revealHours: "12", isTaxEnabled: true, taxRate: "19", taxIncluded: false };
    const result = checkCreate(draft);
    expect(result.ok && result.body).toMatchObject({
      isAddressRevealEnabled: true,
      addressRevealConfig: { hoursBeforeStart: 12 },
      isTaxEnabled: true,
      taxConfig: { label: "VAT", rateBasisPoints: 1900, included: false },
    });
    const at = checkCreate({ ...draft, revealMode: "revealAt", revealAt: "2026-12-12T18:00" });
    expect(at.ok && at.body).toMatchObject({ addressRevealConfig: { revealAt: "2026-12-12T18:00:00+01:00" } });
  });
});

describe("an existing event in the editor", () => {
  it("reads back as it was saved and keeps ticket ids for the update", () => {
    const event = {
      title: "Marlow",
      venue: "Lantern Rooms",
      location: "12 Chalk Farm Road",
      timezone: "Europe/London",
      startDate: new Date("2026-07-04T18:30:00Z"),
      endDate: null,
      poster: [{ src: "/demo/marlow.svg" }],
      lineups: [
        { id: "b", title: "Second", introduction: null, poster: null, order: 1, isHeadliner: false },
        { id: "a", title: "First", introduction: "Hi", poster: null, order: 0, isHeadliner: true },
      ],
      allowAutoComplete: false,
      isAddressRevealEnabled: true,
      addressRevealConfig: { revealAt: new Date("2026-07-04T12:00:00Z") },
      isTaxEnabled: true,
      taxConfig: { label: "VAT", rateBasisPoints: 2000, included: true },
      commission: { type: "PERCENT", value: 1250 },
      messageInfo: { smsMaxLimit: 5 },
      reminderHoursBefore: 24,
    };
    const product = {
      variants: [
        {
          id: "7d1c0c36-7f43-4c8b-9a4c-2a3e8d7b6f10",
          name: "Standing",
          price: 2800,
          currency: "GBP",
          quantity: 300,
          sold: 12,
          held: 0,
          saleStartsAt: new Date("2026-06-01T08:00:00Z"),
          saleEndsAt: null,
          maxPerOrder: 6,
          position: 0,
        },
      ],
    };
    const draft = draftFromDetails({ event, product } as never);
    expect(draft).toMatchObject({
      smsMaxLimit: "5",
      start: "2026-07-04T19:30",
      end: "",
      revealMode: "revealAt",
      revealAt: "2026-07-04T13:00",
      taxRate: "20",
      tickets: [
        {
          id: product.variants[0]!.id,
          price: "28.00",
          currency: "GBP",
          quantity: "300",
          saleStarts: "2026-06-01T09:00",
          saleEnds: "",
          maxPerOrder: "6",
        },
      ],
      commissionType: "PERCENT",
      commissionValue: "12.5",
    });
    expect(draft.lineups.map((l) => l.title)).toEqual(["First", "Second"]);
    const result = checkUpdate(draft);
    expect(result.ok && result.body).toMatchObject({
      startDate: "2026-07-04T19:30:00+01:00",
      endDate: null,
      tickets: [{ id: product.variants[0]!.id, price: 2800, saleStartsAt: "2026-06-01T09:00:00+01:00", saleEndsAt: null, maxPerOrder: 6 }],
      addressRevealConfig: { revealAt: "2026-07-04T13:00:00+01:00" },
      commission: { type: "PERCENT", value: 1250 },
      messageInfo: { smsMaxLimit: 5 },
    });
    // An SMS limit that is not a whole number is named by its field.
    const badLimit = checkUpdate({ ...draft, smsMaxLimit: "two" });
    expect(!badLimit.ok && Object.keys(badLimit.errors)).toEqual(["messageInfo.smsMaxLimit"]);
  });

  it("names the sale window's end, the per-order maximum and the commission when they are wrong", () => {
    const draft = emptyDraft("Europe/Berlin");
    const wrong = checkCreate({
      ...draft,
      title: "Night",
      venue: "Club",
      location: "Somewhere 1",
      start: "2026-12-12T22:00",
      tickets: [
        { ...draft.tickets[0]!, price: "10", quantity: "100", saleStarts: "2026-12-01T10:00", saleEnds: "2026-11-30T10:00", maxPerOrder: "0" },
      ],
      commissionType: "PERCENT",
      commissionValue: "120",
    });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && Object.keys(wrong.errors).sort()).toEqual(["commission.value", "tickets.0.maxPerOrder", "tickets.0.saleEndsAt"]);
    const fixed = checkCreate({
      ...draft,
      title: "Night",
      venue: "Club",
      location: "Somewhere 1",
      start: "2026-12-12T22:00",
      tickets: [{ ...draft.tickets[0]!, price: "10", quantity: "100" }],
      commissionType: "FIXED",
      commissionValue: "1.50",
    });
    expect(fixed.ok && fixed.body.commission).toEqual({ type: "FIXED", value: 150 });
  });
});
