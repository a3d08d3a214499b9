// Sending one delivery of a message (the message-deliver job's work): a mail through the mail
// stack (the guest-message template, Nodemailer) or an SMS through sms.ts. Idempotent: only a
// QUEUED delivery is sent, and it is marked SENT (or FAILED) by a statement guarded on QUEUED,
// so a retry or a second run of the same job never sends a SENT delivery again. Like mail, it
// is at least once: a crash between the provider's answer and the mark sends it again.
import type { Transporter } from "nodemailer";
import type { Db } from "../../db/client";
import { giveBackSms } from "../../db/sql/messages";
import { execute } from "../../db/sql/statement";
import { DeliveryState, MessageChannel } from "../../generated/prisma/enums";
import { renderMail } from "../mail/render";
import { sendRenderedMail } from "../mail/send";
import { isOptedOut, oneClickUnsubscribeUrl, unsubscribeUrl } from "./opt-out";
import { SMS_STOP_HINT } from "./schema";
import { smsSender, type SmsSender } from "./sms";

const MAX_REASON_LENGTH = 500;

export type DeliveryOutcome =
  | { status: "sent"; providerId: string }
  | { status: "failed"; reason: string }
  | { status: "skipped"; reason: "unknown" | "not-queued" | "opted-out" };

export interface Providers {
  mail?: Transporter;
  sms?: SmsSender | null;
}

export async function deliver(db: Db, { deliveryId }: { deliveryId: string }, providers: Providers = {}): Promise<DeliveryOutcome> {
  const delivery = await db.messageDelivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      eventId: true,
      guestId: true,
      channel: true,
      address: true,
      state: true,
      message: { select: { subject: true, body: true, event: { select: { title: true, curatorId: true, curator: { select: { name: true } } } } } },
    },
  });
  if (!delivery) return { status: "skipped", reason: "unknown" };
  if (delivery.state !== DeliveryState.QUEUED || !delivery.address) return { status: "skipped", reason: "not-queued" };
  const { message } = delivery;
  const { event } = message;
  const sms = delivery.channel === MessageChannel.SMS;

  // A guest who opted out after the message was queued gets nothing more either.
  const optedOut = await isOptedOut(db, { curatorId: event.curatorId, channel: delivery.channel, email: delivery.address, phone: delivery.address });
  if (optedOut) {
    await settle(db, delivery, { state: DeliveryState.SKIPPED, reason: "OPTED_OUT" });
    return { status: "skipped", reason: "opted-out" };
  }

  await db.messageDelivery.update({ where: { id: delivery.id }, data: { attempts: { increment: 1 } } });
  if (!sms) {
    const rendered = await renderMail("guest-message", {
      subject: message.subject ?? event.title,
      body: message.body,
      curatorName: event.curator.name,
      eventTitle: event.title,
      unsubscribeUrl: unsubscribeUrl(delivery.id),
      oneClickUnsubscribeUrl: oneClickUnsubscribeUrl(delivery.id),
    });
    // Throws when the SMTP server refuses or cannot be reached: the job retries.
    const providerId = await sendRenderedMail({ id: delivery.id, to: delivery.address, rendered }, providers.mail);
    await settle(db, delivery, { state: DeliveryState.SENT, providerId });
    return { status: "sent", providerId };
  }

  const sender = providers.sms === undefined ? smsSender() : providers.sms;
  if (!sender) throw new Error("SMS cannot be sent: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are not set");
  const outcome = await sender.send({ to: delivery.address, body: `${message.body}${SMS_STOP_HINT}` });
  if (outcome.status === "sent") {
    await settle(db, delivery, { state: DeliveryState.SENT, providerId: outcome.providerId });
    return outcome;
  }
  const reason = outcome.reason.slice(0, MAX_REASON_LENGTH);
  await settle(db, delivery, { state: DeliveryState.FAILED, reason });
  return { status: "failed", reason };
}

type Settled =
  { state: typeof DeliveryState.SENT; providerId: string } | { state: typeof DeliveryState.FAILED | typeof DeliveryState.SKIPPED; reason: string };

/** Marks a QUEUED delivery; an SMS that never went out no longer counts against the event's limit. */
async function settle(db: Db, delivery: { id: string; eventId: string; guestId: string; channel: MessageChannel }, settled: Settled): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.messageDelivery.updateMany({
      where: { id: delivery.id, state: DeliveryState.QUEUED },
      data: settled.state === DeliveryState.SENT ? { state: settled.state, providerId: settled.providerId, sentAt: new Date() } : settled,
    });
    if (count === 1 && settled.state !== DeliveryState.SENT && delivery.channel === MessageChannel.SMS) {
      await execute(tx, giveBackSms({ eventId: delivery.eventId, guestId: delivery.guestId }));
    }
  });
}

/** Once the job's tries are used up (the SMTP server or Twilio kept failing): FAILED with the last error. */
export async function recordDeliveryAbandoned(db: Db, { deliveryId }: { deliveryId: string }, lastError: string): Promise<void> {
  const delivery = await db.messageDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, eventId: true, guestId: true, channel: true },
  });
  if (delivery) await settle(db, delivery, { state: DeliveryState.FAILED, reason: lastError.slice(0, MAX_REASON_LENGTH) });
}
