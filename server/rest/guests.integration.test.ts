// The guest and check-in REST routes, called as Next calls them with API keys, against a real
// database; their answers are checked against the served OpenAPI document too.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/(rest)/openapi.json/route";
import { POST as addGuestsRoute } from "@/app/(rest)/product-event/[id]/guests/route";
import { POST as checkInRoute } from "@/app/(rest)/product-event/guest-verification/check-in/route";
import { POST as createGroupRoute } from "@/app/(rest)/product-event/guests/groups/route";
import { POST as createGuestRoute } from "@/app/(rest)/product-event/guests/route";
import { assignStaff, createEvent } from "../../prisma/factories";
import { WRONG_CODE_LIMIT } from "../domain/checkin/rate-limit";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { callRoute, expectProblem, userWithKey } from "../testing/rest";

const db = useTestDb();

const post = (route: typeof createGuestRoute, path: string, key: string | undefined, json: unknown, params?: Record<string, string>) =>
  callRoute(route, { method: "POST", path, key, json, params });

const createGuest = (key: string | undefined, json: unknown) => post(createGuestRoute, "/product-event/guests", key, json);
const createGroup = (key: string | undefined, json: unknown) => post(createGroupRoute, "/product-event/guests/groups", key, json);
const addGuests = (key: string | undefined, eventId: string, json: unknown) =>
  post(addGuestsRoute, `/product-event/${eventId}/guests`, key, json, { id: eventId });
const checkIn = (key: string | undefined, json: unknown) => post(checkInRoute, "/product-event/guest-verification/check-in", key, json);

async function validators() {
  const doc = await (await callRoute(openApiRoute, { path: "/openapi.json" })).json();
  const ajv = new Ajv2020({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, "openapi");
  const operation = doc.paths["/product-event/guest-verification/check-in"].post;
  return {
    doc,
    /** Validates `value` against a component schema, or against the check-in's answer for `status`. */
    check: (target: string | number, value: unknown) => {
      const validate =
        typeof target === "string"
          ? ajv.getSchema(`openapi#/components/schemas/${target}`)!
          : ajv.compile(
              // The operation's own answer schema, its $refs pointed into the document.
              JSON.parse(
                JSON.stringify(operation.responses[String(target)].content["application/problem+json"].schema).replaceAll(
                  '"#/components/',
                  '"openapi#/components/',
                ),
              ),
            );
      return validate(value) ? "valid" : JSON.stringify(validate.errors);
    },
  };
}

/** A curator with a key, an event of theirs, a staff member with a key assigned to it. */
async function setup() {
  const curator = await userWithKey(db, Role.CURATOR);
  const staff = await userWithKey(db, Role.STAFF);
  const { event } = await createEvent(db, { curatorId: curator.user.id });
  await assignStaff(db, { eventId: event.id, userId: staff.user.id });
  return { curator, staff, event };
}

describe("POST /product-event/guests and /guests/groups", () => {
  it("creates a guest (201 { guest }) and a group (201 { group }) matching the document", async () => {
    const { check } = await validators();
    const { curator } = await setup();
    const created = await createGuest(curator.key, {
      firstName: "Zoë",
      lastName: "Müller",
      email: "zoe@example.com",
      phoneNumber: "+49 151 23456789",
    });
    expect(created.status).toBe(201);
    const { guest } = await created.json();
    expect(guest).toMatchObject({ fullName: "Zoë Müller", phoneNumber: "+4915123456789", email: "zoe@example.com", groupIds: [] });
    expect(check("CreateGuestResponse", { guest })).toBe("valid");

    const grouped = await createGroup(curator.key, { name: "Friends", guestIds: [guest.id] });
    expect(grouped.status).toBe(201);
    const { group } = await grouped.json();
    expect(group).toMatchObject({ name: "Friends", guestIds: [guest.id] });
    expect(check("CreateGuestGroupResponse", { group })).toBe("valid");

    const withGroup = await createGuest(curator.key, { firstName: "Ana", lastName: "Lima", groupIds: [group.id] });
    expect((await withGroup.json()).guest.groupIds).toEqual([group.id]);
  });

  it("refuses invalid bodies naming the fields (400), other roles (403), unknown or foreign ids (404), anonymous callers (401)", async () => {
    const { curator, staff } = await setup();
    const invalid = await expectProblem(
      await createGuest(curator.key, { firstName: "", lastName: "B", phoneNumber: "0151 2345678", fullName: "x" }),
      400,
      "INVALID_INPUT",
    );
    expect(invalid.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["firstName", "(body)"]));
    const phone = await expectProblem(await createGuest(curator.key, { firstName: "A", lastName: "B", phoneNumber: "0151 2345678" }), 400);
    expect(phone.errors).toEqual([{ path: "phoneNumber", message: expect.stringMatching(/\+/) }]);
    expect((await createGuest(curator.key, { firstName: "A", lastName: "B", phoneNumber: "0151 23456789", defaultCountry: "DE" })).status).toBe(201);

    await expectProblem(await createGuest(staff.key, { firstName: "A", lastName: "B" }), 403, "FORBIDDEN");
    await expectProblem(await createGuest(undefined, { firstName: "A", lastName: "B" }), 401, "UNAUTHENTICATED");

    const other = await userWithKey(db, Role.CURATOR);
    const { guest } = await (await createGuest(other.key, { firstName: "Not", lastName: "Yours" })).json();
    await expectProblem(await createGroup(curator.key, { name: "Mine", guestIds: [guest.id] }), 404, "NOT_FOUND");
    await expectProblem(await createGroup(curator.key, { name: "" }), 400, "INVALID_INPUT");
  });
});

describe("POST /product-event/:eventId/guests", () => {
  it("adds guests and groups (200); the same again reports them as already on the list", async () => {
    const { check } = await validators();
    const { curator, event } = await setup();
    const a = (await (await createGuest(curator.key, { firstName: "Ada", lastName: "One" })).json()).guest;
    const b = (await (await createGuest(curator.key, { firstName: "Ben", lastName: "Two" })).json()).guest;
    const { group } = await (await createGroup(curator.key, { name: "Pair", guestIds: [a.id, b.id] })).json();

    const first = await addGuests(curator.key, event.id, { guestIds: [a.id] });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    expect(firstBody).toEqual({
      added: [a.id],
      alreadyOnList: [],
      guests: [{ guestId: a.id, fullName: "Ada One", status: "INVITED", ticketCode: expect.stringMatching(/^[\w-]{22}$/) }],
    });
    expect(check("AddGuestsToEventResponse", firstBody)).toBe("valid");

    const second = await (await addGuests(curator.key, event.id, { groupIds: [group.id] })).json();
    expect(second).toMatchObject({ added: [b.id], alreadyOnList: [a.id] });
    expect(second.guests.find((g: { guestId: string }) => g.guestId === a.id).ticketCode).toBe(firstBody.guests[0].ticketCode);
  });

  it("answers 404 for another curator's event or guests, 400 for a malformed id or an empty request", async () => {
    const { curator, event } = await setup();
    const other = await userWithKey(db, Role.CURATOR);
    const theirs = (await (await createGuest(other.key, { firstName: "Their", lastName: "Guest" })).json()).guest;
    const mine = (await (await createGuest(curator.key, { firstName: "My", lastName: "Guest" })).json()).guest;
    await expectProblem(await addGuests(other.key, event.id, { guestIds: [theirs.id] }), 404, "NOT_FOUND");
    await expectProblem(await addGuests(curator.key, event.id, { guestIds: [theirs.id] }), 404, "NOT_FOUND");
    await expectProblem(await addGuests(curator.key, "not-a-uuid", { guestIds: [mine.id] }), 400, "INVALID_INPUT");
    await expectProblem(await addGuests(curator.key, event.id, {}), 400, "INVALID_INPUT");
  });
});

describe("POST /product-event/guest-verification/check-in", () => {
  async function invited() {
    const context = await setup();
    const guest = (await (await createGuest(context.curator.key, { firstName: "Sam", lastName: "Guest" })).json()).guest;
    const { guests } = await (await addGuests(context.curator.key, context.event.id, { guestIds: [guest.id] })).json();
    return { ...context, guest, code: guests[0].ticketCode as string };
  }

  it("200 CHECKED_IN, then 409 ALREADY_CHECKED_IN (problem+json with result, when and by whom), as documented", async () => {
    const { check } = await validators();
    const { staff, curator, event, guest, code } = await invited();
    const first = await checkIn(staff.key, { eventId: event.id, code, deviceId: "door-1" });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await first.json();
    expect(body).toEqual({
      result: "CHECKED_IN",
      guest: { id: guest.id, fullName: "Sam Guest", ticketType: null },
      checkedInAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      checkedInBy: { id: staff.user.id, name: staff.user.name },
    });
    expect(check("CheckInResponse", body)).toBe("valid");

    const again = await expectProblem(await checkIn(curator.key, { eventId: event.id, code }), 409, "CONFLICT");
    expect(again).toMatchObject({ result: "ALREADY_CHECKED_IN", guest: body.guest, checkedInAt: body.checkedInAt, checkedInBy: body.checkedInBy });
    expect(again.detail).toMatch(new RegExp(`^Sam Guest was already checked in at \\d\\d:\\d\\d by ${staff.user.name}$`));
    expect(check(409, again)).toBe("valid");
    expect(check("AlreadyCheckedInAnswer", again)).toBe("valid");
  });

  it("404 NOT_ON_LIST for another event's code, without a word about whose it is", async () => {
    const { check } = await validators();
    const here = await invited();
    const elsewhere = await invited();
    const answer = await expectProblem(await checkIn(here.staff.key, { eventId: here.event.id, code: elsewhere.code }), 404, "NOT_FOUND");
    expect(answer.result).toBe("NOT_ON_LIST");
    expect(JSON.stringify(answer)).not.toMatch(/Sam|guest"|checkedIn/);
    expect(check(404, answer)).toBe("valid");
    expect(check("NotOnListAnswer", answer)).toBe("valid");
    // Staff of the other event may not scan here at all.
    await expectProblem(await checkIn(elsewhere.staff.key, { eventId: here.event.id, code: here.code }), 403, "FORBIDDEN");
  });

  it("replays the first answer for a repeated nonce", async () => {
    const { staff, event, code } = await invited();
    const scan = { eventId: event.id, code, nonce: crypto.randomUUID() };
    const first = await checkIn(staff.key, scan);
    const retry = await checkIn(staff.key, scan);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(await first.json());
    await expectProblem(await checkIn(staff.key, { ...scan, code: "another" }), 422, "UNPROCESSABLE");
  });

  it("429 with Retry-After past the wrong-code limit, for that device and staff member only", async () => {
    const { staff, curator, event, code } = await invited();
    for (let i = 0; i < WRONG_CODE_LIMIT; i++) {
      expect((await checkIn(staff.key, { eventId: event.id, code: `guess-${i}`, deviceId: "door-9" })).status).toBe(404);
    }
    const limited = await checkIn(staff.key, { eventId: event.id, code, deviceId: "door-9" });
    await expectProblem(limited, 429, "RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The curator on another device is not affected.
    expect((await checkIn(curator.key, { eventId: event.id, code, deviceId: "door-2" })).status).toBe(200);
  });
});
