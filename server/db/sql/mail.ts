// The mail queue's set-based writes (server/domain/mail/queue.ts queueMails, and issuing an
// order's tickets: server/db/sql/orders.ts issueOrderTickets).
import { Prisma } from "../../generated/prisma/client";
import { statement } from "./statement";

/**
 * Several mails in one INSERT; a mail whose dedupe key is already queued adds nothing (a
 * concurrent transaction with the same key waits for the first, then adds nothing). Answers
 * the ids of the mails it added.
 */
export function insertMailMessages({ mails }: { mails: ReadonlyArray<{ to: string; template: string; props: unknown; dedupeKey: string | null }> }) {
  return statement<{ id: string }>(Prisma.sql`
    INSERT INTO "MailMessage" (id, "to", template, props, dedupe_key)
    SELECT gen_random_uuid(), m."to", m.template, m.props, m."dedupeKey"
      FROM jsonb_to_recordset(${JSON.stringify(mails)}::jsonb) AS m("to" text, template text, props jsonb, "dedupeKey" text)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
}

/**
 * The outbox message `mail.queued` ({ mailId }) of each mail that the statement's CTE `mailed`
 * (insertMailMessages) added: what makes the mail-send job send it. Every statement that
 * queues mails takes it as a CTE beside `mailed`, so no mail is written without its message.
 */
export const MAIL_QUEUED_FROM_MAILED = Prisma.sql`
  INSERT INTO "OutboxMessage" (id, name, payload)
  SELECT gen_random_uuid(), 'mail.queued', jsonb_build_object('mailId', id) FROM mailed`;

/** insertMailMessages and each added mail's `mail.queued` in ONE statement; answers the ids of the mails added. */
export function queueMailMessages({ mails }: Parameters<typeof insertMailMessages>[0]) {
  return statement<{ id: string }>(Prisma.sql`
    WITH mailed AS (${insertMailMessages({ mails })}),
    queued AS (${MAIL_QUEUED_FROM_MAILED})
    SELECT id FROM mailed`);
}
