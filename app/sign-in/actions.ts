"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/server/auth";
import { DEV_SIGN_IN_PROVIDER_ID, EMAIL_LINK_PROVIDER_ID, SignInLinkRateLimited } from "@/server/auth/config";
import { safeRedirect } from "@/server/auth/redirect";
import { isDevSignInAllowed } from "@/server/env";

/** Where the page goes back to with an error, keeping what was typed and where to go after. */
function backToSignIn(error: string, email: unknown, redirectTo: string): never {
  const params = new URLSearchParams({ error });
  if (typeof email === "string") params.set("email", email.slice(0, 320));
  if (redirectTo !== "/") params.set("callbackUrl", redirectTo);
  redirect(`/sign-in?${params}`);
}

/**
 * "Send me a link": the same answer for every valid address, known or not (the account is
 * made when the link is used); only a malformed address or too many links are told apart.
 */
export async function askForSignInLink(formData: FormData) {
  const raw = formData.get("email");
  const redirectTo = safeRedirect(formData.get("redirectTo"));
  const email = z.email().safeParse(typeof raw === "string" ? raw.trim().toLowerCase() : "");
  if (!email.success) backToSignIn("InvalidEmail", raw, redirectTo);
  try {
    await signIn(EMAIL_LINK_PROVIDER_ID, { email: email.data, redirectTo, redirect: false });
  } catch (error) {
    if (error instanceof SignInLinkRateLimited) backToSignIn("TooManyLinks", email.data, redirectTo);
    throw error;
  }
  redirect(`/sign-in/check-email?${new URLSearchParams({ email: email.data })}`);
}

/** Google or GitHub: off to the provider, back through /api/auth/callback/<id>. */
export async function oauthSignIn(formData: FormData) {
  const provider = formData.get("provider");
  if (provider !== "google" && provider !== "github") redirect("/sign-in");
  await signIn(provider, { redirectTo: safeRedirect(formData.get("redirectTo")) });
}

export async function devSignIn(formData: FormData) {
  const email = formData.get("email");
  const redirectTo = safeRedirect(formData.get("redirectTo"));
  if (!isDevSignInAllowed()) redirect("/sign-in?error=DevSignInDisabled");
  try {
    await signIn(DEV_SIGN_IN_PROVIDER_ID, { email: typeof email === "string" ? email : "", redirectTo });
  } catch (error) {
    // Success ends in a redirect (thrown as NEXT_REDIRECT): only Auth.js's own errors land here.
    if (error instanceof AuthError) backToSignIn(error.type, email, redirectTo);
    throw error;
  }
}
