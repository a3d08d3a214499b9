import { describe, expect, it } from "vitest";
import { doorCodeHash } from "@/server/domain/checkin/door-list";
import { hashDoorCode, offlineAnswerFor, type StoredEntry } from "./door-list-store";

const entry: StoredEntry = {
  eventId: "e",
  id: "00000000-0000-4000-8000-000000000001",
  codeHash: "h",
  guestId: "00000000-0000-4000-8000-000000000002",
  fullName: "Ada Guest",
  ticketType: null,
  status: "INVITED",
  checkedInAt: null,
  checkedInBy: null,
  removed: false,
  localAt: null,
};

describe("the door list on the phone", () => {
  it("hashes a scanned code (Web Crypto) exactly as the server lists it", async () => {
    for (const code of ["Qx9-_tZ3k1", "ticket with ünïcode", "a".repeat(200)]) {
      expect(await hashDoorCode("5f0c0a7e9d", code)).toBe(doorCodeHash("5f0c0a7e9d", code));
    }
    expect(await hashDoorCode("other-salt", "Qx9-_tZ3k1")).not.toBe(doorCodeHash("5f0c0a7e9d", "Qx9-_tZ3k1"));
  });

  it("answers green for a listed guest not in, amber when in (on record or by this phone), red when unknown", () => {
    expect(offlineAnswerFor(entry)).toBe("CHECKED_IN");
    expect(offlineAnswerFor({ ...entry, status: "CHECKED_IN" })).toBe("ALREADY_CHECKED_IN");
    expect(offlineAnswerFor({ ...entry, localAt: Date.now() })).toBe("ALREADY_CHECKED_IN");
    expect(offlineAnswerFor(undefined)).toBe("NOT_ON_LIST");
  });
});
