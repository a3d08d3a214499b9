// Which requests count as cross-site. The end-to-end proof, with a real session cookie and a
// real browser, is e2e/api/csrf.spec.ts; these are the rules one case at a time.
import { describe, expect, it } from "vitest";
import { env } from "../env";
import { crossSiteRefusal } from "./csrf";

const APP = "https://marquee.example";

function request(method: string, headers: Record<string, string>, url = `${APP}/api/trpc/events.create`) {
  return new Request(url, { method, headers: { host: "marquee.example", ...headers } });
}

const refused = (r: Request) => crossSiteRefusal(r) !== null;

describe("crossSiteRefusal", () => {
  it("refuses unsafe requests whose browser says they come from another origin's page", () => {
    for (const site of ["cross-site", "same-site"]) {
      expect(refused(request("POST", { "sec-fetch-site": site })), site).toBe(true);
    }
    for (const origin of ["https://attacker.example", "https://sub.marquee.example", "http://marquee.example:8080", "null", "garbage"]) {
      expect(refused(request("POST", { origin })), origin).toBe(true);
    }
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(refused(request(method, { origin: "https://attacker.example" })), method).toBe(true);
    }
    const refusal = crossSiteRefusal(request("POST", { origin: "https://attacker.example", "sec-fetch-site": "cross-site" }))!;
    expect(refusal.code).toBe("FORBIDDEN");
    expect(refusal.message).toMatch(/^Cross-site request refused: .*origin https:\/\/attacker\.example/);
  });

  it("lets the app's own pages through, also behind a proxy (X-Forwarded-Host) or at APP_URL", () => {
    expect(refused(request("POST", { origin: APP, "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(refused(request("POST", { "sec-fetch-site": "none" }))).toBe(false);
    const proxied = { host: "10.0.0.7:3000", "x-forwarded-host": "marquee.example", origin: APP };
    expect(refused(request("POST", proxied, "http://10.0.0.7:3000/api/trpc/events.create"))).toBe(false);
    const behindRewritingProxy = { host: "10.0.0.7:3000", origin: new URL(env().APP_URL).origin };
    expect(refused(request("POST", behindRewritingProxy, "http://10.0.0.7:3000/api/trpc/events.create"))).toBe(false);
  });

  it("never refuses safe methods, API-key callers, or requests no browser page made", () => {
    const crossSite = { origin: "https://attacker.example", "sec-fetch-site": "cross-site" };
    expect(refused(request("GET", crossSite))).toBe(false);
    expect(refused(request("HEAD", crossSite))).toBe(false);
    expect(refused(request("POST", { ...crossSite, authorization: "Bearer mq_partner" }))).toBe(false);
    expect(refused(request("POST", {}))).toBe(false); // curl, server-to-server: neither header
  });
});
