// The mails the app sent during the e2e run: scripts/e2e.ts runs the mail catcher and hands its
// folder to the app and to Playwright as MAIL_CATCHER_DIR; these read that folder (parsed by
// mailparser, as /dev/mail shows it).
import { mailsTo as mailsIn, waitForMail as waitIn } from "../server/testing/mail";
import type { CaughtMail } from "../server/domain/mail/catcher";

function catcherDir(): string {
  const dir = process.env.MAIL_CATCHER_DIR;
  if (!dir) throw new Error("MAIL_CATCHER_DIR is not set: run the specs with npm run test:e2e");
  return dir;
}

/** The mails caught for `address`, oldest first. */
export function mailsTo(address: string): Promise<CaughtMail[]> {
  return mailsIn(address, catcherDir());
}

/** The first mail to `address` that `predicate` accepts, waiting for it to arrive. */
export function waitForMail(address: string, predicate?: (mail: CaughtMail) => boolean, timeoutMs = 20_000): Promise<CaughtMail> {
  return waitIn(address, predicate, { timeoutMs, dir: catcherDir() });
}
