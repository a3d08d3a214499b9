// Guests who asked a curator for no more messages of one kind: a STOP replied to an SMS
// (Twilio's inbound webhook, inbound.ts), or a mail's unsubscribe link. An opt-out is kept by
// address (lower-cased email, E.164 phone) and curator: it holds for every event of that
// curator, and whichever guest book entry carries the address. Sending checks it twice: when
// the audience is counted (OPTED_OUT) and again right before each delivery goes out.
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "../../auth/secret";
import type { Db, Tx } from "../../db/client";
import { curatorsWhoTexted } from "../../db/sql/messages";
import { query } from "../../db/sql/statement";
import { env } from "../../env";
import { MessageChannel, OptOutSource } from "../../generated/prisma/enums";

/** The address an opt-out of `channel` is kept under, or null when the guest has none. */
function optOutAddress({ channel, email, phone }: { channel: MessageChannel; email?: string | null; phone?: string | null }): string | null {
  const address = channel === MessageChannel.EMAIL ? email?.trim().toLowerCase() : phone?.trim();
  return address || null;
}

/** Whether the guest with this email or phone opted out of `curatorId`'s messages of `channel`. */
export async function isOptedOut(
  db: Db | Tx,
  { curatorId, email, phone, channel }: { curatorId: string; email?: string | null; phone?: string | null; channel: MessageChannel },
): Promise<boolean> {
  const address = optOutAddress({ channel, email, phone });
  if (!address) return false;
  const found = await db.messageOptOut.findUnique({ where: { curatorId_channel_address: { curatorId, channel, address } }, select: { id: true } });
  return found !== null;
}

/** Of these email addresses, the ones (lower-cased) that opted out of `curatorId`'s mails: one query for a whole audience. */
export async function emailsOptedOut(db: Db | Tx, { curatorId, emails }: { curatorId: string; emails: readonly string[] }): Promise<Set<string>> {
  const addresses = emails.map((email) => optOutAddress({ channel: MessageChannel.EMAIL, email })).filter((a): a is string => a !== null);
  if (addresses.length === 0) return new Set();
  const found = await db.messageOptOut.findMany({
    where: { curatorId, channel: MessageChannel.EMAIL, address: { in: addresses } },
    select: { address: true },
  });
  return new Set(found.map((row) => row.address));
}

/** Records an opt-out; recording it again changes nothing. */
export async function recordOptOut(
  db: Db | Tx,
  { curatorIds, channel, address, source }: { curatorIds: string[]; channel: MessageChannel; address: string; source: OptOutSource },
): Promise<void> {
  await db.messageOptOut.createMany({ data: curatorIds.map((curatorId) => ({ curatorId, channel, address, source })), skipDuplicates: true });
}

/** A STOP (or STOPALL, UNSUBSCRIBE, ...) from `phone`: no more SMS from any curator who texted it. */
export async function optOutByReply(db: Db, { phone }: { phone: string }): Promise<{ curators: number }> {
  const curatorIds = (await query(db, curatorsWhoTexted({ phone }))).map((row) => row.curatorId);
  await recordOptOut(db, { curatorIds, channel: MessageChannel.SMS, address: phone, source: OptOutSource.STOP });
  return { curators: curatorIds.length };
}

/** A START (or UNSTOP, YES) from `phone`: Twilio lets them through again, so do we. */
export async function optInByReply(db: Db, { phone }: { phone: string }): Promise<void> {
  await db.messageOptOut.deleteMany({ where: { channel: MessageChannel.SMS, address: phone, source: OptOutSource.STOP } });
}

// The unsubscribe link of a mail names its delivery, signed with an HMAC of AUTH_SECRET: it
// works for no other delivery, and needs no row of its own. It never expires (a mail read a
// year later must still unsubscribe its reader).
function signature(deliveryId: string): string {
  return createHmac("sha256", authSecret() ?? "")
    .update(`unsubscribe:${deliveryId}`)
    .digest("base64url");
}

export function unsubscribeToken(deliveryId: string): string {
  return `${deliveryId}.${signature(deliveryId)}`;
}

/** The delivery a token names, or null for a forged or mangled one. */
export function readUnsubscribeToken(token: string): string | null {
  const [deliveryId, given] = token.split(".");
  if (!deliveryId || !given || !/^[0-9a-f-]{36}$/.test(deliveryId)) return null;
  const expected = Buffer.from(signature(deliveryId));
  const presented = Buffer.from(given);
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? deliveryId : null;
}

/** The page a mail's unsubscribe link opens (a button there unsubscribes). */
export function unsubscribeUrl(deliveryId: string): string {
  return new URL(`/unsubscribe/${unsubscribeToken(deliveryId)}`, env().APP_URL).toString();
}

/** Where a mail client's one-click unsubscribe (RFC 8058) posts. */
export function oneClickUnsubscribeUrl(deliveryId: string): string {
  return new URL(`/unsubscribe/${unsubscribeToken(deliveryId)}/one-click`, env().APP_URL).toString();
}

export type UnsubscribeView = { state: "FORGED" } | { state: "OPEN" | "UNSUBSCRIBED"; curatorName: string; email: string };

/** What the unsubscribe page shows for a token: whose mails, to which address, and whether they already stopped. */
export async function unsubscribeView(db: Db, token: string): Promise<UnsubscribeView> {
  const delivery = await deliveryOfToken(db, token);
  if (!delivery) return { state: "FORGED" };
  const optedOut = await isOptedOut(db, { curatorId: delivery.curatorId, email: delivery.email, channel: MessageChannel.EMAIL });
  return { state: optedOut ? "UNSUBSCRIBED" : "OPEN", curatorName: delivery.curatorName, email: delivery.email };
}

/** Follows an unsubscribe link: no more mails from that curator to that address. Repeating it changes nothing. */
export async function unsubscribe(db: Db, token: string): Promise<UnsubscribeView> {
  const delivery = await deliveryOfToken(db, token);
  if (!delivery) return { state: "FORGED" };
  await recordOptOut(db, {
    curatorIds: [delivery.curatorId],
    channel: MessageChannel.EMAIL,
    address: delivery.email,
    source: OptOutSource.UNSUBSCRIBE,
  });
  return { state: "UNSUBSCRIBED", curatorName: delivery.curatorName, email: delivery.email };
}

async function deliveryOfToken(db: Db, token: string) {
  const deliveryId = readUnsubscribeToken(token);
  if (!deliveryId) return null;
  const delivery = await db.messageDelivery.findUnique({
    where: { id: deliveryId },
    select: { channel: true, address: true, message: { select: { event: { select: { curatorId: true, curator: { select: { name: true } } } } } } },
  });
  if (!delivery || delivery.channel !== MessageChannel.EMAIL || !delivery.address) return null;
  const { event } = delivery.message;
  return { curatorId: event.curatorId, curatorName: event.curator.name, email: delivery.address };
}
