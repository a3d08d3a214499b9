import type { Db } from "../../db/client";
import { Role } from "../../generated/prisma/enums";

/** A curator sells through a merchant of their own; creating one creates the other. */
export async function findOrCreateCurator(db: Db, email: string) {
  const normalized = email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email: normalized } });
  if (existing) return { user: existing, created: false };
  const name = normalized.split("@")[0] ?? normalized;
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
