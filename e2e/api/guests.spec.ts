// Guest lists and the door over HTTP, as external callers use them: an API key from
// `npm run api-key` as a Bearer token, JSON in, JSON out, errors as problem+json (RFC 9457)
// listing each invalid field; a malformed id is a 400, an unknown or not-yours id a 404.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiKeyFor, auth, json, problem } from "./helpers";

let curatorKey: string;
let staffKey: string;

test.beforeAll(() => {
  curatorKey = apiKeyFor(`guests-${randomUUID()}@example.com`); // a new curator
  staffKey = apiKeyFor("staff@marquee.test"); // the demo door steward, not on this curator's events
});

async function createEvent(request: APIRequestContext, title: string) {
  const { event } = await json(
    await request.post("/product-event/v2", {
      headers: auth(curatorKey),
      data: {
        title,
        startDate: "2027-05-01T22:00:00+02:00",
        timezone: "Europe/Berlin",
        venue: "Halle Süd",
        location: "Revaler Str. 99, 10245 Berlin",
        tickets: [{ name: "GA", price: 2000, currency: "EUR", quantity: 100 }],
      },
    }),
    201,
  );
  return event as { id: string };
}

test("a curator builds a guest list and checks guests in at the door", async ({ request }) => {
  const { guest: zoe } = await json(
    await request.post("/product-event/guests", {
      headers: auth(curatorKey),
      data: { firstName: "Zoë", lastName: "Müller", email: "zoe@example.com", phoneNumber: "0151 23456789", defaultCountry: "DE" },
    }),
    201,
  );
  expect(zoe).toMatchObject({ fullName: "Zoë Müller", phoneNumber: "+4915123456789" });
  const { guest: jose } = await json(
    await request.post("/product-event/guests", { headers: auth(curatorKey), data: { firstName: "José", lastName: "Álvarez" } }),
    201,
  );

  const { group } = await json(
    await request.post("/product-event/guests/groups", { headers: auth(curatorKey), data: { name: "Friends", guestIds: [zoe.id, jose.id] } }),
    201,
  );
  expect(group).toMatchObject({ name: "Friends", guestIds: [zoe.id, jose.id].sort() });

  const event = await createEvent(request, "Guest list night");
  const first = await json(await request.post(`/product-event/${event.id}/guests`, { headers: auth(curatorKey), data: { guestIds: [zoe.id] } }), 200);
  expect(first).toMatchObject({ added: [zoe.id], alreadyOnList: [] });
  expect(first.guests).toEqual([{ guestId: zoe.id, fullName: "Zoë Müller", status: "INVITED", ticketCode: expect.stringMatching(/^[\w-]{22}$/) }]);

  // The group again brings Zoë, who is on the list already: not an error.
  const second = await json(
    await request.post(`/product-event/${event.id}/guests`, { headers: auth(curatorKey), data: { groupIds: [group.id] } }),
    200,
  );
  expect(second).toMatchObject({ added: [jose.id], alreadyOnList: [zoe.id] });
  const code = second.guests.find((g: { guestId: string }) => g.guestId === zoe.id).ticketCode;
  expect(code).toBe(first.guests[0].ticketCode);

  const scan = { eventId: event.id, code, nonce: randomUUID(), deviceId: "door-phone-1" };
  const admitted = await json(await request.post("/product-event/guest-verification/check-in", { headers: auth(curatorKey), data: scan }), 200);
  expect(admitted).toMatchObject({ result: "CHECKED_IN", guest: { id: zoe.id, fullName: "Zoë Müller" }, checkedInBy: { name: expect.any(String) } });

  // A retry of the same scan (same nonce) replays its answer.
  expect(await json(await request.post("/product-event/guest-verification/check-in", { headers: auth(curatorKey), data: scan }), 200)).toEqual(
    admitted,
  );

  // A second scan of the code: 409, saying when and by whom.
  const again = await problem(
    await request.post("/product-event/guest-verification/check-in", { headers: auth(curatorKey), data: { eventId: event.id, code } }),
    409,
    "CONFLICT",
  );
  expect(again).toMatchObject({
    result: "ALREADY_CHECKED_IN",
    guest: admitted.guest,
    checkedInAt: admitted.checkedInAt,
    checkedInBy: admitted.checkedInBy,
  });
  expect(again.detail).toMatch(/already checked in at \d\d:\d\d by /);

  // Another event's code at this door: not on the list, nothing about whose it is.
  const otherEvent = await createEvent(request, "Another night");
  const other = await json(
    await request.post(`/product-event/${otherEvent.id}/guests`, { headers: auth(curatorKey), data: { guestIds: [jose.id] } }),
    200,
  );
  const notOnList = await problem(
    await request.post("/product-event/guest-verification/check-in", {
      headers: auth(curatorKey),
      data: { eventId: event.id, code: other.guests[0].ticketCode },
    }),
    404,
    "NOT_FOUND",
  );
  expect(notOnList.result).toBe("NOT_ON_LIST");
  expect(JSON.stringify(notOnList)).not.toContain("José");

  // Door staff not assigned to this event may not scan here.
  await problem(
    await request.post("/product-event/guest-verification/check-in", { headers: auth(staffKey), data: { eventId: event.id, code } }),
    403,
    "FORBIDDEN",
  );
});

test("guest routes refuse invalid input by field, and other roles", async ({ request }) => {
  const invalid = await problem(
    await request.post("/product-event/guests", { headers: auth(curatorKey), data: { firstName: "A", lastName: "B", phoneNumber: "0151 234" } }),
    400,
    "INVALID_INPUT",
  );
  expect(invalid.errors).toEqual([{ path: "phoneNumber", message: expect.any(String) }]);
  await problem(await request.post("/product-event/guests", { headers: auth(staffKey), data: { firstName: "A", lastName: "B" } }), 403, "FORBIDDEN");
  await problem(
    await request.post(`/product-event/${randomUUID()}/guests`, { headers: auth(curatorKey), data: { guestIds: [randomUUID()] } }),
    404,
    "NOT_FOUND",
  );
});
