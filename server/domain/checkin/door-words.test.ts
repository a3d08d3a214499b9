import { describe, expect, it } from "vitest";
import { formatAgo, formatDoorTime } from "./door-words";

describe("formatDoorTime", () => {
  const now = new Date("2026-11-25T21:30:00Z"); // 22:30 in Berlin

  it("shows the event's clock and zone, with the day only when it is not today there", () => {
    expect(formatDoorTime(new Date("2026-11-25T20:04:00Z"), "Europe/Berlin", now)).toBe("21:04 CET");
    expect(formatDoorTime(new Date("2026-11-25T20:04:00Z"), "America/New_York", now)).toBe("15:04 EST");
    // 00:10 in Tokyo is already the 26th there, like `now` (06:30 on the 26th).
    expect(formatDoorTime(new Date("2026-11-25T15:10:00Z"), "Asia/Tokyo", now)).toBe("00:10 GMT+9");
    expect(formatDoorTime(new Date("2026-11-24T22:00:00Z"), "Europe/Berlin", now)).toBe("Tue 24 Nov · 23:00 CET");
  });

  it("falls back to UTC for a zone it does not know", () => {
    expect(formatDoorTime(new Date("2026-11-25T20:04:00Z"), "Mars/Olympus", now)).toBe("20:04 UTC");
  });
});

describe("formatAgo", () => {
  it("says how long ago in words a door steward reads at a glance", () => {
    const now = new Date("2026-11-25T21:30:00Z");
    expect(formatAgo(new Date("2026-11-25T21:29:30Z"), now)).toBe("just now");
    expect(formatAgo(new Date("2026-11-25T21:18:00Z"), now)).toBe("12 min ago");
    expect(formatAgo(new Date("2026-11-25T18:10:00Z"), now)).toBe("3 h ago");
  });
});
