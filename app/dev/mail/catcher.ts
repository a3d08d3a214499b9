import "server-only";
import { notFound } from "next/navigation";
import { mailCatcherDir } from "@/server/domain/mail/catcher";
import { isMailCatcherPageOn } from "@/server/env";

/** The catcher's folder; a 404 where the page is off (production without MAIL_CATCHER_DIR). */
export function catcherDirOr404(): string {
  if (!isMailCatcherPageOn()) notFound();
  return mailCatcherDir();
}
