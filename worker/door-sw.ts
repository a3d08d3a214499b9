// The door's service worker (built to public/sw.js by scripts/build-door-worker.ts, scope
// /door): the door's scripts and styles are precached at install, and a door page once opened
// is served from the cache when the network is gone or too slow, so a phone that opened its
// door once opens it again offline and keeps scanning from the list it keeps (IndexedDB).
// The door's data calls (tRPC) are never cached here: the page itself knows when it is offline.
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, StaleWhileRevalidate, type PrecacheEntry } from "serwist";

// The precache list: injected in place of `self.__SW_MANIFEST` when the worker is built.
declare const self: { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

/** A door page (not its RSC payload): the network first, the last copy after 3 s without an answer. */
function isDoorPage({ url, request, sameOrigin }: { url: URL; request: Request; sameOrigin: boolean }): boolean {
  return (
    sameOrigin &&
    request.method === "GET" &&
    /^\/door(\/|$)/.test(url.pathname) &&
    request.headers.get("RSC") !== "1" &&
    !url.searchParams.has("_rsc")
  );
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: isDoorPage,
      handler: new NetworkFirst({
        cacheName: "door-pages",
        networkTimeoutSeconds: 3,
        plugins: [new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: 7 * 24 * 3600 })],
      }),
    },
    {
      // Content-hashed: a name never changes what it holds.
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "door-static", plugins: [new ExpirationPlugin({ maxEntries: 80 })] }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && (url.pathname.startsWith("/icons/") || url.pathname === "/manifest.webmanifest"),
      handler: new StaleWhileRevalidate({ cacheName: "door-app" }),
    },
  ],
});

serwist.addEventListeners();
