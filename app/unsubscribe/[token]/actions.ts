"use server";

import { redirect } from "next/navigation";
import { db } from "@/server/db";
import { unsubscribe } from "@/server/domain/messages/opt-out";

/** The page's button: records the opt-out (the token is the only credential), then shows it done. */
export async function unsubscribeAction(formData: FormData): Promise<void> {
  const field = formData.get("token");
  const token = typeof field === "string" ? field : "";
  await unsubscribe(db, token);
  redirect(`/unsubscribe/${encodeURIComponent(token)}`);
}
