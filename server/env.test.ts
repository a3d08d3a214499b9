import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, isDevSignInAllowed, parseEnv } from "./env";

const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/marquee" };

describe("environment", () => {
  it("names a missing DATABASE_URL", () => {
    expect(() => parseEnv({ NODE_ENV: "development" })).toThrow(InvalidEnvironmentError);
    expect(() => parseEnv({ NODE_ENV: "development" })).toThrow(/DATABASE_URL is required/);
  });

  it("names a malformed variable and says what it must be", () => {
    expect(() => parseEnv({ ...base, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres:\/\/ connection URL/);
    expect(() => parseEnv({ ...base, APP_URL: "not a url" })).toThrow(/APP_URL/);
    expect(() => parseEnv({ ...base, DEV_SIGN_IN: "yes" })).toThrow(/DEV_SIGN_IN/);
  });

  it("requires AUTH_SECRET in production only", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
    expect(parseEnv({ ...base, NODE_ENV: "development" }).AUTH_SECRET).toBeUndefined();
  });

  it("allows the one-click dev sign-in in development, and in production only when enabled", () => {
    const secret = "s".repeat(32);
    expect(isDevSignInAllowed(parseEnv({ ...base, NODE_ENV: "development" }))).toBe(true);
    expect(isDevSignInAllowed(parseEnv({ ...base, NODE_ENV: "production", AUTH_SECRET: secret }))).toBe(false);
    expect(
      isDevSignInAllowed(parseEnv({ ...base, NODE_ENV: "production", AUTH_SECRET: secret, DEV_SIGN_IN: "1" })),
    ).toBe(true);
  });
});
