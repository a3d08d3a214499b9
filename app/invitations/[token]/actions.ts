"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { signOut } from "@/server/auth";
import { api } from "@/server/trpc/server";

function tokenOf(formData: FormData): string {
  const token = formData.get("token");
  return typeof token === "string" ? token : "";
}

/** Accepts the link's invitation, then goes to the event's door or to the feed. */
export async function acceptInvitationAction(formData: FormData) {
  const token = tokenOf(formData);
  let next: string;
  try {
    next = (await api.invitations.accept({ token })).next;
  } catch (error) {
    // The page says why the link does nothing now (used meanwhile, revoked, expired).
    if (error instanceof TRPCError) redirect(`/invitations/${encodeURIComponent(token)}?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(next);
}

/** Signed in with another address: sign out, then sign in again and come back to the link. */
export async function switchAccountAction(formData: FormData) {
  const token = tokenOf(formData);
  await signOut({ redirectTo: `/sign-in?callbackUrl=${encodeURIComponent(`/invitations/${encodeURIComponent(token)}`)}` });
}
