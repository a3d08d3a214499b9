// Messages a curator writes to an event's guests (DESIGN.md "Talking to guests"). REST and
// tRPC validate with these schemas; the OpenAPI document is generated from them.
import { z } from "zod";
import { DeliveryState, MessageChannel } from "../../generated/prisma/enums";

/** Why a guest of the audience gets no delivery. */
export const SKIP_REASONS = ["NO_EMAIL", "NO_PHONE", "OPTED_OUT", "SMS_LIMIT"] as const;
export const ZSkipReason = z.enum(SKIP_REASONS);
export type SkipReason = z.infer<typeof ZSkipReason>;

/** The most SMS one guest gets for one event when the curator set nothing else. */
export const DEFAULT_SMS_MAX_LIMIT = 3;
/** What the event editor accepts for messageInfo.smsMaxLimit. */
export const ZSmsMaxLimit = z.int({ error: "must be a whole number" }).min(0).max(50);
export const ZMessageInfo = z.object({ smsMaxLimit: ZSmsMaxLimit });

/** An event's stored messageInfo, read leniently: anything unreadable is the default. */
export function smsMaxLimitOf(messageInfo: unknown): number {
  const parsed = ZMessageInfo.safeParse(messageInfo);
  return parsed.success ? parsed.data.smsMaxLimit : DEFAULT_SMS_MAX_LIMIT;
}

/** Who of the event's guests a message goes to: checked in or not (or all), optionally only holders of some ticket types. */
export const ZAudience = z.strictObject({
  status: z.enum(["ALL", "CHECKED_IN", "NOT_CHECKED_IN"]).default("ALL"),
  /** Ticket types (ProductVariant ids) of the event; left out or empty: guests of any type, invited guests too. */
  ticketTypeIds: z.array(z.uuid()).max(50).optional(),
});
export type TAudience = z.output<typeof ZAudience>;

export const SUBJECT_MAX = 200;
export const EMAIL_BODY_MAX = 5_000;
/** Ten concatenated segments of GSM-7 text; Twilio refuses bodies past 1,600 characters. */
export const SMS_BODY_MAX = 1_530;

/** POST /product-event/:id/messages: the message. Email needs a subject; an SMS has none. */
export const ZMessageBody = z
  .strictObject({
    channel: z.enum(MessageChannel),
    subject: z.string().trim().max(SUBJECT_MAX).optional(),
    body: z.string().trim().min(1, "must not be empty"),
    audience: ZAudience.default({ status: "ALL" }),
  })
  .superRefine((message, ctx) => {
    if (message.channel === MessageChannel.EMAIL) {
      if (!message.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: "an email needs a subject" });
      if (message.body.length > EMAIL_BODY_MAX) {
        ctx.addIssue({ code: "custom", path: ["body"], message: `must be at most ${EMAIL_BODY_MAX} characters` });
      }
    } else {
      if (message.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: "an SMS has no subject" });
      if (message.body.length > SMS_BODY_MAX) ctx.addIssue({ code: "custom", path: ["body"], message: `must be at most ${SMS_BODY_MAX} characters` });
    }
  });
export type TMessageBody = z.input<typeof ZMessageBody>;

/** tRPC's messages.preview and messages.send. */
export const ZMessageInput = z.strictObject({ eventId: z.uuid(), message: ZMessageBody });
export type TMessageInput = z.input<typeof ZMessageInput>;

/** POST's 202 answer: the message, how many guests it goes to, and who is left out and why. */
export const ZMessageSent = z.object({
  message: z.object({
    id: z.uuid(),
    recipients: z.int(),
    skipped: z.array(z.object({ guestId: z.uuid(), reason: ZSkipReason })),
  }),
});
export type MessageSent = z.infer<typeof ZMessageSent>;

/** What sending now would do: recipients, and the skipped counted by reason. */
export const ZMessagePreview = z.object({
  recipients: z.int(),
  skipped: z.object(Object.fromEntries(SKIP_REASONS.map((reason) => [reason, z.int()])) as Record<SkipReason, z.ZodInt>),
});
export type MessagePreview = z.infer<typeof ZMessagePreview>;

export const ZDeliveryCounts = z.object(
  Object.fromEntries(Object.values(DeliveryState).map((state) => [state, z.int()])) as Record<DeliveryState, z.ZodInt>,
);
export type DeliveryCounts = z.infer<typeof ZDeliveryCounts>;

export const ZMessageView = z.object({
  id: z.uuid(),
  channel: z.enum(MessageChannel),
  subject: z.string().nullable(),
  body: z.string(),
  audience: ZAudience,
  recipients: z.int(),
  author: z.string(),
  createdAt: z.date(),
  deliveries: ZDeliveryCounts,
});
export type MessageView = z.infer<typeof ZMessageView>;

/** GET /product-event/:id/messages: newest first, with delivery counts. */
export const ZMessageList = z.object({ messages: z.array(ZMessageView) });

/** What an SMS guest reads after the curator's text (and counts in its length). */
export const SMS_STOP_HINT = "\nReply STOP to opt out";

/** GSM 03.38's basic set and its extension (which costs two septets): anything else makes the SMS UCS-2. */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** How an SMS text is sent: its encoding, length in that encoding's units, and the segments it costs. */
export function smsSegments(text: string): { encoding: "GSM-7" | "UCS-2"; units: number; segments: number } {
  const chars = [...text];
  const gsm = chars.every((c) => GSM_BASIC.includes(c) || GSM_EXTENDED.includes(c));
  if (gsm) {
    const units = chars.reduce((n, c) => n + (GSM_EXTENDED.includes(c) ? 2 : 1), 0);
    return { encoding: "GSM-7", units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  // UCS-2 counts UTF-16 code units: an emoji is two.
  const units = text.length;
  return { encoding: "UCS-2", units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
