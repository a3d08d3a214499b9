// The JavaScript a phone downloads for the door page: sign in (a next-auth session cookie
// minted with the server's AUTH_SECRET, as the sign-in would set it), fetch the page's HTML,
// and add up the gzipped size (zlib level 9) of every <script src> it loads (not the
// `nomodule` polyfills, which current browsers skip).
import { gzipSync } from "node:zlib";
import { encode } from "next-auth/jwt";
import type { Role } from "../../server/generated/prisma/enums";

/** The page measured: the door of an event, as its door staff member opens it. */
export const doorPagePath = (eventId: string) => `/door/${eventId}`;

/** The session cookie of plain-http Auth.js (its name is also the token's salt). */
const SESSION_COOKIE = "authjs.session-token";

export async function sessionCookie(secret: string, user: { id: string; role: Role; name: string; email: string }): Promise<string> {
  // The fields server/auth/config.ts's jwt callback puts in the token at sign-in.
  const token = await encode({
    token: { sub: user.id, id: user.id, role: user.role, name: user.name, email: user.email },
    secret,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${token}`;
}

export interface PageScripts {
  path: string;
  gzipBytes: number;
  scripts: { src: string; bytes: number; gzipBytes: number }[];
}

/** The src of every <script> a current browser runs: `nomodule` ones (legacy polyfills) it skips. */
function scriptSources(html: string): string[] {
  const sources = [...html.matchAll(/<script\b[^>]*>/gi)]
    .map(([tag]) => ({ src: /\ssrc="([^"]+)"/.exec(tag)?.[1], legacy: /\snomodule\b/i.test(tag) }))
    .filter(({ src, legacy }) => src !== undefined && !legacy)
    .map(({ src }) => src!.replaceAll("&amp;", "&"));
  return [...new Set(sources)];
}

export async function pageScripts(baseUrl: string, path: string, cookie: string): Promise<PageScripts> {
  const response = await fetch(new URL(path, baseUrl), { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) {
    throw new Error(`GET ${path} answered ${response.status} ${response.headers.get("location") ?? ""}: not signed in, or no such page`);
  }
  const sources = scriptSources(await response.text());
  if (sources.length === 0) throw new Error(`GET ${path} loads no <script src>: not the page expected`);
  const scripts = await Promise.all(
    sources.map(async (src) => {
      const script = await fetch(new URL(src, baseUrl));
      if (!script.ok) throw new Error(`GET ${src} answered ${script.status}`);
      const bytes = Buffer.from(await script.arrayBuffer());
      return { src, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  return { path, gzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0), scripts };
}

/** What the phone's network is in the first-visit run: a slow venue network (Chrome DevTools' units: bytes/s, ms). */
export const SLOW_NETWORK = { downloadMbps: 1.6, uploadMbps: 0.75, latencyMs: 150 };

export interface DoorOffline {
  /** From navigation start to the camera scanning, first visit, empty cache, over SLOW_NETWORK. */
  firstVisitSlowMs: number;
  /** Second visit with no network: the page opened (service worker) and the camera scanning with the list on the phone. */
  offlineRepeatReady: boolean;
  network: typeof SLOW_NETWORK;
}

/** The door's camera is running and decoding: what staff wait for before the first scan. */
const SCANNER_READY = "Hold the ticket's QR code in the frame";
/** The door list is on the phone: scans are answered with no network. */
const LIST_KEPT = "List on this phone";

/**
 * The door page in a phone-sized Chromium with a fake camera: the first visit over a slow
 * network (CDP's Network.emulateNetworkConditions), timed to the scanner being ready; then,
 * once the service worker keeps the page and the list is on the phone, a second visit with the
 * network off: ready and scanning, or not.
 */
export async function doorOffline(baseUrl: string, path: string, cookie: string): Promise<DoorOffline> {
  // Imported here: Playwright is a dev dependency only this measurement needs.
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: baseUrl }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: SLOW_NETWORK.latencyMs,
      downloadThroughput: (SLOW_NETWORK.downloadMbps * 1_000_000) / 8,
      uploadThroughput: (SLOW_NETWORK.uploadMbps * 1_000_000) / 8,
    });
    const url = new URL(path, baseUrl).toString();
    const started = Date.now();
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    await page.getByText(SCANNER_READY).waitFor({ timeout: 60_000 });
    const firstVisitSlowMs = Date.now() - started;

    await page.getByText(LIST_KEPT).waitFor({ timeout: 60_000 });
    // The service worker controls the page and keeps it (its cache answers for the page's URL).
    const kept = () => page.evaluate(async () => navigator.serviceWorker.controller !== null && (await caches.match(location.href)) !== undefined);
    for (const until = Date.now() + 60_000; !(await kept());) {
      if (Date.now() > until) throw new Error("the service worker did not keep the door page within 60 s");
      await page.waitForTimeout(250);
    }
    await page.close();
    await context.setOffline(true);
    const again = await context.newPage();
    const offlineRepeatReady = await again
      .goto(url, { timeout: 15_000 })
      .then(() => again.getByText(SCANNER_READY).waitFor({ timeout: 15_000 }))
      .then(() => again.getByText(LIST_KEPT).waitFor({ timeout: 15_000 }))
      .then(
        () => true,
        async (error: unknown) => {
          const shown = await again
            .locator("body")
            .innerText()
            .catch(() => "(no page)");
          console.warn(`[bench] the door offline was not ready: ${String(error).split("\n")[0]}\n${shown.slice(0, 600)}`);
          return false;
        },
      );
    return { firstVisitSlowMs, offlineRepeatReady, network: SLOW_NETWORK };
  } finally {
    await browser.close();
  }
}
