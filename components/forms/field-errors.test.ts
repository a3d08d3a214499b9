import { describe, expect, it } from "vitest";
import { ZCreateEventInput } from "@/server/domain/events/schema";
import { fieldId, issuesToFieldErrors, readServerError } from "./field-errors";

describe("issuesToFieldErrors", () => {
  it("keys the shared schema's issues by field path, in words people use", () => {
    const result = ZCreateEventInput.safeParse({
      title: " ",
      startDate: "2026-12-12T22:00:00+01:00",
      endDate: "2026-12-12T20:00:00+01:00",
      venue: "Halle",
      location: "x".repeat(501),
      tickets: [{ name: "GA", price: -1, quantity: 10 }],
    });
    expect(result.success).toBe(false);
    const errors = issuesToFieldErrors(result.error!.issues);
    expect(errors).toMatchObject({
      title: "Required",
      location: "Use at most 500 characters",
      "tickets.0.price": "Must be at least 0",
      endDate: "Must be after the start",
    });
  });

  it("keeps a schema's own message", () => {
    const result = ZCreateEventInput.safeParse({
      title: "A",
      startDate: "2026-12-12T22:00:00+01:00",
      venue: "V",
      location: "L",
      tickets: [],
    });
    expect(issuesToFieldErrors(result.error!.issues)).toEqual({ tickets: "At least one ticket type is required" });
  });
});

describe("readServerError", () => {
  it("reads the field errors a tRPC error carries", () => {
    const error = Object.assign(new Error("Invalid input"), {
      data: {
        fieldErrors: [
          { path: "addressRevealConfig", message: "is required while isAddressRevealEnabled is true: { revealAt } or { hoursBeforeStart }" },
        ],
      },
    });
    expect(readServerError(error)).toEqual({
      message: "Invalid input",
      fieldErrors: { addressRevealConfig: "Is required while address reveal is on" },
    });
    expect(fieldId("tickets.0.price")).toBe("field-tickets-0-price");
  });
});
