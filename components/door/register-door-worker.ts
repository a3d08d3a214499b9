// Makes the door an installable, offline-capable web app: the service worker (app/sw.ts, built
// to /sw.js) serves the door's pages and scripts from its caches when the network is gone.
// Registered once the page has loaded, so it never competes with the door's own first load;
// then told to keep this page and the scripts it loaded, which it did not see go by (it was
// not there yet on the first visit).

/** Same-origin scripts and styles the page loaded: what the door needs to start again offline. */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(`${location.origin}/_next/static/`));
}

async function register(): Promise<void> {
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/door" });
  const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
  worker?.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: [location.href, "/door", ...loadedAssets()] } });
}

/** An effect: registers once the page has loaded (no-op where service workers are missing). */
export function registerDoorWorker(): () => void {
  if (!("serviceWorker" in navigator)) return () => undefined;
  const start = () => void register().catch(() => undefined);
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
  return () => window.removeEventListener("load", start);
}
