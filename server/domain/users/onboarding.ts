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
  // Left out by someone who arrived through an invitation: the invitation decides their role.
  role: z.enum([Role.CURATOR, Role.PROMOTER]).optional(),
  currency: z.enum(MERCHANT_CURRENCIES).default("EUR"),
});
export type TOnboardingInput = z.input<typeof ZOnboardingInput>;

/** Whether this user still has to answer the welcome question. */
export async function needsOnboarding(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { onboardedAt: true } });
  return user !== null && user.onboardedAt === null;
}

export async function completeOnboarding(db: Db, userId: string, raw: TOnboardingInput) {
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
