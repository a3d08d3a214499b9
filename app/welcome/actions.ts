"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { safeRedirect } from "@/server/auth/redirect";
import { db } from "@/server/db";
import { completeOnboarding, homeOf } from "@/server/domain/users/onboarding";
import { AppError } from "@/server/errors";

export async function completeWelcome(formData: FormData) {
  const next = safeRedirect(formData.get("next"));
  const session = await auth();
  if (!session?.user?.id) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: `/welcome?callbackUrl=${next}` })}`);
  let role;
  try {
    const { name, role: chosen, currency } = Object.fromEntries(formData);
    ({ role } = await completeOnboarding(db, session.user.id, { name, role: chosen, currency }));
  } catch (error) {
    // Set up already (another tab): carry on to where they were going.
    if (error instanceof AppError && error.code === "CONFLICT") redirect(next);
    if (error instanceof AppError && error.code === "INVALID_INPUT") {
      const message = error.details.errors?.[0]?.message ?? "Check the form and try again.";
      redirect(`/welcome?${new URLSearchParams({ error: message, callbackUrl: next })}`);
    }
    throw error;
  }
  // The header (root layout) shows the name and role: render it again, not from the router's cache.
  revalidatePath("/", "layout");
  redirect(next === "/" ? homeOf(role) : next);
}
