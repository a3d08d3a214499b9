// Where mail goes: Nodemailer over SMTP to SMTP_URL, or, with no SMTP_URL outside production,
// to the process's embedded catcher. The sender is MAIL_FROM (default: no-reply at APP_URL's host).
import nodemailer, { type Transporter } from "nodemailer";
import { env, usesMailCatcher, type Env } from "../../env";
import { embeddedMailCatcher } from "./catcher";

export function mailFrom(e: Pick<Env, "MAIL_FROM" | "APP_URL"> = env()): string {
  return e.MAIL_FROM ?? `Marquee <no-reply@${new URL(e.APP_URL).hostname}>`;
}

/**
 * The Message-ID of a queued mail: made from its id, so every send of one mail (a resend after
 * a crash between the SMTP answer and the SENT mark) carries the same one.
 */
export function messageIdFor(mailId: string, from: string = mailFrom()): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "marquee.localhost";
  return `<${mailId}@${domain}>`;
}

/** A transport per URL, kept for the process (it pools nothing; reuse saves the set-up). */
const transports = new Map<string, Transporter>();

export function transportTo(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** The app's transport: SMTP_URL, or the embedded catcher (started if it is not yet). */
export async function mailTransport(e: Env = env()): Promise<Transporter> {
  if (e.SMTP_URL) return transportTo(e.SMTP_URL);
  if (!usesMailCatcher(e)) throw new Error("SMTP_URL is not set: no mail can be sent");
  return transportTo((await embeddedMailCatcher()).url);
}
