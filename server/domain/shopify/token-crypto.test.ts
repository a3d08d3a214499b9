// The Shopify token at rest: AES-256-GCM round trip, and every way a stored value can be
// wrong is refused rather than decrypted into garbage.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { AppError } from "../../errors";
import { decryptToken, encryptToken, TokenDecryptionError, tokenKey } from "./token-crypto";

const TOKEN = "shpat_0123456789abcdef0123456789abcdef";
const key = randomBytes(32);
const merchantId = randomUUID();

/** Flips one bit of the base64url part `index` (1 iv, 2 tag, 3 ciphertext). */
function tamper(stored: string, index: number): string {
  const parts = stored.split(":");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(":");
}

describe("Shopify token encryption", () => {
  it("round-trips, in the versioned v1:<iv>:<tag>:<ciphertext> format, without the plaintext in it", () => {
    const stored = encryptToken(TOKEN, merchantId, key);
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(Buffer.from(TOKEN).toString("base64url"));
    expect(decryptToken(stored, merchantId, key)).toBe(TOKEN);
  });

  it("uses a fresh random IV each time", () => {
    const a = encryptToken(TOKEN, merchantId, key);
    const b = encryptToken(TOKEN, merchantId, key);
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
  });

  it("rejects a tampered IV, tag or ciphertext", () => {
    const stored = encryptToken(TOKEN, merchantId, key);
    for (const part of [1, 2, 3]) {
      expect(() => decryptToken(tamper(stored, part), merchantId, key)).toThrow(TokenDecryptionError);
    }
  });

  it("rejects another merchant's ciphertext, another key, and malformed or unknown formats", () => {
    const stored = encryptToken(TOKEN, merchantId, key);
    expect(() => decryptToken(stored, randomUUID(), key)).toThrow(TokenDecryptionError);
    expect(() => decryptToken(stored, merchantId, randomBytes(32))).toThrow(TokenDecryptionError);
    expect(() => decryptToken(stored.replace(/^v1:/, "v9:"), merchantId, key)).toThrow(/unknown format/);
    expect(() => decryptToken(TOKEN, merchantId, key)).toThrow(/unknown format/);
    expect(() => decryptToken("v1:AAAA:BBBB:CCCC", merchantId, key)).toThrow(/malformed/);
  });
});

describe("SHOPIFY_TOKEN_KEY", () => {
  const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/marquee" };
  const parse = (source: Record<string, string>) => parseEnv({ ...base, ...source } as unknown as NodeJS.ProcessEnv);

  it("accepts 32 bytes as hex or base64 and refuses anything else, naming the variable", () => {
    const bytes = randomBytes(32);
    expect(tokenKey(parse({ SHOPIFY_TOKEN_KEY: bytes.toString("hex") }))).toEqual(bytes);
    expect(tokenKey(parse({ SHOPIFY_TOKEN_KEY: bytes.toString("base64") }))).toEqual(bytes);
    expect(tokenKey(parse({ SHOPIFY_TOKEN_KEY: bytes.toString("base64url") }))).toEqual(bytes);
    expect(() => parse({ SHOPIFY_TOKEN_KEY: randomBytes(16).toString("hex") })).toThrow(/SHOPIFY_TOKEN_KEY must be 32 bytes/);
    expect(() => parse({ SHOPIFY_TOKEN_KEY: "correct horse battery staple" })).toThrow(/SHOPIFY_TOKEN_KEY/);
  });

  it("falls back to the dev-only key in development and test, and is required in production", () => {
    const dev = tokenKey(parse({ NODE_ENV: "development" }));
    expect(dev).toHaveLength(32);
    expect(tokenKey(parse({ NODE_ENV: "test" }))).toEqual(dev);

    const production = parse({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), SMTP_URL: "smtp://mail.example.com" });
    expect(() => tokenKey(production)).toThrow(AppError);
    expect(() => tokenKey(production)).toThrow(/set SHOPIFY_TOKEN_KEY/);
    try {
      tokenKey(production);
    } catch (error) {
      expect((error as AppError).code).toBe("UNAVAILABLE");
    }
    // Production starts without it (a deployment may not use Shopify at all).
    expect(production.SHOPIFY_TOKEN_KEY).toBeUndefined();
  });
});
