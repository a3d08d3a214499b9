// What sending a message now would do, before it is sent: how many guests get it, and how
// many are left out and why. The SMS limit is read, not taken (sending takes it).
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { MessageChannel } from "../../generated/prisma/enums";
import { audienceOf } from "./audience";
import { findMessagingEvent } from "./event";
import { SKIP_REASONS, ZMessageBody, type MessagePreview, type SkipReason, type TMessageBody } from "./schema";

export async function previewMessage(db: Db, actor: Actor, eventId: string, input: TMessageBody): Promise<MessagePreview> {
  const message = ZMessageBody.parse(input);
  const event = await findMessagingEvent(db, actor, eventId);
  const members = await audienceOf(db, event, message.channel, message.audience);
  const skipped = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
  let recipients = 0;
  for (const member of members) {
    const reason = member.skip ?? (message.channel === MessageChannel.SMS && member.smsSent >= event.smsMaxLimit ? "SMS_LIMIT" : null);
    if (reason) skipped[reason] += 1;
    else recipients += 1;
  }
  return { recipients, skipped };
}
