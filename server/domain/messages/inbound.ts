// Twilio's inbound SMS webhook: a guest replied to one of our SMS. The request's signature
// (X-Twilio-Signature: an HMAC of the URL Twilio called and its form parameters, keyed by the
// account's auth token) is checked with the package's validateRequest before anything is read
// or written. STOP and its synonyms opt the number out of SMS from every curator who texted
// it; START and its synonyms opt it back in (Twilio applies the same words on its side).
// Anything else is not ours to answer. Repeating a delivery changes nothing twice.
import twilio from "twilio";
import type { Db } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { optInByReply, optOutByReply } from "./opt-out";

/** Twilio's default opt-out and opt-in keywords (the whole reply, any case). */
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES"]);

/** An empty TwiML answer: we send no reply (Twilio sends its own confirmation of STOP). */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export type InboundOutcome = { action: "OPTED_OUT"; curators: number } | { action: "OPTED_IN" } | { action: "IGNORED" };

export async function receiveInboundSms(
  db: Db,
  { url, params, signature }: { url: string; params: Record<string, string>; signature: string | null },
  authToken: string | undefined = env().TWILIO_AUTH_TOKEN,
): Promise<InboundOutcome> {
  if (!authToken) throw new AppError("FORBIDDEN", "SMS are not configured here: no TWILIO_AUTH_TOKEN to check the signature with");
  if (!signature || !twilio.validateRequest(authToken, signature, url, params)) {
    throw new AppError("FORBIDDEN", "X-Twilio-Signature does not match this request");
  }
  const phone = params.From?.trim();
  const word = params.Body?.trim().toUpperCase() ?? "";
  if (!phone) return { action: "IGNORED" };
  if (STOP_WORDS.has(word)) return { action: "OPTED_OUT", ...(await optOutByReply(db, { phone })) };
  if (START_WORDS.has(word)) {
    await optInByReply(db, { phone });
    return { action: "OPTED_IN" };
  }
  return { action: "IGNORED" };
}
