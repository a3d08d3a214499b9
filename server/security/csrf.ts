// Cross-site request forgery. A page elsewhere can make a signed-in user's browser POST a form
// to us (text/plain, urlencoded or multipart: no preflight), and the session cookie goes along
// whenever the page is on the same site: SameSite=Lax only stops other sites, not a sibling
// origin (another port or subdomain). tRPC takes multipart bodies, so a mutation without input
// (shopify.disconnect) ran from such a form. So unsafe requests that may carry the cookie must
// come from the app's own origin. Requests with an `Authorization` header are let through: no
// form can set one, and such a caller is authenticated by its key alone, never by the cookie.
import { env } from "../env";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** `none`: the user's own doing (typed URL, bookmark); the rest is another origin's page. */
const OWN_FETCH_SITES = new Set(["same-origin", "none"]);

/** Hosts the app answers at: the request's own (as the proxy saw it), and APP_URL's. */
function ownHosts(request: Request): Set<string> {
  const hosts = new Set([new URL(env().APP_URL).host, new URL(request.url).host]);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  return hosts;
}

function isOwnOrigin(origin: string, request: Request): boolean {
  if (!URL.canParse(origin)) return false; // includes "null" (sandboxed frames, data: URLs)
  return ownHosts(request).has(new URL(origin).host);
}

/**
 * Why `request` must be refused as cross-site, or null. Browsers say where a request comes
 * from in `Sec-Fetch-Site` (all current ones) and `Origin` (on every POST); a request with
 * neither is not from a browser's cross-site page, so it passes.
 */
export function crossSiteRefusal(request: Request): AppError | null {
  if (SAFE_METHODS.has(request.method.toUpperCase()) || request.headers.has("authorization")) return null;
  const fetchSite = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const crossSite = (fetchSite !== null && !OWN_FETCH_SITES.has(fetchSite)) || (origin !== null && !isOwnOrigin(origin, request));
  if (!crossSite) return null;
  return new AppError(
    "FORBIDDEN",
    `Cross-site request refused: ${request.method} requests signed in by cookie are only taken from this app's own pages (origin ${origin ?? "unknown"}); scripts send \`Authorization: Bearer <api key>\``,
  );
}
