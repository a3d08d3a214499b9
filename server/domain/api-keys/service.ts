// API keys for partners' scripts. The key is shown once; only its SHA-256 is stored, so a
// database dump holds nothing a caller could present.
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { authenticateKey } from "../../db/sql/api-keys";
import { queryPrepared } from "../../db/sql/statement";
import { AppError } from "../../errors";

const KEY_PREFIX = "mq_";

export function hashApiKey(plaintext: string): string {
  return createHash("sha256").update(plaintext).digest("hex");
}

export async function createApiKey(db: Db, userId: string, name: string) {
  // 32 random bytes: unguessable, and SHA-256 without a salt is enough for such entropy.
  const plaintext = KEY_PREFIX + randomBytes(32).toString("base64url");
  const apiKey = await db.apiKey.create({
    data: { userId, name, prefix: plaintext.slice(0, 10), hash: hashApiKey(plaintext) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { apiKey, plaintext };
}

/**
 * How long this process trusts a key it authenticated without asking the database again. A
 * door phone or a partner's script calls many times a second, and each call paid a round trip
 * before its own statement (at the door, a scan's one statement). Revoking a key through Marquee
 * ends its trust in this process at once (revokeApiKey); another server process trusts it at
 * most this much longer, and a user's changed role reaches their keys as late.
 */
export const KEY_TRUST_MS = 10_000;
/** Bounds the memory a flood of distinct valid keys could take. */
const MAX_TRUSTED_KEYS = 10_000;
const trustedKeys = new Map<string, { actor: Actor; keyId: string; until: number }>();

/**
 * The actor behind a presented key, or null when the key is unknown or revoked. One statement
 * finds the key with its user and touches `lastUsedAt`, to the minute: a write on every
 * request would queue a partner's concurrent calls up on the key's row lock. A key found is
 * then trusted for KEY_TRUST_MS, so `lastUsedAt` stays right to the minute.
 */
export async function authenticateApiKey(db: Db, plaintext: string, now = Date.now()): Promise<Actor | null> {
  if (!plaintext.startsWith(KEY_PREFIX)) return null;
  const hash = hashApiKey(plaintext);
  const trusted = trustedKeys.get(hash);
  if (trusted && trusted.until > now) return trusted.actor;
  trustedKeys.delete(hash);
  const [key] = await queryPrepared(db, authenticateKey({ hash }));
  if (!key) return null;
  const actor: Actor = { userId: key.id, role: key.role, name: key.name, email: key.email, via: "apiKey" };
  if (trustedKeys.size >= MAX_TRUSTED_KEYS) trustedKeys.delete(trustedKeys.keys().next().value!);
  trustedKeys.set(hash, { actor, keyId: key.keyId, until: now + KEY_TRUST_MS });
  return actor;
}

export function listApiKeys(db: Db, actor: Actor) {
  return db.apiKey.findMany({
    where: { userId: actor.userId, revokedAt: null },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<void> {
  const { count } = await db.apiKey.updateMany({
    where: { id, userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "No such API key");
  for (const [hash, trusted] of trustedKeys) if (trusted.keyId === id) trustedKeys.delete(hash);
}
