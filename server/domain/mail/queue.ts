// Queuing a mail: called inside the transaction of the change that causes it, it writes the
// MailMessage row and the outbox message `mail.queued` that makes the mail-send job send it.
// Both commit with the change or not at all, so a crash never loses a mail nor sends one for a
// change that rolled back.
import type { Tx } from "../../db/client";
import { queueMailMessages } from "../../db/sql/mail";
import { query, type SqlTx } from "../../db/sql/statement";
import { addToOutbox } from "../outbox/service";
import type { MailTemplateName, MailTemplateProps } from "./templates";

export type QueuedMail = {
  [N in MailTemplateName]: {
    to: string;
    template: N;
    /** The template's props: JSON-safe (they are stored, and rendered when the mail is sent). */
    props: MailTemplateProps<N>;
    /** A repeated key queues nothing more (e.g. `ticket:<guestToEventId>`). */
    dedupeKey?: string;
  };
}[MailTemplateName];

/** Queues a mail; with a `dedupeKey` already queued, answers that mail's id and adds nothing. */
export async function queueMail(tx: Tx, mail: QueuedMail): Promise<{ id: string }> {
  // One statement: a concurrent transaction with the same key waits for this one, then adds nothing.
  const [inserted] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "MailMessage" (id, "to", template, props, dedupe_key)
    VALUES (gen_random_uuid(), ${mail.to}, ${mail.template}, ${JSON.stringify(mail.props)}::jsonb, ${mail.dedupeKey ?? null})
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`;
  if (!inserted) {
    const existing = await tx.mailMessage.findUniqueOrThrow({ where: { dedupeKey: mail.dedupeKey! }, select: { id: true } });
    return existing;
  }
  await addToOutbox(tx, "mail.queued", { mailId: inserted.id });
  return inserted;
}

/**
 * Queues several mails, with their outbox messages, in one statement (a sweep's or a notice's
 * mails to every guest of an event); each `dedupeKey` already queued adds nothing. Answers how
 * many were added.
 */
export async function queueMails(tx: SqlTx, mails: ReadonlyArray<QueuedMail & { dedupeKey: string }>): Promise<number> {
  if (mails.length === 0) return 0;
  return (await query(tx, queueMailMessages({ mails }))).length;
}
