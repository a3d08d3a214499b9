import type { Db } from "../../db/client";
import { Role } from "../../generated/prisma/enums";

/** How every email is stored and looked up: trimmed, lower case. */
export function canonicalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A name to show until the person sets one: the address's local part ("sam.lee@x" -> "sam.lee"). */
export function nameFromEmail(email: string): string {
  return canonicalEmail(email).split("@")[0] || email;
}

/** A curator sells through a merchant of their own; creating one creates the other. */
export async function findOrCreateCurator(db: Db, email: string) {
  const normalized = canonicalEmail(email);
  const existing = await db.user.findUnique({ where: { email: normalized } });
  if (existing) return { user: existing, created: false };
  const name = nameFromEmail(normalized);
  const user = await db.user.create({
    data: {
      email: normalized,
      name,
      role: Role.CURATOR,
      merchant: { create: { name } },
    },
  });
  return { user, created: true };
}

/**
 * Makes the user with this email an admin, creating the account if needed (already set up,
 * so the welcome page does not ask them to pick another role). The role applies at the next
 * request: sessions re-read the user.
 */
export async function makeAdmin(db: Db, email: string) {
  const normalized = canonicalEmail(email);
  const existing = await db.user.findUnique({ where: { email: normalized }, select: { role: true } });
  const user = await db.user.upsert({
    where: { email: normalized },
    create: { email: normalized, name: nameFromEmail(normalized), role: Role.ADMIN, onboardedAt: new Date() },
    update: { role: Role.ADMIN },
  });
  return { user, previousRole: existing?.role ?? null };
}
