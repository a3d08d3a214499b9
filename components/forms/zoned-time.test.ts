import { describe, expect, it } from "vitest";
import { dateToZonedWallTime, toIsoWithOffset, wallTimeToIso, zonedWallTimeToDate } from "./zoned-time";

describe("wall time in an event's zone", () => {
  it("turns a wall time into the instant it names there, with the zone's offset", () => {
    expect(wallTimeToIso("2026-12-12T22:00", "Europe/Berlin")).toBe("2026-12-12T22:00:00+01:00");
    expect(zonedWallTimeToDate("2026-12-12T22:00", "Europe/Berlin")?.toISOString()).toBe("2026-12-12T21:00:00.000Z");
    expect(wallTimeToIso("2026-07-04T19:30", "America/New_York")).toBe("2026-07-04T19:30:00-04:00");
    expect(wallTimeToIso("2026-07-04T19:30", "Asia/Kolkata")).toBe("2026-07-04T19:30:00+05:30");
    expect(wallTimeToIso("2026-07-04T19:30", "UTC")).toBe("2026-07-04T19:30:00+00:00");
    expect(wallTimeToIso("2026-07-04T19:30", "Asia/Kathmandu")).toBe("2026-07-04T19:30:00+05:45");
  });

  it("does not depend on the zone of the machine it runs on", () => {
    // The offset comes from the event's zone at that date: summer and winter differ.
    expect(wallTimeToIso("2026-06-01T12:00", "Europe/London")).toBe("2026-06-01T12:00:00+01:00");
    expect(wallTimeToIso("2026-01-01T12:00", "Europe/London")).toBe("2026-01-01T12:00:00+00:00");
  });

  it("moves a time skipped by spring-forward ahead by the gap", () => {
    // Berlin jumps from 02:00 to 03:00 on 29 March 2026: 02:30 does not exist.
    expect(wallTimeToIso("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T03:30:00+02:00");
  });

  it("takes the first of a time that happens twice in autumn", () => {
    // Berlin falls back from 03:00 to 02:00 on 25 October 2026: 02:30 happens twice.
    expect(wallTimeToIso("2026-10-25T02:30", "Europe/Berlin")).toBe("2026-10-25T02:30:00+02:00");
  });

  it("refuses text that is not a wall time, or a day that does not exist", () => {
    expect(zonedWallTimeToDate("", "Europe/Berlin")).toBeNull();
    expect(zonedWallTimeToDate("tomorrow", "Europe/Berlin")).toBeNull();
    expect(zonedWallTimeToDate("2026-02-30T10:00", "Europe/Berlin")).toBeNull();
  });

  it("round-trips an instant through the wall clock of its zone", () => {
    const instant = new Date("2026-12-13T04:15:00Z");
    expect(dateToZonedWallTime(instant, "Asia/Tokyo")).toBe("2026-12-13T13:15");
    expect(dateToZonedWallTime(instant, "America/Los_Angeles")).toBe("2026-12-12T20:15");
    expect(zonedWallTimeToDate(dateToZonedWallTime(instant, "Asia/Tokyo"), "Asia/Tokyo")).toEqual(instant);
    expect(toIsoWithOffset(instant, "America/Los_Angeles")).toBe("2026-12-12T20:15:00-08:00");
  });
});
