// Sending a message to an event's guests: the message, one delivery per guest of the audience
// (QUEUED, or SKIPPED with why), the SMS counted against the event's limit, and one outbox
// row per queued delivery, all in one transaction: the deliver job sends them afterwards.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { DeliveryState, MessageChannel } from "../../generated/prisma/enums";
import { addManyToOutbox } from "../outbox/service";
import { audienceOf } from "./audience";
import { findMessagingEvent } from "./event";
import { ZMessageBody, type MessageSent, type SkipReason, type TMessageBody } from "./schema";
import { smsConfigured } from "./sms";
import { takeSms } from "./sms-limit";

/** A big event's guest list is written in one transaction: more than the default 5 s may be needed. */
const SEND_TIMEOUT_MS = 60_000;

export async function sendMessage(db: Db, actor: Actor, eventId: string, input: TMessageBody): Promise<MessageSent> {
  const message = ZMessageBody.parse(input);
  const event = await findMessagingEvent(db, actor, eventId);
  if (message.channel === MessageChannel.SMS && !smsConfigured()) {
    throw new AppError("UNPROCESSABLE", "SMS are not configured on this server (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)");
  }
  return db.$transaction(
    async (tx) => {
      const members = await audienceOf(tx, event, message.channel, message.audience);
      if (members.length === 0) {
        throw new AppError("UNPROCESSABLE", "No guest of this event matches the audience", {
          errors: [{ path: "audience", message: "matches no guest of this event" }],
        });
      }
      const candidates = members.filter((m) => m.skip === null).map((m) => m.guestId);
      const allowed =
        message.channel === MessageChannel.SMS
          ? await takeSms(tx, { eventId: event.id, guestIds: candidates, limit: event.smsMaxLimit })
          : new Set(candidates);
      const deliveries = members.map((m) => {
        const skip: SkipReason | null = m.skip ?? (allowed.has(m.guestId) ? null : "SMS_LIMIT");
        return { id: randomUUID(), guestId: m.guestId, address: m.address, skip };
      });
      const queued = deliveries.filter((d) => d.skip === null);
      const created = await tx.eventMessage.create({
        data: {
          eventId: event.id,
          authorId: actor.userId,
          channel: message.channel,
          subject: message.subject ?? null,
          body: message.body,
          audience: message.audience,
          recipients: queued.length,
        },
        select: { id: true },
      });
      await tx.messageDelivery.createMany({
        data: deliveries.map((d) => ({
          id: d.id,
          messageId: created.id,
          eventId: event.id,
          guestId: d.guestId,
          channel: message.channel,
          address: d.address,
          state: d.skip ? DeliveryState.SKIPPED : DeliveryState.QUEUED,
          reason: d.skip,
        })),
      });
      await addManyToOutbox(
        tx,
        queued.map((d) => ({ name: "message.delivery.queued" as const, payload: { deliveryId: d.id } })),
      );
      return {
        message: {
          id: created.id,
          recipients: queued.length,
          skipped: deliveries.flatMap((d) => (d.skip ? [{ guestId: d.guestId, reason: d.skip }] : [])),
        },
      };
    },
    { timeout: SEND_TIMEOUT_MS },
  );
}
