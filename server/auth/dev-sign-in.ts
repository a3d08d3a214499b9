// One-click dev sign-in: who can be picked on /sign-in, and who an email signs in as.
// Both refuse to help unless dev sign-in is allowed (see isDevSignInAllowed in server/env).
import type { Db } from "../db/client";
import type { Role } from "../generated/prisma/enums";

export type DevSignInUser = { id: string; email: string; name: string; role: Role };

const devSignInUserSelect = { id: true, email: true, name: true, role: true } as const;

/** The demo users offered as buttons: one per role first (CURATOR, PROMOTER, STAFF, ADMIN). */
export async function listDevSignInUsers(db: Db, limit = 8): Promise<DevSignInUser[]> {
  return db.user.findMany({
    select: devSignInUserSelect,
    // Postgres sorts an enum by its declaration order, which is the order we want here.
    orderBy: [{ role: "asc" }, { createdAt: "asc" }, { email: "asc" }],
    take: limit,
  });
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
