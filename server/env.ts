// The environment, validated once: a missing or malformed variable stops start-up with a
// message naming it, instead of failing later inside a request.
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** A 32-byte key written as 64 hex characters or as base64 / base64url; null otherwise. */
export function decodeKey32(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === 32 ? bytes : null;
}

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (npm run dev and npm test set it for you)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL"),
    AUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    // One-click sign-in as a demo user: on in development, refused in production unless set.
    DEV_SIGN_IN: booleanFlag,
    APP_URL: z.url().default("http://localhost:3000"),
    // Google and GitHub sign-in (Auth.js's variable names): each appears on /sign-in when both
    // its id and its secret are set.
    AUTH_GOOGLE_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    // AES-256-GCM key for merchants' Shopify Admin API tokens: 32 bytes as 64 hex characters
    // or base64 (`openssl rand -base64 32`). Optional: development and tests fall back to a
    // fixed dev-only key; production refuses to connect a store without it (see
    // server/domain/shopify/token-crypto.ts), so the app still starts without Shopify.
    SHOPIFY_TOKEN_KEY: z
      .string()
      .trim()
      .optional()
      .refine((v) => v === undefined || v === "" || decodeKey32(v) !== null, {
        error: "must be 32 bytes, written as 64 hex characters or as base64",
      })
      .transform((v) => (v ? v : undefined)),
    // Background jobs (see inngestMode): "1" (or a dev server's origin) for the Inngest Dev
    // Server; both keys for Inngest Cloud or a self-hosted Inngest; neither: in-process.
    INNGEST_DEV: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || /^(0|1|true|false)$/.test(v) || URL.canParse(v), {
        error: "must be 1, 0 or the origin of an Inngest dev server, e.g. http://localhost:8288",
      }),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    // Mail (server/domain/mail): the SMTP server to send through, e.g. smtps://user:pass@smtp.example.com:465.
    // Required in production; elsewhere, without it, an embedded mail catcher receives every mail.
    SMTP_URL: z
      .string()
      .trim()
      .optional()
      .refine((v) => v === undefined || v === "" || /^smtps?:\/\//.test(v), { error: "must be an smtp:// or smtps:// URL" })
      .transform((v) => (v ? v : undefined)),
    // The sender, e.g. "Marquee <tickets@example.com>" (default: no-reply at APP_URL's host).
    MAIL_FROM: z.string().trim().min(3).optional(),
    // Where the mail catcher keeps the mails it receives (default .data/mail); set in production,
    // it also opens the catcher's page /dev/mail there (the e2e run does this).
    MAIL_CATCHER_DIR: z.string().trim().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    // How long a paid order holds its tickets while the buyer pays (minutes).
    ORDER_HOLD_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    // Stripe Checkout (server/domain/payments). Without a secret key, development sends paid
    // orders to the built-in test checkout and production refuses paid tickets (free ones work).
    STRIPE_SECRET_KEY: z.string().trim().min(1).optional(),
    // The webhook endpoint's signing secret (whsec_...): POST /webhooks/stripe verifies with it.
    STRIPE_WEBHOOK_SECRET: z.string().trim().min(1).optional(),
    // The built-in test checkout (no money moves) where no STRIPE_SECRET_KEY is set: always
    // outside production; in production only when asked (the e2e run, which uses `next start`).
    TEST_CHECKOUT: booleanFlag,
    // Partner webhooks may target loopback and private addresses, and plain http (development
    // and tests, whose receivers run on this machine); otherwise refused (SSRF).
    WEBHOOKS_ALLOW_PRIVATE_URLS: booleanFlag,
    // Where the stripe package sends its API calls instead of https://api.stripe.com (tests: the local stand-in).
    STRIPE_API_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
    // SMS to guests through Twilio (server/domain/messages/sms.ts). Without them, SMS go to the
    // mail catcher's page where it is on, and are refused elsewhere. TWILIO_FROM is the sending
    // number in E.164 (or a Messaging Service SID, MG...).
    TWILIO_ACCOUNT_SID: z.string().trim().min(1).optional(),
    TWILIO_AUTH_TOKEN: z.string().trim().min(1).optional(),
    TWILIO_FROM: z.string().trim().min(1).optional(),
    // Where the twilio package sends its API calls instead of https://api.twilio.com (tests: the local stand-in).
    TWILIO_API_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && !env.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is required in production (the SMTP server mail is sent through)" });
    }
    // Sessions whose payments no webhook could ever confirm would take money and issue nothing.
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required with STRIPE_SECRET_KEY (the signing secret of the webhook endpoint /webhooks/stripe)",
      });
    }
    // Half a Twilio set-up would queue SMS that can only fail.
    const twilio = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"] as const;
    if (twilio.some((name) => env[name])) {
      for (const name of twilio.filter((n) => !env[n])) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "is required too: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or none",
        });
      }
    }
    // Half an OAuth set-up would show a button that can only fail.
    for (const [id, secret] of [
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
    ] as const) {
      if (Boolean(env[id]) !== Boolean(env[secret])) {
        ctx.addIssue({ code: "custom", path: [env[id] ? secret : id], message: "is required too: set both to offer that sign-in, or neither" });
      }
    }
    // Half a cloud set-up would send events no one may run, or serve functions no one can trigger.
    if (!isInngestDev(env.INNGEST_DEV) && Boolean(env.INNGEST_EVENT_KEY) !== Boolean(env.INNGEST_SIGNING_KEY)) {
      const missing = env.INNGEST_EVENT_KEY ? "INNGEST_SIGNING_KEY" : "INNGEST_EVENT_KEY";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "is required too: Inngest Cloud (or a self-hosted Inngest) needs both keys; unset both to run jobs in-process",
      });
    }
  });

export type Env = z.infer<typeof ZEnv>;

export class InvalidEnvironmentError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super("Invalid environment:\n" + issues.map((i) => `  ${i.path.join(".") || "(root)"} ${i.message}`).join("\n"));
    this.name = "InvalidEnvironmentError";
  }
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) throw new InvalidEnvironmentError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function isDevSignInAllowed(e: Env = env()): boolean {
  return e.NODE_ENV !== "production" || e.DEV_SIGN_IN;
}

/** With no SMTP server configured outside production, mail goes to the embedded catcher. */
export function usesMailCatcher(e: Pick<Env, "NODE_ENV" | "SMTP_URL"> = env()): boolean {
  return !e.SMTP_URL && e.NODE_ENV !== "production";
}

/** The catcher's page /dev/mail: outside production, or where the catcher's folder is set deliberately. */
export function isMailCatcherPageOn(e: Pick<Env, "NODE_ENV" | "MAIL_CATCHER_DIR"> = env()): boolean {
  return e.NODE_ENV !== "production" || Boolean(e.MAIL_CATCHER_DIR);
}

function isInngestDev(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/**
 * How background jobs run. "inngest": the outbox relay sends events to an Inngest server
 * (the dev server with INNGEST_DEV=1, or Inngest Cloud / self-hosted with both keys) which
 * calls the functions served at /api/inngest. "in-process": no Inngest at all (the default on
 * a laptop, in tests, in CI): the same handlers run from the outbox inside this process.
 */
export type InngestMode = "inngest" | "in-process";

export function inngestMode(e: Pick<Env, "INNGEST_DEV" | "INNGEST_EVENT_KEY" | "INNGEST_SIGNING_KEY"> = env()): InngestMode {
  return isInngestDev(e.INNGEST_DEV) || (e.INNGEST_EVENT_KEY && e.INNGEST_SIGNING_KEY) ? "inngest" : "in-process";
}

/** At server start: print what is wrong and exit, since Next would only log and serve on. */
export function exitOnInvalidEnv(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
