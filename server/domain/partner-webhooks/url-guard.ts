// Where partner webhooks may be sent (SSRF): a partner chooses the URL, our server makes the
// request, so an endpoint on loopback, a private network, link-local (cloud metadata at
// 169.254.169.254) or unique-local addresses would let anyone with an account probe or call
// what sits behind our firewall. Checked when the endpoint is saved AND on every send: the
// request connects only to an address checked in the same DNS lookup it uses (a hostname that
// later resolves to a private address, DNS rebinding, is refused at send time).
// WEBHOOKS_ALLOW_PRIVATE_URLS=1 (development, tests) lets them through, and plain http too.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { env } from "../../env";

export interface UrlPolicy {
  /** Loopback, private and plain-http URLs are let through (WEBHOOKS_ALLOW_PRIVATE_URLS=1). */
  allowPrivate: boolean;
  /** Plain http is refused (production). */
  requireHttps: boolean;
}

export function urlPolicy(e = env()): UrlPolicy {
  return { allowPrivate: e.WEBHOOKS_ALLOW_PRIVATE_URLS, requireHttps: e.NODE_ENV === "production" };
}

/** Resolves a hostname to all its addresses (tests pass their own to play DNS). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64: reaches IPv4 addresses through a gateway
  ["2002::", 16], // 6to4: embeds an IPv4 address
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** An IPv6 address in its canonical compressed form (as URL writes it): ::ffff:127.0.0.1 -> ::ffff:7f00:1. */
function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** The IPv4 address an IPv4-mapped (::ffff:7f00:1) or -compatible (::7f00:1) IPv6 address carries, if any. */
function embeddedIpv4(canonical: string): string | null {
  const match = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!match) return null;
  const [high, low] = [parseInt(match[1]!, 16), parseInt(match[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Whether an IP address (v4 or v6, brackets allowed) is one a webhook must never reach. */
export function isPrivateAddress(raw: string): boolean {
  const address = raw.replace(/^\[|\]$/g, "").toLowerCase();
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const canonical = canonicalIpv6(address);
  const v4 = embeddedIpv4(canonical);
  if (v4) return blocked.check(v4, "ipv4");
  return blocked.check(canonical, "ipv6");
}

const PRIVATE_TARGET = "must not point at a loopback, private or link-local address";

/**
 * What can be told from the URL alone: its scheme, credentials, and a host that is an address
 * (or localhost). A request to an address literal makes no DNS lookup, so this is checked
 * before every send too. Answers a sentence about `url`, or null.
 */
export function refuseUrlItself(url: URL, policy: UrlPolicy): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an https:// URL";
  if (url.username || url.password) return "must not carry a user name or password";
  if (policy.allowPrivate) return null;
  if (url.protocol === "http:" && policy.requireHttps) return "must be an https:// URL (plain http is refused)";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPrivateAddress(host) ? PRIVATE_TARGET : null;
  if (host === "localhost" || host.endsWith(".localhost")) return PRIVATE_TARGET;
  return null;
}

/** Why the URL may not be an endpoint (a sentence about `url`), or null when it may. Resolves its host. */
export async function refuseEndpointUrl(text: string, policy: UrlPolicy, resolve: Resolve = systemResolve): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "must be an absolute URL, e.g. https://partner.example/webhooks";
  }
  const refusal = refuseUrlItself(url, policy);
  if (refusal || policy.allowPrivate) return refusal;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return `its host ${host} could not be resolved`;
  }
  if (addresses.length === 0) return `its host ${host} could not be resolved`;
  if (addresses.some((a) => isPrivateAddress(a.address))) return `its host ${host} resolves to a loopback, private or link-local address`;
  return null;
}

export class RefusedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`Refused: ${host} resolves to ${address}, a loopback, private or link-local address`);
    this.name = "RefusedAddressError";
  }
}

/**
 * The `lookup` a send connects with: the addresses it answers are the ones checked, so the
 * connection cannot reach an address that was not (no window between check and connect).
 */
export function guardedLookup(policy: UrlPolicy, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = policy.allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
        if (refused) return callback(new RefusedAddressError(hostname, refused.address), "", 0);
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        const first = addresses[0]!;
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
