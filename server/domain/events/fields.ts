// What create and update share: the stored form of an event's fields, and the rules across
// fields, checked on the values the event ends up with.
import { AppError, invalidInput, type FieldError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import type { TCreateEventInput } from "./schema";

type AddressReveal = NonNullable<TCreateEventInput["addressRevealConfig"]>;

/** The same answer for an unknown id and for another curator's event: ids are not probed. */
export function eventNotFound(eventId: string): AppError {
  return new AppError("NOT_FOUND", `No event ${eventId}`);
}

/** Stored form of the address-reveal setting: dates as ISO strings, as JSON has them. */
export function storedAddressReveal(config: AddressReveal): Prisma.InputJsonObject {
  return "revealAt" in config ? { revealAt: config.revealAt.toISOString() } : { hoursBeforeStart: config.hoursBeforeStart };
}

export function jsonOrDbNull(value: Prisma.InputJsonValue | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : value;
}

/** Rules across fields, checked on the values the event ends up with (create, or merged update). */
export function checkEventRules(merged: {
  startDate: Date;
  endDate: Date | null;
  isAddressRevealEnabled: boolean;
  addressRevealConfig: unknown;
  isTaxEnabled: boolean;
  taxConfig: unknown;
}): void {
  const errors: FieldError[] = [];
  if (merged.endDate && merged.endDate.getTime() <= merged.startDate.getTime()) {
    errors.push({ path: "endDate", message: `must be after startDate (${merged.startDate.toISOString()})` });
  }
  if (merged.isAddressRevealEnabled && merged.addressRevealConfig == null) {
    errors.push({
      path: "addressRevealConfig",
      message: "is required while isAddressRevealEnabled is true: { revealAt } or { hoursBeforeStart }",
    });
  }
  if (merged.isTaxEnabled && merged.taxConfig == null) {
    errors.push({ path: "taxConfig", message: "is required while isTaxEnabled is true" });
  }
  if (errors.length > 0) throw invalidInput("input", errors);
}

export interface LineupRow {
  title: string;
  introduction: string | null;
  poster: { src: string } | null;
  order: number;
  isHeadliner: boolean;
}

export function lineupRows(lineups: NonNullable<TCreateEventInput["lineups"]>): LineupRow[] {
  return lineups.map((l, index) => ({
    title: l.title,
    introduction: l.introduction ?? null,
    poster: l.poster ? { src: l.poster.src } : null,
    order: l.order ?? index,
    isHeadliner: l.isHeadliner ?? false,
  }));
}

export function lineupCreateData(eventId: string, rows: LineupRow[]): Prisma.EventLineupCreateManyInput[] {
  return rows.map((row) => ({ ...row, eventId, poster: jsonOrDbNull(row.poster) }));
}
