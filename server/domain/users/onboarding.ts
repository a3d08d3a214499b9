// The first sign-in's one question: what the person does here. Organisers become curators
// with a merchant in the currency they pick; promoters promote. Asked once: afterwards the
// role changes only through an admin (or an invitation).
import { z } from "zod";
import type { Db } from "../../db/client";
import { AppError, invalidInput } from "../../errors";
import { Role } from "../../generated/prisma/enums";

/** The currencies offered on the welcome page, the default first. */
export const MERCHANT_CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK", "CAD", "AUD"] as const;

export const ZOnboardingInput = z.object({
  name: z.string().trim().min(1, "Tell us your name").max(100, "Keep your name under 100 characters"),
  // Left out (or empty) by someone who arrived through an invitation: it decides their role.
  role: z.preprocess((v) => (v === "" ? undefined : v), z.enum([Role.CURATOR, Role.PROMOTER]).optional()),
  currency: z.preprocess((v) => (v === "" ? undefined : v), z.enum(MERCHANT_CURRENCIES).default("EUR")),
});
export type TOnboardingInput = z.input<typeof ZOnboardingInput>;

/** Whether this user still has to answer the welcome question. */
export async function needsOnboarding(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { onboardedAt: true } });
  return user !== null && user.onboardedAt === null;
}

/** Answers the welcome question (input straight from the form: it is validated here). */
export async function completeOnboarding(db: Db, userId: string, raw: TOnboardingInput | Record<string, unknown>) {
  const parsed = ZOnboardingInput.safeParse(raw);
  if (!parsed.success) {
    throw invalidInput(
      "input",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const { name, role, currency } = parsed.data;
  return db.$transaction(async (tx) => {
    // Claims the one onboarding: a second submit (another tab, a replay) changes nothing.
    const claimed = await tx.user.updateMany({
      where: { id: userId, onboardedAt: null },
      data: { name, onboardedAt: new Date(), ...(role ? { role } : {}) },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", "This account is already set up");
    if (role === Role.CURATOR) {
      await tx.merchant.upsert({
        where: { ownerId: userId },
        create: { ownerId: userId, name, currency },
        update: {},
      });
    }
    return tx.user.findUniqueOrThrow({ where: { id: userId }, include: { merchant: true } });
  });
}

/**
 * The hook for invitations: pages that give their visitor a role themselves (the invitation's
 * accept page). A new account headed there is asked only for a name, not what it does.
 */
export const ROLE_GIVING_PATHS: readonly string[] = ["/invitations/"];

export function skipsRoleChoice(next: string): boolean {
  return ROLE_GIVING_PATHS.some((prefix) => next.startsWith(prefix));
}

/** Where a newly set-up account goes when it was headed nowhere in particular. */
export function homeOf(role: Role): string {
  return role === Role.CURATOR ? "/events" : role === Role.PROMOTER ? "/feed" : "/";
}
