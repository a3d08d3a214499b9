// The Stripe client, made once from the environment: STRIPE_SECRET_KEY, and STRIPE_API_URL
// where the API is not Stripe's own (tests point it at the local stand-in,
// testing/stripe-stand-in.ts). No key: null, and the callers decide what that means
// (the test checkout in development, a refusal in production).
import { Stripe } from "stripe";
import { env, type Env } from "../../env";

let cached: { key: string; apiUrl: string | undefined; client: Stripe } | undefined;

/** The client for this environment's key, or null when Stripe is not configured. */
export function stripeClient(e: Pick<Env, "STRIPE_SECRET_KEY" | "STRIPE_API_URL"> = env()): Stripe | null {
  const key = e.STRIPE_SECRET_KEY;
  if (!key) return null;
  if (cached?.key === key && cached.apiUrl === e.STRIPE_API_URL) return cached.client;
  const api = e.STRIPE_API_URL ? new URL(e.STRIPE_API_URL) : null;
  const client = new Stripe(key, {
    ...(api
      ? {
          host: api.hostname,
          port: api.port || (api.protocol === "https:" ? 443 : 80),
          protocol: api.protocol === "https:" ? "https" : "http",
        }
      : {}),
    // The stripe package retries with the same Idempotency-Key, so a retried call never doubles.
    maxNetworkRetries: 2,
    timeout: 20_000,
  });
  cached = { key, apiUrl: e.STRIPE_API_URL, client };
  return client;
}

/** The webhook endpoint's signing secret, or null when none is set. */
export function stripeWebhookSecret(e: Pick<Env, "STRIPE_WEBHOOK_SECRET"> = env()): string | null {
  return e.STRIPE_WEBHOOK_SECRET ?? null;
}
