import type { Db } from "../db/client";
import { authenticateApiKey } from "../domain/api-keys/service";
import { AppError } from "../errors";
import type { Actor } from "./actor";

/**
 * The caller of a request: an `Authorization: Bearer <api key>` header wins; otherwise the
 * session cookie. A presented but unknown key is refused outright rather than falling back
 * to the cookie, so a partner's broken key never acts as whoever is signed in.
 */
export async function resolveActor(db: Db, headers: Headers, readSessionUserId: () => Promise<string | null>): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] ? await authenticateApiKey(db, match[1]) : null;
    if (!actor) throw new AppError("UNAUTHENTICATED", "The API key is missing, unknown or revoked");
    return actor;
  }
  const userId = await readSessionUserId();
  if (!userId) return null;
  // Read the user again rather than trusting the token, so a changed role applies at once.
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, name: true, email: true },
  });
  return user ? { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" } : null;
}
