// The door specs' shared steps: the seeded Neon Nights night Sam Steward works, guests put on
// its list over REST, and their tickets as videos for Chromium's fake camera.
import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { auth, json } from "./api/helpers";
import { pngFromDataUrl, writeFakeCamera } from "./fake-camera";
import { expect } from "./fixtures";

export const NEON_NIGHTS = "Neon Nights: Warehouse Sessions";

/** A tRPC query over HTTP as the key's user (superjson's wire format). */
export async function trpcQuery(request: APIRequestContext, key: string, path: string, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const body = await json(await request.get(`/api/trpc/${path}${query}`, { headers: auth(key) }), 200);
  return body.result.data.json;
}

/** The seeded Neon Nights event, as the key's user (its curator) finds it among their doors. */
export async function neonNightsId(request: APIRequestContext, key: string): Promise<string> {
  const { events } = await trpcQuery(request, key, "door.myEvents");
  const event = events.find((e: { title: string }) => e.title === NEON_NIGHTS);
  expect(event, "the seeded Neon Nights event").toBeTruthy();
  return event.id;
}

export interface ListedGuest {
  guestId: string;
  fullName: string;
  ticketCode: string;
}

/** A new guest in the key's guest book, put on the event's list. */
export async function guestOn(request: APIRequestContext, key: string, eventId: string, firstName: string, lastName: string): Promise<ListedGuest> {
  const { guest } = await json(await request.post("/product-event/guests", { headers: auth(key), data: { firstName, lastName } }), 201);
  const { guests } = await json(await request.post(`/product-event/${eventId}/guests`, { headers: auth(key), data: { guestIds: [guest.id] } }), 200);
  return guests[0];
}

/** The video of the guest's ticket held up to the camera, from the QR image the curator (the key's user) sends. */
export async function ticketVideo(request: APIRequestContext, key: string, eventId: string, guest: ListedGuest, testInfo: TestInfo): Promise<string> {
  const { pngDataUrl, ticketCode } = await trpcQuery(request, key, "guests.ticketQr", { eventId, guestId: guest.guestId });
  expect(ticketCode).toBe(guest.ticketCode);
  const file = testInfo.outputPath(`ticket-${guest.guestId}.y4m`);
  await writeFakeCamera(pngFromDataUrl(pngDataUrl), file);
  return file;
}

/** Before a full-page capture: back at the top, where the sticky header belongs. */
export async function toTop(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Tells this run's rows apart from the other project's and earlier runs'. */
export function tagOf(testInfo: TestInfo) {
  return `${testInfo.project.name} ${randomUUID().slice(0, 6)}`;
}
