// One-click dev sign-in: who can be picked on /sign-in, and who an email signs in as.
// Both refuse to help unless dev sign-in is allowed (see isDevSignInAllowed in server/env).
import type { Db } from "../db/client";
import type { Role } from "../generated/prisma/enums";

export type DevSignInUser = { id: string; email: string; name: string; role: Role };

const devSignInUserSelect = { id: true, email: true, name: true, role: true } as const;

/**
 * The demo users offered as buttons: the first user of each role (the seeded Camille, Priya, Sam
 * and Ada), then others up to `limit`, grouped by role. However many curators a run creates,
 * every role keeps its button.
 */
export async function listDevSignInUsers(db: Db, limit = 8): Promise<DevSignInUser[]> {
  // Postgres sorts an enum by its declaration order (CURATOR, PROMOTER, STAFF, ADMIN).
  const orderBy = [{ role: "asc" }, { createdAt: "asc" }, { email: "asc" }] as const;
  const firstOfEachRole = await db.user.findMany({ select: devSignInUserSelect, distinct: ["role"], orderBy: [...orderBy] });
  const others = await db.user.findMany({
    select: devSignInUserSelect,
    where: { id: { notIn: firstOfEachRole.map((user) => user.id) } },
    orderBy: [...orderBy],
    take: Math.max(0, limit - firstOfEachRole.length),
  });
  const rank = new Map(firstOfEachRole.map((user, index) => [user.role, index]));
  // Stable: within a role, its first user stays ahead of the others.
  return [...firstOfEachRole, ...others].sort((a, b) => rank.get(a.role)! - rank.get(b.role)!);
}

export function normaliseEmail(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const email = raw.trim().toLowerCase();
  // Deliberately loose: the only use is a lookup of an existing user.
  return email.length > 2 && email.length <= 320 && email.includes("@") ? email : null;
}

/** The existing user an email signs in as, or null. Never creates anyone. */
export async function findDevSignInUser(db: Db, rawEmail: unknown): Promise<DevSignInUser | null> {
  const email = normaliseEmail(rawEmail);
  if (!email) return null;
  return db.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: devSignInUserSelect,
  });
}
