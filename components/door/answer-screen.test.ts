import { describe, expect, it } from "vitest";
import { alreadyCheckedInMessage } from "@/server/domain/checkin/door-words";
import { answerSentence } from "./answer-screen";

describe("the door page and the server's answer", () => {
  const now = new Date("2026-11-25T21:30:00Z");

  it.each([
    ["Europe/Berlin", "2026-11-25T20:04:00Z", "21:04", "CET"],
    ["Asia/Tokyo", "2026-11-25T15:10:00Z", "00:10", "GMT+9"],
    ["Europe/Berlin", "2026-11-24T22:00:00Z", "Tue 24 Nov · 23:00", "CET"],
    ["Mars/Olympus", "2026-11-25T20:04:00Z", "20:04", "UTC"],
  ])("say the same check-in time in %s for %s", (timeZone, instant, time, zone) => {
    const at = new Date(instant);
    const server = alreadyCheckedInMessage("Zoë Müller", at, { name: "Sam" }, timeZone, now);
    const door = answerSentence(
      { id: "scan", kind: "ALREADY_CHECKED_IN", guestName: "Zoë Müller", at, by: { name: "Sam", you: false } },
      timeZone,
      now.getTime(),
    );
    expect(server).toBe(`Zoë Müller was already checked in at ${time} by Sam`);
    expect(door).toBe(`Already in: Zoë Müller, checked in at ${time} ${zone} by Sam.`);
  });

  it("names a sold ticket's type on green and amber, and nothing for an invited guest", () => {
    const at = new Date("2026-11-25T20:04:00Z");
    expect(answerSentence({ id: "s", kind: "CHECKED_IN", guestName: "Vera", ticketType: "VIP", at }, "Europe/Berlin", now.getTime())).toBe(
      "Checked in: Vera (VIP).",
    );
    expect(
      answerSentence({ id: "s", kind: "ALREADY_CHECKED_IN", guestName: "Vera", ticketType: "VIP", at, by: null }, "Europe/Berlin", now.getTime()),
    ).toBe("Already in: Vera (VIP), checked in at 21:04 CET.");
    expect(answerSentence({ id: "s", kind: "CHECKED_IN", guestName: "Ivy", ticketType: null, at }, "Europe/Berlin", now.getTime())).toBe(
      "Checked in: Ivy.",
    );
  });
});
