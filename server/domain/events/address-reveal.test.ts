import { describe, expect, it } from "vitest";
import { addressRevealMoment, isAddressRevealed } from "./address-reveal";

const start = new Date("2026-12-12T21:00:00Z");
const base = { startDate: start, isAddressRevealEnabled: true };

describe("isAddressRevealed", () => {
  it("always shows the address when reveal is off, whatever the setting says", () => {
    const event = { ...base, isAddressRevealEnabled: false, addressRevealConfig: { hoursBeforeStart: 24 } };
    expect(addressRevealMoment(event)).toBeNull();
    expect(isAddressRevealed(event, new Date("2020-01-01T00:00:00Z"))).toBe(true);
  });

  it("reveals a number of hours before the start, from that very instant on", () => {
    const event = { ...base, addressRevealConfig: { hoursBeforeStart: 24 } };
    expect(addressRevealMoment(event)).toEqual(new Date("2026-12-11T21:00:00Z"));
    expect(isAddressRevealed(event, new Date("2026-12-11T20:59:59.999Z"))).toBe(false);
    expect(isAddressRevealed(event, new Date("2026-12-11T21:00:00Z"))).toBe(true);
    expect(isAddressRevealed(event, new Date("2026-12-13T00:00:00Z"))).toBe(true);
  });

  it("reveals at a set moment, which may even come after the start", () => {
    const revealAt = new Date("2026-12-12T21:30:00Z");
    const event = { ...base, addressRevealConfig: { revealAt } };
    expect(isAddressRevealed(event, new Date("2026-12-12T21:10:00Z"))).toBe(false);
    expect(isAddressRevealed(event, revealAt)).toBe(true);
  });

  it("treats zero hours as 'at the start'", () => {
    const event = { ...base, addressRevealConfig: { hoursBeforeStart: 0 } };
    expect(isAddressRevealed(event, new Date(start.getTime() - 1))).toBe(false);
    expect(isAddressRevealed(event, start)).toBe(true);
  });

  it("fails closed when reveal is on but its setting is missing: the address waits for the start", () => {
    const event = { ...base, addressRevealConfig: null };
    expect(addressRevealMoment(event)).toEqual(start);
    expect(isAddressRevealed(event, new Date(start.getTime() - 60_000))).toBe(false);
  });
});
