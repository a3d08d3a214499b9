import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { EventStatus, ProductStatus } from "../../generated/prisma/enums";
import { allowedNextStatuses, assertTransition, canTransition, EVENT_STATUS_TRANSITIONS, isFinalStatus } from "./status";
import { productStatusFor } from "../products/status";

const { UPCOMING, ON_HOLD, CANCELED, COMPLETED } = EventStatus;
const ALL = [UPCOMING, ON_HOLD, CANCELED, COMPLETED] as const;

// Spec section 9, arrow by arrow, plus ON_HOLD -> CANCELED (DESIGN.md "Events end"): everything
// not listed here is illegal.
const DIAGRAM: ReadonlyArray<readonly [EventStatus, EventStatus]> = [
  [UPCOMING, ON_HOLD],
  [ON_HOLD, UPCOMING],
  [UPCOMING, CANCELED],
  [ON_HOLD, CANCELED],
  [UPCOMING, COMPLETED],
];

function thrown(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  return expect.unreachable("should have thrown");
}

describe("event status transitions", () => {
  it("cover every status", () => {
    expect(Object.keys(EVENT_STATUS_TRANSITIONS).sort()).toEqual([...ALL].sort());
  });

  for (const from of ALL) {
    for (const to of ALL) {
      const legal = DIAGRAM.some(([a, b]) => a === from && b === to);
      it(`${from} -> ${to} is ${legal ? "allowed" : "refused"}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        if (legal) {
          expect(() => assertTransition(from, to)).not.toThrow();
        } else {
          const error = thrown(() => assertTransition(from, to));
          expect(error.code).toBe("ILLEGAL_TRANSITION");
          expect(error.message).toContain(from);
          expect(error.details.extra).toEqual({ currentStatus: from, allowedStatuses: [...allowedNextStatuses(from)] });
        }
      });
    }
  }

  it("name the allowed moves in the error", () => {
    const error = thrown(() => assertTransition(ON_HOLD, COMPLETED));
    expect(error.message).toBe("The event is ON_HOLD; it cannot move to COMPLETED, only to UPCOMING or CANCELED");
    expect(error.details.extra).toEqual({ currentStatus: ON_HOLD, allowedStatuses: [UPCOMING, CANCELED] });
  });

  it("make COMPLETED and CANCELED final, and say so", () => {
    expect(isFinalStatus(COMPLETED)).toBe(true);
    expect(isFinalStatus(CANCELED)).toBe(true);
    expect(isFinalStatus(UPCOMING)).toBe(false);
    expect(isFinalStatus(ON_HOLD)).toBe(false);
    const error = thrown(() => assertTransition(CANCELED, UPCOMING));
    expect(error.message).toMatch(/CANCELED, which is final/);
    expect(error.details.extra).toEqual({ currentStatus: CANCELED, allowedStatuses: [] });
  });

  it("put the product on sale only while the event is UPCOMING", () => {
    expect(productStatusFor(UPCOMING)).toBe(ProductStatus.ACTIVE);
    for (const status of [ON_HOLD, CANCELED, COMPLETED]) expect(productStatusFor(status)).toBe(ProductStatus.ARCHIVED);
  });
});
