// The one schema of every date a caller sends, on every transport: an instant that JavaScript
// and PostgreSQL's timestamptz both hold and write alike (an ISO 8601 string with a four-digit
// year). Outside years 1 to 9999 in UTC the database refuses the value, which would answer 500.
import { z } from "zod";

/** The first and the last instant accepted. */
export const EARLIEST_INSTANT = new Date("0001-01-01T00:00:00.000Z");
export const LATEST_INSTANT = new Date("9999-12-31T23:59:59.999Z");

const OUT_OF_RANGE = "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z";

/** An ISO 8601 date-time with an offset, as a Date between EARLIEST_INSTANT and LATEST_INSTANT. */
export const ZDateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with an offset in years 0001 to 9999, e.g. 2026-12-31T22:00:00+01:00" })
  .transform((value) => new Date(value))
  .pipe(z.date({ error: OUT_OF_RANGE }).min(EARLIEST_INSTANT, { error: OUT_OF_RANGE }).max(LATEST_INSTANT, { error: OUT_OF_RANGE }));
