"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/server/auth";
import { DEV_SIGN_IN_PROVIDER_ID } from "@/server/auth/config";
import { isDevSignInAllowed } from "@/server/env";

/** Only same-site paths: a crafted link must not bounce a fresh session to another site. */
function safeRedirect(raw: FormDataEntryValue | null): string {
  return typeof raw === "string" && raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\")
    ? raw
    : "/";
}

export async function devSignIn(formData: FormData) {
  const email = formData.get("email");
  const redirectTo = safeRedirect(formData.get("redirectTo"));
  if (!isDevSignInAllowed()) redirect("/sign-in?error=DevSignInDisabled");
  try {
    await signIn(DEV_SIGN_IN_PROVIDER_ID, { email: typeof email === "string" ? email : "", redirectTo });
  } catch (error) {
    // Success ends in a redirect (thrown as NEXT_REDIRECT): only Auth.js's own errors land here.
    if (error instanceof AuthError) {
      const params = new URLSearchParams({ error: error.type });
      if (typeof email === "string") params.set("email", email.slice(0, 320));
      if (redirectTo !== "/") params.set("callbackUrl", redirectTo);
      redirect(`/sign-in?${params}`);
    }
    throw error;
  }
}
