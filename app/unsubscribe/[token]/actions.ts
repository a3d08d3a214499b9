"use server";

import { redirect } from "next/navigation";
import { db } from "@/server/db";
import { unsubscribe } from "@/server/domain/messages/opt-out";

/** The page's button: records the opt-out (the token is the only credential), then shows it done. */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  await unsubscribe(db, token);
  redirect(`/unsubscribe/${encodeURIComponent(token)}`);
}
