// Merchants' Shopify Admin API tokens at rest: AES-256-GCM with a random 96-bit IV per
// encryption, the merchant's id as additional authenticated data (a ciphertext copied onto
// another merchant's row does not decrypt), and a versioned text format:
//
//   v1:<iv>:<tag>:<ciphertext>        each part base64url
//
// "v1" names the algorithm and the key (SHOPIFY_TOKEN_KEY); a future rotation adds "v2"
// with its own key and re-encrypts on the next connect or push, while v1 keeps decrypting.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { decodeKey32, env, type Env } from "../../env";
import { AppError } from "../../errors";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Used only when NODE_ENV is development or test and SHOPIFY_TOKEN_KEY is unset, so a fresh
 * laptop (and the test suite) can connect a development store with no setup. Acceptable
 * there for the same reason as the one-click dev sign-in: such a database holds demo data and
 * dev-store tokens, and whoever can read it can already sign in as anyone. Its value is
 * public (it is in this file), so production never uses it: see tokenKey().
 */
const DEV_ONLY_KEY = createHash("sha256").update("marquee:dev-only:shopify-token-key:v1").digest();

export class TokenDecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt the stored Shopify token: ${reason}`);
    this.name = "TokenDecryptionError";
  }
}

/**
 * The key for Shopify tokens. In production SHOPIFY_TOKEN_KEY is required, but only here,
 * when a token is about to be encrypted or decrypted: a deployment that does not use Shopify
 * starts and runs without it.
 */
export function tokenKey(e: Pick<Env, "NODE_ENV" | "SHOPIFY_TOKEN_KEY"> = env()): Buffer {
  if (e.SHOPIFY_TOKEN_KEY) {
    const key = decodeKey32(e.SHOPIFY_TOKEN_KEY);
    // env() has validated it already; a hand-built Env may not have been.
    if (!key) throw new Error("SHOPIFY_TOKEN_KEY must be 32 bytes (64 hex characters or base64)");
    return key;
  }
  if (e.NODE_ENV === "production") {
    throw new AppError(
      "UNAVAILABLE",
      "Shopify connections are not configured on this server: set SHOPIFY_TOKEN_KEY (32 random bytes, e.g. `openssl rand -base64 32`) and restart",
    );
  }
  return DEV_ONLY_KEY;
}

/**
 * What a merchant's webhook secret is bound to instead of the bare merchant id: its ciphertext
 * copied into the token column (or the token's into the secret's) does not decrypt.
 */
export function webhookSecretContext(merchantId: string): string {
  return `${merchantId}:webhook-secret`;
}

/** Encrypts `plaintext` for the merchant `merchantId` (bound in as authenticated data). */
export function encryptToken(plaintext: string, merchantId: string, key: Buffer = tokenKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${VERSION}:${merchantId}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(":");
}

/**
 * The plaintext token, or TokenDecryptionError when the text is malformed, was made for
 * another merchant or with another key, or was altered in any bit.
 */
export function decryptToken(stored: string, merchantId: string, key: Buffer = tokenKey()): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new TokenDecryptionError("unknown format");
  const [, ivText, tagText, ciphertextText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  const ciphertext = Buffer.from(ciphertextText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || ciphertext.length === 0) {
    throw new TokenDecryptionError("malformed ciphertext");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}:${merchantId}`, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenDecryptionError("it was altered, belongs to another merchant, or SHOPIFY_TOKEN_KEY changed");
  }
}
