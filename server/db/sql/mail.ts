// The mail queue's set-based write (server/domain/mail/queue.ts queueMails).
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
