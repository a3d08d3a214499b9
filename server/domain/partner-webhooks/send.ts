// Sending deliveries: each due one is claimed (a lease, so two senders never send it at once),
// signed by the Standard Webhooks scheme with its endpoint's current secret, POSTed with a
// 10 s timeout through the SSRF guard (url-guard.ts), and its attempt recorded. A failure is
// tried again on a schedule spanning more than a day; an endpoint failing for three days
// without one success is disabled and its owner mailed.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import type { Db } from "../../db/client";
import { claimDueDeliveries } from "../../db/sql/partner-webhooks";
import { query } from "../../db/sql/statement";
import { env } from "../../env";
import { WebhookDeliveryStatus } from "../../generated/prisma/enums";
import { queueMail } from "../mail/queue";
import { disableEndpoint } from "./disable";
import { decryptSigningSecret } from "./secret";
import { guardedLookup, refuseUrlItself, systemResolve, urlPolicy, type Resolve, type UrlPolicy } from "./url-guard";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The wait after each failed try: 1 min, 5 min, 30 min, 2 h, 5 h, then 10 h three times (about 38 h in all). */
export const RETRY_DELAYS_MS = [1 * MINUTE_MS, 5 * MINUTE_MS, 30 * MINUTE_MS, 2 * HOUR_MS, 5 * HOUR_MS, 10 * HOUR_MS, 10 * HOUR_MS, 10 * HOUR_MS];
/** Tries of one delivery, the first one included. */
export const MAX_TRIES = RETRY_DELAYS_MS.length + 1;
/** An endpoint failing without a success for this long is disabled. */
export const DISABLE_AFTER_MS = 72 * HOUR_MS;
const TIMEOUT_MS = 10_000;
/** Longer than a send can take, so a lease only passes when its sender died. */
const LEASE_MS = 60_000;
/** What of an error or answer is kept. */
const MAX_ERROR_LENGTH = 500;

export interface SendOptions {
  /** The clock deliveries are due by and attempts are recorded at (tests move it). */
  now?: Date;
  policy?: UrlPolicy;
  resolve?: Resolve;
  timeoutMs?: number;
  /** Most deliveries one call sends. */
  limit?: number;
}

export interface SendOutcome {
  succeeded: number;
  failed: number;
}

interface Answer {
  statusCode: number | null;
  error: string | null;
}

/** POSTs the body; answers the status code, or why there is none. Redirects are not followed. */
function post(url: URL, body: string, headers: Record<string, string>, lookup: LookupFunction, timeoutMs: number): Promise<Answer> {
  const request = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ statusCode: res.statusCode ?? null, error: null }));
        res.on("error", (error) => resolve({ statusCode: res.statusCode ?? null, error: error.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`No answer within ${timeoutMs / 1000} s`)));
    req.on("error", (error) => resolve({ statusCode: null, error: error.message }));
    req.end(body);
  });
}

/** The signed request's headers (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). */
export function signedHeaders(secret: string, webhookId: string, sentAt: Date, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Marquee-Webhooks/1.0",
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(webhookId, sentAt, body),
  };
}

async function loadDelivery(db: Db, id: string) {
  return db.webhookDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      webhookId: true,
      payload: true,
      attempts: true,
      endpoint: {
        select: {
          id: true,
          url: true,
          secretCiphertext: true,
          failingSince: true,
          owner: { select: { name: true, email: true } },
        },
      },
    },
  });
}

function signingSecret(endpoint: { id: string; secretCiphertext: string }): string | null {
  try {
    return decryptSigningSecret(endpoint.secretCiphertext, endpoint.id);
  } catch {
    return null;
  }
}

type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** One try of a claimed delivery: the request, then its record. Never throws for the endpoint's failures. */
async function attempt(db: Db, delivery: LoadedDelivery, options: Required<Omit<SendOptions, "limit">>): Promise<boolean> {
  const { now, policy, resolve, timeoutMs } = options;
  const url = new URL(delivery.endpoint.url);
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  let answer: Answer;
  const refusal = refuseUrlItself(url, policy);
  if (refusal) {
    answer = { statusCode: null, error: `Refused: the URL ${refusal}` };
  } else {
    const secret = signingSecret(delivery.endpoint);
    // Signed at the moment it is sent (receivers refuse timestamps more than 5 minutes off).
    answer =
      secret === null
        ? { statusCode: null, error: "The signing secret cannot be decrypted (SHOPIFY_TOKEN_KEY changed?): rotate it" }
        : await post(url, body, signedHeaders(secret, delivery.webhookId, new Date(), body), guardedLookup(policy, resolve), timeoutMs);
  }
  const durationMs = Math.round(performance.now() - started);
  const succeeded = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
  const error = succeeded ? null : (answer.error ?? `HTTP ${answer.statusCode}`).slice(0, MAX_ERROR_LENGTH);
  await record(db, delivery, { now, statusCode: answer.statusCode, error, durationMs, succeeded });
  return succeeded;
}

async function record(
  db: Db,
  delivery: LoadedDelivery,
  {
    now,
    statusCode,
    error,
    durationMs,
    succeeded,
  }: { now: Date; statusCode: number | null; error: string | null; durationMs: number; succeeded: boolean },
) {
  const tries = delivery.attempts + 1;
  const retryIn = RETRY_DELAYS_MS[tries - 1];
  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: { deliveryId: delivery.id, attemptedAt: now, statusCode, error, durationMs } });
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts: tries,
        lastStatusCode: statusCode,
        lastError: error,
        lastAttemptAt: now,
        lockedUntil: null,
        ...(succeeded
          ? { status: WebhookDeliveryStatus.SUCCEEDED, succeededAt: now, nextAttemptAt: null }
          : retryIn === undefined
            ? { status: WebhookDeliveryStatus.FAILED, nextAttemptAt: null }
            : { nextAttemptAt: new Date(now.getTime() + retryIn) }),
      },
    });
    const endpoint = delivery.endpoint;
    if (succeeded) {
      if (endpoint.failingSince) await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } });
      return;
    }
    const failingSince = endpoint.failingSince ?? now;
    if (!endpoint.failingSince) await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: now } });
    if (now.getTime() - failingSince.getTime() < DISABLE_AFTER_MS) return;
    const disabled = await disableEndpoint(tx, endpoint.id, `Every request failed for 3 days (last: ${error})`, now);
    if (!disabled) return;
    await queueMail(tx, {
      to: endpoint.owner.email,
      template: "webhook-endpoint-disabled",
      dedupeKey: `webhook-endpoint-disabled:${endpoint.id}:${now.toISOString()}`,
      props: {
        ownerName: endpoint.owner.name,
        url: endpoint.url,
        failingSince: failingSince.toISOString(),
        lastError: error ?? "",
        settingsUrl: new URL("/settings#webhooks-heading", env().APP_URL).toString(),
      },
    });
  });
}

/**
 * Sends the due deliveries of enabled endpoints (only `ids`, when given: the webhook-send job's
 * one delivery); answers how many succeeded and failed. A delivery not due, taken by another
 * sender, or whose endpoint is disabled is left alone.
 */
export async function sendDueDeliveries(db: Db, options: SendOptions & { ids?: string[] } = {}): Promise<SendOutcome> {
  const full = {
    now: options.now ?? new Date(),
    policy: options.policy ?? urlPolicy(),
    resolve: options.resolve ?? systemResolve,
    timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
  };
  const claimed = await query(db, claimDueDeliveries({ now: full.now, limit: options.limit ?? 50, leaseMs: LEASE_MS, ids: options.ids ?? null }));
  const outcome: SendOutcome = { succeeded: 0, failed: 0 };
  await Promise.all(
    claimed.map(async ({ id }) => {
      const delivery = await loadDelivery(db, id);
      if (!delivery) return;
      if (await attempt(db, delivery, full)) outcome.succeeded++;
      else outcome.failed++;
    }),
  );
  return outcome;
}
