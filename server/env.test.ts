import { describe, expect, it } from "vitest";
import { inngestMode, InvalidEnvironmentError, isDevSignInAllowed, isMailCatcherPageOn, parseEnv, usesMailCatcher } from "./env";

// Next's types declare NODE_ENV as always present; the point here is environments that lack things.
const parse = (source: Record<string, string>) => parseEnv(source as NodeJS.ProcessEnv);
const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/marquee" };

describe("environment", () => {
  it("names a missing DATABASE_URL", () => {
    expect(() => parse({ NODE_ENV: "development" })).toThrow(InvalidEnvironmentError);
    expect(() => parse({ NODE_ENV: "development" })).toThrow(/DATABASE_URL is required/);
  });

  it("names a malformed variable and says what it must be", () => {
    expect(() => parse({ ...base, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres:\/\/ connection URL/);
    expect(() => parse({ ...base, APP_URL: "not a url" })).toThrow(/APP_URL/);
    expect(() => parse({ ...base, DEV_SIGN_IN: "yes" })).toThrow(/DEV_SIGN_IN/);
  });

  it("requires AUTH_SECRET in production only", () => {
    expect(() => parse({ ...base, NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
    expect(parse({ ...base, NODE_ENV: "development" }).AUTH_SECRET).toBeUndefined();
  });

  it("allows the one-click dev sign-in in development, and in production only when enabled", () => {
    const secret = "s".repeat(32);
    const production = { ...base, NODE_ENV: "production", AUTH_SECRET: secret, SMTP_URL: "smtp://mail.example.com:587" };
    expect(isDevSignInAllowed(parse({ ...base, NODE_ENV: "development" }))).toBe(true);
    expect(isDevSignInAllowed(parse(production))).toBe(false);
    expect(isDevSignInAllowed(parse({ ...production, DEV_SIGN_IN: "1" }))).toBe(true);
  });

  it("names the missing half of a Google or GitHub sign-in configuration", () => {
    expect(() => parse({ ...base, AUTH_GOOGLE_ID: "id" })).toThrow(/AUTH_GOOGLE_SECRET is required too/);
    expect(() => parse({ ...base, AUTH_GITHUB_SECRET: "secret" })).toThrow(/AUTH_GITHUB_ID is required too/);
    expect(parse({ ...base, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" }).AUTH_GITHUB_ID).toBe("id");
  });

  it("runs background jobs in-process unless Inngest is configured (INNGEST_DEV, or both keys)", () => {
    expect(inngestMode(parse(base))).toBe("in-process");
    expect(inngestMode(parse({ ...base, INNGEST_DEV: "0" }))).toBe("in-process");
    expect(inngestMode(parse({ ...base, INNGEST_DEV: "1" }))).toBe("inngest");
    expect(inngestMode(parse({ ...base, INNGEST_DEV: "http://inngest.internal:8288" }))).toBe("inngest");
    expect(inngestMode(parse({ ...base, INNGEST_EVENT_KEY: "ek", INNGEST_SIGNING_KEY: "signkey-prod-00ff" }))).toBe("inngest");
  });

  it("requires the webhook's signing secret with a Stripe key, and an http(s) STRIPE_API_URL", () => {
    expect(() => parse({ ...base, STRIPE_SECRET_KEY: "sk_test_1" })).toThrow(/STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY/);
    expect(parse({ ...base, STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" })).toMatchObject({ STRIPE_SECRET_KEY: "sk_test_1" });
    expect(parse({ ...base, STRIPE_API_URL: "http://127.0.0.1:12111" }).STRIPE_API_URL).toBe("http://127.0.0.1:12111");
    expect(() => parse({ ...base, STRIPE_API_URL: "ftp://stripe.test" })).toThrow(/STRIPE_API_URL must be an http:\/\/ or https:\/\/ URL/);
  });

  it("names the missing half of an Inngest Cloud configuration, and a malformed INNGEST_DEV", () => {
    expect(() => parse({ ...base, INNGEST_EVENT_KEY: "ek" })).toThrow(/INNGEST_SIGNING_KEY is required too/);
    expect(() => parse({ ...base, INNGEST_SIGNING_KEY: "signkey-prod-00ff" })).toThrow(/INNGEST_EVENT_KEY is required too/);
    expect(() => parse({ ...base, INNGEST_DEV: "yes please" })).toThrow(/INNGEST_DEV must be 1, 0 or the origin/);
    // The dev server needs no keys.
    expect(inngestMode(parse({ ...base, INNGEST_DEV: "1", INNGEST_EVENT_KEY: "ek" }))).toBe("inngest");
  });

  it("stops a production start without SMTP_URL, naming it; elsewhere mail goes to the embedded catcher", () => {
    const production = { ...base, NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) };
    expect(() => parse(production)).toThrow(/SMTP_URL is required in production/);
    expect(() => parse({ ...production, SMTP_URL: "http://mail" })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    const sending = parse({ ...production, SMTP_URL: "smtps://user:pass@smtp.example.com:465" });
    expect(usesMailCatcher(sending)).toBe(false);
    expect(isMailCatcherPageOn(sending)).toBe(false);
    expect(isMailCatcherPageOn(parse({ ...production, SMTP_URL: "smtp://127.0.0.1:2525", MAIL_CATCHER_DIR: "/tmp/mail" }))).toBe(true);
    const development = parse({ ...base, NODE_ENV: "development" });
    expect(usesMailCatcher(development)).toBe(true);
    expect(isMailCatcherPageOn(development)).toBe(true);
    expect(usesMailCatcher(parse({ ...base, NODE_ENV: "development", SMTP_URL: "smtp://127.0.0.1:1025" }))).toBe(false);
  });
});
