// API keys for partners' scripts. The key is shown once; only its SHA-256 is stored, so a
// database dump holds nothing a caller could present.
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { authenticateKey } from "../../db/sql/api-keys";
import { query } from "../../db/sql/statement";
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
 * The actor behind a presented key, or null when the key is unknown or revoked. One statement
 * finds the key with its user and touches `lastUsedAt`, to the minute: a write on every
 * request would queue a partner's concurrent calls up on the key's row lock.
 */
export async function authenticateApiKey(db: Db, plaintext: string): Promise<Actor | null> {
  if (!plaintext.startsWith(KEY_PREFIX)) return null;
  const [user] = await query(db, authenticateKey({ hash: hashApiKey(plaintext) }));
  if (!user) return null;
  return { userId: user.id, role: user.role, name: user.name, email: user.email, via: "apiKey" };
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
}
