import { describe, expect, it } from "vitest";
import { MediaType } from "../../generated/prisma/enums";
import { eventSubTitle, postFieldsFromEvent, postMediaFromEvent } from "./event-mapping";

const event = {
  title: "Neon Nights",
  venue: "Halle Süd",
  // 22:00 UTC on a Friday is 23:00 in Berlin (winter time).
  startDate: new Date("2026-12-11T22:00:00Z"),
  timezone: "Europe/Berlin",
  version: 4,
};

describe("postFieldsFromEvent", () => {
  it("shows the venue and the event's local date, never the location", () => {
    expect(eventSubTitle(event)).toBe("Halle Süd · Fri 11 Dec, 23:00");
    expect(eventSubTitle({ ...event, timezone: "America/New_York" })).toBe("Halle Süd · Fri 11 Dec, 17:00");
  });

  it("maps title, poster and ticket types in order, at the event's version", () => {
    const medias = [
      { src: "/b.png", position: 1, mediaType: MediaType.IMAGE },
      { src: "/a.png", position: 0, mediaType: MediaType.IMAGE },
    ];
    const variants = [
      { id: "00000000-0000-4000-8000-000000000002", name: "VIP", price: 6000, currency: "EUR", position: 1 },
      { id: "00000000-0000-4000-8000-000000000001", name: "GA", price: 2500, currency: "EUR", position: 0 },
    ];
    expect(postFieldsFromEvent(event, medias, variants)).toEqual({
      headline: "Neon Nights",
      title: "Neon Nights",
      subTitle: "Halle Süd · Fri 11 Dec, 23:00",
      coverImages: [{ src: "/a.png" }, { src: "/b.png" }],
      ticketPrices: [
        { variantId: variants[1]!.id, name: "GA", price: 2500, currency: "EUR" },
        { variantId: variants[0]!.id, name: "VIP", price: 6000, currency: "EUR" },
      ],
      syncedEventVersion: 4,
    });
    expect(postMediaFromEvent(medias)).toEqual([
      { src: "/a.png", position: 0, mediaType: MediaType.IMAGE },
      { src: "/b.png", position: 1, mediaType: MediaType.IMAGE },
    ]);
  });
});
