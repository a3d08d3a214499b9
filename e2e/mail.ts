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

/** The link of the (first) sign-in mail to `email`, and that mail's id (for /dev/mail/<id>). */
export async function signInLinkMailedTo(email: string): Promise<{ link: string; mailId: string }> {
  const mail = await waitForMail(email, (m) => m.subject === "Your Marquee sign-in link");
  const link = /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\?\S+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`The sign-in mail to ${email} carries no link:\n${mail.text}`);
  return { link, mailId: mail.id };
}

/** The /invitations/<token> path of the (first) invitation mail to `email` about the event `title`, and that mail's id. */
export async function invitationLinkMailedTo(email: string, title: string): Promise<{ path: string; mailId: string }> {
  const mail = await waitForMail(email, (m) => m.subject.includes(title));
  const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`The invitation mail to ${email} carries no link:\n${mail.text}`);
  return { path: new URL(link).pathname, mailId: mail.id };
}
