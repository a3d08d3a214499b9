// Dates PostgreSQL cannot store (year 0000, five- and six-digit years, negative years, an
// Invalid Date) are refused on every transport as a 400 naming the field, and nothing is
// written; the first and last instants accepted are stored and read back as sent.
import { describe, expect, it } from "vitest";
import { PUT as updateEventRoute } from "@/app/(rest)/product-event/[id]/route";
import { GET as eventDetailsRoute } from "@/app/(rest)/product-event/[id]/details/route";
import { POST as createEventRoute } from "@/app/(rest)/product-event/v2/route";
import { POST as trpcRoute } from "@/app/api/trpc/[trpc]/route";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { createEventBody } from "../testing/events";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";
import { EARLIEST_INSTANT, LATEST_INSTANT, ZDateTime } from "./dates";

const db = useTestDb();

/** Instants outside years 1 to 9999 in UTC, as ISO strings a caller may send. */
const OUT_OF_RANGE = [
  "0000-01-01T00:00:00Z",
  "10000-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  // In range on the wall clock, out of it in UTC.
  "0001-01-01T00:30:00+01:00",
  "9999-12-31T23:00:00-05:00",
];

/** Where a date goes in a create or update body, by the path an error names. */
const DATE_FIELDS: Record<string, (date: unknown) => Record<string, unknown>> = {
  startDate: (date) => ({ startDate: date, endDate: null }),
  endDate: (date) => ({ endDate: date }),
  "addressRevealConfig.revealAt": (date) => ({ isAddressRevealEnabled: true, addressRevealConfig: { revealAt: date } }),
};

async function curator() {
  return userWithKey(db, Role.CURATOR);
}

async function eventsOf(userId: string) {
  return db.event.findMany({ where: { curatorId: userId }, select: { id: true, startDate: true, endDate: true, version: true } });
}

function restCreate(key: string, json: unknown) {
  return callRoute(createEventRoute, { method: "POST", path: "/product-event/v2", key, json });
}

function restUpdate(key: string, id: string, json: unknown) {
  return callRoute(updateEventRoute, { method: "PUT", path: `/product-event/${id}`, key, json, params: { id } });
}

/** A tRPC mutation over HTTP exactly as the app's client sends it: superjson's `{ json, meta }`. */
async function trpcMutation(key: string, path: string, wire: { json: unknown; meta?: unknown }) {
  const response = await trpcRoute(
    new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(wire),
    }),
  );
  const body = await response.json();
  return {
    status: response.status,
    error: body.error?.json as { data: { code: string; fieldErrors: { path: string; message: string }[] } } | undefined,
  };
}

/** `value` at `path` of the body, sent as a superjson Date: a real Date, or an Invalid Date from text it cannot parse. */
function asSuperjsonDate(json: Record<string, unknown>, path: string) {
  return { json, meta: { values: { [path]: ["Date"] }, v: 1 } };
}

/**
 * The field an error names: the date's own path, except that a value of the wrong type (a Date
 * where the wire takes text) matches neither form of the address reveal, so zod names the config.
 */
function namedField(field: string, wire: { json: unknown; meta?: unknown }) {
  return wire.meta && field.startsWith("addressRevealConfig.") ? "addressRevealConfig" : field;
}

describe("the shared date schema", () => {
  it("takes ISO date-times in years 1 to 9999 (UTC) and names the range otherwise", () => {
    expect(ZDateTime.parse("0001-01-01T00:00:00Z")).toEqual(EARLIEST_INSTANT);
    expect(ZDateTime.parse("9999-12-31T23:59:59.999Z")).toEqual(LATEST_INSTANT);
    expect(ZDateTime.parse("2027-03-12T22:00:00+01:00")).toEqual(new Date("2027-03-12T21:00:00Z"));
    for (const text of OUT_OF_RANGE) {
      const result = ZDateTime.safeParse(text);
      expect(result.success, text).toBe(false);
      expect(result.error!.issues[0]!.message, text).toMatch(/0001.*9999/);
    }
  });
});

describe("dates PostgreSQL cannot store, over REST", () => {
  it("POST /product-event/v2 refuses each one as a 400 naming the field, and writes nothing", async () => {
    const { user, key } = await curator();
    for (const [field, put] of Object.entries(DATE_FIELDS)) {
      for (const date of OUT_OF_RANGE) {
        const problem = await expectProblem(await restCreate(key, createEventBody(put(date))), 400, "INVALID_INPUT");
        expect(problem.errors, `${field} = ${date}`).toEqual([{ path: field, message: expect.stringMatching(/0001.*9999/) }]);
      }
    }
    expect(await eventsOf(user.id)).toEqual([]);
  });

  it("PUT /product-event/:id refuses each one as a 400 naming the field, and changes nothing", async () => {
    const { user, key } = await curator();
    const created = await restCreate(key, createEventBody());
    expect(created.status, await created.clone().text()).toBe(201);
    const before = await eventsOf(user.id);
    for (const [field, put] of Object.entries(DATE_FIELDS)) {
      for (const date of OUT_OF_RANGE) {
        const problem = await expectProblem(await restUpdate(key, before[0]!.id, put(date)), 400, "INVALID_INPUT");
        expect(problem.errors, `${field} = ${date}`).toEqual([{ path: field, message: expect.stringMatching(/0001.*9999/) }]);
      }
    }
    expect(await eventsOf(user.id)).toEqual(before);
  });

  it("the first and the last instant accepted are stored and read back as sent", async () => {
    const { key } = await curator();
    const created = await restCreate(key, createEventBody({ startDate: "0001-01-01T00:00:00Z", endDate: "9999-12-31T23:59:59.999Z" }));
    expect(created.status, await created.clone().text()).toBe(201);
    const { event } = await created.json();
    const read = await callRoute(eventDetailsRoute, { path: `/product-event/${event.id}/details`, key, params: { id: event.id } });
    expect((await read.json()).event).toMatchObject({ startDate: "0001-01-01T00:00:00.000Z", endDate: "9999-12-31T23:59:59.999Z" });
  });
});

describe("dates PostgreSQL cannot store, over tRPC (superjson on the wire)", () => {
  it("events.create refuses each one, and an Invalid Date, as BAD_REQUEST naming the field, and writes nothing", async () => {
    const { user, key } = await curator();
    for (const [field, put] of Object.entries(DATE_FIELDS)) {
      const sent = [
        ...OUT_OF_RANGE.map((date) => ({ json: createEventBody(put(date)) })),
        // superjson revives these as Dates: an Invalid Date, and one past what JavaScript holds.
        asSuperjsonDate(createEventBody(put("not a date")), field),
        asSuperjsonDate(createEventBody(put("+275760-09-13T00:00:00.000Z")), field),
      ];
      for (const wire of sent) {
        const { status, error } = await trpcMutation(key, "events.create", wire);
        expect(status, JSON.stringify(wire.json)).toBe(400);
        expect(error!.data.code).toBe("BAD_REQUEST");
        expect(
          error!.data.fieldErrors.map((e) => e.path),
          JSON.stringify(wire.json),
        ).toEqual([namedField(field, wire)]);
      }
    }
    expect(await eventsOf(user.id)).toEqual([]);
  });

  it("events.update refuses each one, and an Invalid Date, as BAD_REQUEST naming the field, and changes nothing", async () => {
    const { user, key } = await curator();
    expect((await restCreate(key, createEventBody())).status).toBe(201);
    const before = await eventsOf(user.id);
    const id = before[0]!.id;
    for (const [field, put] of Object.entries(DATE_FIELDS)) {
      const sent = [...OUT_OF_RANGE.map((date) => ({ json: { id, ...put(date) } })), asSuperjsonDate({ id, ...put("not a date") }, field)];
      for (const wire of sent) {
        const { status, error } = await trpcMutation(key, "events.update", wire);
        expect(status, JSON.stringify(wire.json)).toBe(400);
        expect(
          error!.data.fieldErrors.map((e) => e.path),
          JSON.stringify(wire.json),
        ).toEqual([namedField(field, wire)]);
      }
    }
    expect(await eventsOf(user.id)).toEqual(before);
  });
});
