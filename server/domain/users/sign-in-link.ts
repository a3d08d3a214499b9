// Sending a sign-in link: counted against the address and the client, then queued through
// the outbox in one transaction (never sent inline). Known and unknown addresses take the
// same path, so the answer never tells whether an account exists: the account is created
// only when the link is used.
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { countInWindow, rateWindow } from "../checkin/rate-limit";
import { queueMail } from "../mail/queue";
import { canonicalEmail } from "./service";

/** Links asked for per address, and per client (an IP address), in each fixed window. */
export const LINKS_PER_ADDRESS = 5;
export const LINKS_PER_CLIENT = 20;
export const LINK_WINDOW_MS = 15 * 60_000;

/** How long a link works: short, because the queued mail holds it until it is sent. */
export const LINK_MAX_AGE_SECONDS = 60 * 60;

export interface SignInLinkRequest {
  email: string;
  url: string;
  expires: Date;
  /** Who asked (the client's IP address), when known. */
  client: string | null;
}

export type SignInLinkOutcome = { queued: true } | { queued: false; retryAfterSeconds: number };

export async function sendSignInLink(db: Db, request: SignInLinkRequest, now = new Date()): Promise<SignInLinkOutcome> {
  const email = canonicalEmail(request.email);
  const window = rateWindow(now, LINK_WINDOW_MS);
  return db.$transaction(async (tx) => {
    // Address first, then client: every transaction takes the counter rows in the same order.
    const perAddress = await countInWindow(tx, [`sign-in-link:address:${email}`], window.start);
    const perClient = request.client ? await countInWindow(tx, [`sign-in-link:client:${request.client}`], window.start) : 0;
    if (perAddress > LINKS_PER_ADDRESS || perClient > LINKS_PER_CLIENT) {
      return { queued: false, retryAfterSeconds: window.retryAfterSeconds };
    }
    await queueMail(tx, {
      to: email,
      template: "sign-in-link",
      props: { url: request.url, expiresAt: request.expires.toISOString() },
      // One mail per link, whatever retries the request goes through.
      dedupeKey: `sign-in-link:${createHash("sha256").update(request.url).digest("base64url")}`,
    });
    return { queued: true };
  });
}

/**
 * The client a request comes from: the last X-Forwarded-For entry. Behind a proxy (as in
 * production) that is the address the proxy saw, earlier entries being the client's own
 * word; with no proxy Next fills the header from the socket, unless the client sent one
 * itself, which only lets it dodge this per-client limit, not the per-address one.
 */
export function clientOf(headers: Headers): string | null {
  const last = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || null;
}
