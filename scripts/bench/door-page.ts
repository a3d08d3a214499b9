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
