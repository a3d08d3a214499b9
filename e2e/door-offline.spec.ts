// The door without network, on Neon Nights: two phones (two browser contexts sharing Chromium's
// fake camera, which shows one guest's ticket) open the door online, lose the network, and
// both let that guest in. Back online, the record holds one check-in, both phones show who
// came in twice and where, and so does the curator's event page. A third phone that opened the
// door once opens it again with no network at all (the service worker) and scans.
import type { Browser, BrowserContext, Page, TestInfo } from "@playwright/test";
import { apiKeyFor } from "./api/helpers";
import { guestOn, neonNightsId, tagOf, ticketVideo, toTop, trpcQuery } from "./door";
import { launchWithCamera } from "./fake-camera";
import { expect, signInAs, test } from "./fixtures";

let camilleKey: string;

test.beforeAll(() => {
  camilleKey = apiKeyFor("curator@marquee.test"); // the demo curator, whose Neon Nights Sam works
});

/**
 * A phone: a context of `browser` on the project's device, signed in as `name`. Its lens is
 * covered while it is online (getUserMedia refuses), so the door opens, keeps its list and
 * scans nothing; a page loaded offline gets the camera.
 */
async function phone(
  browser: Browser,
  testInfo: TestInfo,
  baseURL: string | undefined,
  name: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const { viewport, deviceScaleFactor, isMobile, hasTouch } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor, isMobile, hasTouch });
  await context.addInitScript(() => {
    if (navigator.onLine && navigator.mediaDevices) {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("The lens is covered", "NotAllowedError"));
    }
  });
  const page = await context.newPage();
  await signInAs(page, name);
  return { context, page };
}

/** Opens the door online and waits until the phone keeps its list and the service worker keeps the page. */
async function openDoorOnline(page: Page, eventId: string) {
  await page.goto(`/door/${eventId}`);
  await expect(page.getByText("List on this phone")).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() => page.evaluate(async () => navigator.serviceWorker.controller !== null && (await caches.match(location.href)) !== undefined), {
      timeout: 20_000,
    })
    .toBe(true);
}

/** Loses the network, opens the door again (from the service worker's cache), and lets the camera scan. */
async function reopenOffline(context: BrowserContext, page: Page, eventId: string) {
  await context.setOffline(true);
  await page.goto(`/door/${eventId}`);
  await expect(page.getByText("Offline", { exact: true })).toBeVisible();
}

test("two phones apart from the network let one guest in: one check-in on record, the conflict on both phones and the curator's page", async ({
  request,
  baseURL,
  capture,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = tagOf(testInfo);
  const eventId = await neonNightsId(request, camilleKey);
  const ada = await guestOn(request, camilleKey, eventId, "Ada", `Twice ${tag}`);
  const bea = await guestOn(request, camilleKey, eventId, "Bea", `Alone ${tag}`);
  const adaTicket = await ticketVideo(request, camilleKey, eventId, ada, testInfo);
  const beaTicket = await ticketVideo(request, camilleKey, eventId, bea, testInfo);

  const browser = await launchWithCamera(adaTicket);
  try {
    const sam = await phone(browser, testInfo, baseURL, "Sam Steward");
    const camille = await phone(browser, testInfo, baseURL, "Camille Curator");
    await openDoorOnline(sam.page, eventId);
    await openDoorOnline(camille.page, eventId);

    // Apart: each phone answers Ada's ticket from its own list, green, marked offline.
    for (const [who, { context, page }] of [
      ["sam", sam],
      ["camille", camille],
    ] as const) {
      await reopenOffline(context, page, eventId);
      const answer = page.getByRole("dialog");
      await expect(answer).toHaveAttribute("data-answer", "CHECKED_IN", { timeout: 20_000 });
      await expect(answer.getByTestId("door-answer-guest")).toHaveText(ada.fullName);
      await expect(answer.getByTestId("door-answer-offline")).toBeVisible();
      if (who === "sam") await capture("door-offline-green", { page, fullPage: false });
      await answer.getByRole("button", { name: "Next guest" }).click();
      // Held up still after "Next guest": a new scan, and this phone knows it let Ada in.
      await expect(answer).toHaveAttribute("data-answer", "ALREADY_CHECKED_IN");
      await expect(answer).toContainText("by this phone");
      if (who === "sam") await capture("door-offline-amber", { page, fullPage: false });
      // Left alone, the amber answer goes; the ticket still in view is no new scan.
      await expect(answer).toBeHidden({ timeout: 12_000 });
      await expect(page.getByTestId("door-waiting")).toHaveText("2 waiting to sync");
    }
    await toTop(sam.page);
    await capture("door-offline-waiting", { page: sam.page });

    // Back online, Sam's phone first, then Camille's: each sends its scans in order.
    await sam.context.setOffline(false);
    await expect(sam.page.getByTestId("door-waiting")).toHaveCount(0, { timeout: 20_000 });
    await camille.context.setOffline(false);
    await expect(camille.page.getByTestId("door-waiting")).toHaveCount(0, { timeout: 20_000 });

    // Both phones are told who came in twice and where: Camille's from its sync, Sam's from its next read.
    const twice = new RegExp(
      `${ada.fullName} came in twice: \\d\\d:\\d\\d by Sam Steward at phone\\s…\\u2060?\\S{4}, \\d\\d:\\d\\d by Camille Curator at phone\\s…\\u2060?\\S{4}`,
    );
    for (const { page } of [camille, sam]) {
      await expect(page.getByTestId("door-conflict").filter({ hasText: ada.fullName })).toHaveText(twice, { timeout: 30_000 });
    }
    await toTop(sam.page);
    await capture("door-conflict", { page: sam.page });

    // The record: one check-in, Sam's (the earlier).
    const { guests } = await trpcQuery(request, camilleKey, "door.search", { eventId, query: `Ada Twice ${tag}` });
    expect(guests).toEqual([expect.objectContaining({ status: "CHECKED_IN", checkedInBy: expect.objectContaining({ name: "Sam Steward" }) })]);
    const { conflicts } = await trpcQuery(request, camilleKey, "door.conflicts", { eventId });
    expect(conflicts.filter((c: { guest: { fullName: string } }) => c.guest.fullName === ada.fullName)).toHaveLength(1);

    // The curator's event page lists it.
    await camille.page.goto(`/events/${eventId}`);
    const listed = camille.page.getByTestId("event-conflict").filter({ hasText: ada.fullName });
    await expect(listed).toHaveText(twice);
    await listed.scrollIntoViewIfNeeded();
    await capture("event-conflicts", { page: camille.page, fullPage: false });
  } finally {
    await browser.close();
  }

  // A third phone opened the door once; now it has no network from the start, and still opens the door and scans.
  const third = await launchWithCamera(beaTicket);
  try {
    const { context, page } = await phone(third, testInfo, baseURL, "Sam Steward");
    await openDoorOnline(page, eventId);
    await page.close();
    await context.setOffline(true);
    // The service worker itself reaches no server: what opens next comes from its cache.
    const [worker] = context.serviceWorkers();
    expect(
      await worker!.evaluate(() =>
        fetch("/api/health").then(
          () => "reached",
          () => "no network",
        ),
      ),
    ).toBe("no network");
    const offline = await context.newPage();
    await offline.goto(`/door/${eventId}`);
    await expect(offline.getByText("Offline", { exact: true })).toBeVisible();
    const answer = offline.getByRole("dialog");
    await expect(answer).toHaveAttribute("data-answer", "CHECKED_IN", { timeout: 20_000 });
    await expect(answer.getByTestId("door-answer-guest")).toHaveText(bea.fullName);
    await expect(answer.getByTestId("door-answer-offline")).toBeVisible();
  } finally {
    await third.close();
  }
});
