// Sending one queued mail (the mail-send job's work). At least once: the row is marked SENT
// only after the SMTP server took the mail, so a crash in between sends it again, with the
// same Message-ID (messageIdFor), which is how a reader or a test recognises the resend.
import type { Transporter } from "nodemailer";
import type { Db } from "../../db/client";
import { MailStatus } from "../../generated/prisma/enums";
import { renderMail, type RenderedMail } from "./render";
import { isMailTemplateName } from "./templates";
import { mailFrom, mailTransport, messageIdFor } from "./transport";

const MAX_ERROR_LENGTH = 2_000;

export type SendOutcome =
  | { status: "sent"; attempts: number }
  | { status: "skipped"; reason: "unknown" | "already-sent" | "given-up" }
  | { status: "undeliverable"; reason: string };

/**
 * Sends the mail unless it was sent already. A failed send records its error on the row and
 * throws, so the job runner tries again with backoff.
 */
export async function sendQueuedMail(db: Db, { mailId }: { mailId: string }, transport?: Transporter): Promise<SendOutcome> {
  const mail = await db.mailMessage.findUnique({ where: { id: mailId } });
  if (!mail) return { status: "skipped", reason: "unknown" };
  if (mail.status === MailStatus.SENT) return { status: "skipped", reason: "already-sent" };
  if (mail.status === MailStatus.FAILED) return { status: "skipped", reason: "given-up" };
  if (!isMailTemplateName(mail.template)) {
    const reason = `No mail template "${mail.template}"`;
    await db.mailMessage.update({ where: { id: mail.id }, data: { status: MailStatus.FAILED, lastError: reason } });
    return { status: "undeliverable", reason };
  }
  const rendered = await renderMail(mail.template, mail.props as never);
  const { attempts } = await db.mailMessage.update({ where: { id: mail.id }, data: { attempts: { increment: 1 } } });
  try {
    await sendRenderedMail({ id: mail.id, to: mail.to, rendered }, transport);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await db.mailMessage.update({ where: { id: mail.id }, data: { lastError: text.slice(0, MAX_ERROR_LENGTH) } });
    throw error;
  }
  await db.mailMessage.update({ where: { id: mail.id }, data: { status: MailStatus.SENT, sentAt: new Date() } });
  return { status: "sent", attempts };
}

/**
 * Hands one rendered mail to the SMTP server (or the catcher). Its Message-ID is made from `id`,
 * so every send of one mail carries the same one. Answers that Message-ID.
 */
export async function sendRenderedMail(
  { id, to, rendered }: { id: string; to: string; rendered: RenderedMail },
  transport?: Transporter,
): Promise<string> {
  const from = mailFrom();
  const messageId = messageIdFor(id, from);
  await (transport ?? (await mailTransport())).sendMail({
    from,
    to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    attachments: rendered.attachments,
    headers: rendered.headers,
    messageId,
  });
  return messageId;
}

/** Once the job's tries are used up: the mail is FAILED, its last error kept. */
export async function recordMailAbandoned(db: Db, { mailId }: { mailId: string }, lastError: string): Promise<void> {
  await db.mailMessage.updateMany({
    where: { id: mailId, status: MailStatus.QUEUED },
    data: { status: MailStatus.FAILED, lastError: lastError.slice(0, MAX_ERROR_LENGTH) },
  });
}
