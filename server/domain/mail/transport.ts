// Where mail goes: Nodemailer over SMTP to SMTP_URL, or, with no SMTP_URL outside production,
// to the process's embedded catcher. The sender is MAIL_FROM (default: no-reply at APP_URL's host).
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool/index.js";
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

/** How long opening a connection to the SMTP server may take (nodemailer's own default). */
const CONNECT_TIMEOUT_MS = 120_000;

/**
 * Opens the pool's connections to the SMTP server with Nagle's algorithm off. Nodemailer sends a
 * mail's body and the "." that ends it as two writes, and leaves Nagle on: the "." then waits for
 * the server's delayed ACK, about 40 ms on Linux, on every mail. Measured against the SMTP
 * stand-in: 44 ms a mail on one kept connection, 1.2 ms with TCP_NODELAY (the same stall lettre
 * fixed, lettre/lettre#1159). Unref'd: an idle kept connection never holds a process open.
 */
function openSocket(options: SMTPPool.Options, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) {
  // Nodemailer's own default port when the URL names none.
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = net.connect({ host: options.host, port, noDelay: true });
  socket.unref();
  socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
    socket.destroy(new Error(`No connection to ${options.host}:${port} within ${CONNECT_TIMEOUT_MS / 1000} s`)),
  );
  const failed = (error: Error) => callback(error);
  socket.once("error", failed);
  socket.once("connect", () => {
    socket.setTimeout(0);
    socket.off("error", failed);
    // Nodemailer takes it from here (TLS for smtps:, STARTTLS when offered), as on its own sockets.
    callback(null, { connection: socket });
  });
}

/** A transport per URL, kept for the process. */
const transports = new Map<string, Transporter>();

/**
 * The transport to the SMTP server at `url`: its connections are kept and reused (nodemailer's
 * pool, up to 5 at once, 100 mails each), so the mails of a sale do not each pay a new
 * connection and its greeting, and open without Nagle's delay (openSocket).
 */
export function transportTo(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(new SMTPPool({ url, pool: true, getSocket: openSocket }));
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
