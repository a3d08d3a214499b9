// The embedded mail catcher of development and tests: an SMTP server (smtp-server) inside the
// process, which keeps every mail it receives as an .eml file in one folder (.data/mail, or
// MAIL_CATCHER_DIR). The page /dev/mail and the tests' helpers read that folder back, parsed by
// mailparser. It never relays anything anywhere.
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { env, type Env } from "../../env";

export interface MailCatcher {
  /** smtp://127.0.0.1:<port>: what the transport sends to. */
  url: string;
  dir: string;
  stop(): Promise<void>;
}

const MAX_MAIL_BYTES = 25 * 1024 * 1024;
/** A caught mail's id: its file name without .eml (time first, so names sort oldest first). */
const MAIL_ID = /^\d{13}-[0-9a-f-]{36}$/;

export function mailCatcherDir(e: Pick<Env, "MAIL_CATCHER_DIR"> = env()): string {
  return path.resolve(e.MAIL_CATCHER_DIR ?? path.join(process.cwd(), ".data", "mail"));
}

/**
 * How long stop() lets connected clients finish before closing their connections: the app's
 * transport keeps its connections open between mails (transport.ts), and smtp-server would
 * otherwise wait 30 s for them to leave.
 */
export const CLOSE_TIMEOUT_MS = 100;

/** Starts a catcher on a free port of 127.0.0.1 (or `port`), keeping mails in `dir`. */
export async function startMailCatcher({ dir, port = 0 }: { dir: string; port?: number }): Promise<MailCatcher> {
  await mkdir(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: MAX_MAIL_BYTES,
    closeTimeout: CLOSE_TIMEOUT_MS,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const file = path.join(dir, `${Date.now()}-${randomUUID()}.eml`);
        // Written whole, then renamed: a reader never sees half a mail.
        writeFile(`${file}.part`, Buffer.concat(chunks))
          .then(() => rename(`${file}.part`, file))
          .then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  // A sender that goes away mid-mail (a worker stopped or killed while sending) is an 'error'
  // of the server: with no listener it would throw in the process that hosts the catcher. The
  // sender sends that mail again (delivery is at least once).
  server.on("error", (error) => console.warn(`[mail] catcher: a connection failed (${error.message}); its sender tries that mail again`));
  // A catcher never keeps a process alive on its own (`npm run worker -- --drain` exits).
  server.server.unref();
  const { port: bound } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The process's own catcher, started on first use (by the worker as it starts, or by the first
 * mail sent). Kept on globalThis: Next bundles instrumentation and route handlers apart, and
 * they must share one.
 */
export function embeddedMailCatcher(): Promise<MailCatcher> {
  const state = globalThis as unknown as { marqueeMailCatcher?: Promise<MailCatcher> };
  state.marqueeMailCatcher ??= startMailCatcher({ dir: mailCatcherDir() }).then((catcher) => {
    console.info(`[mail] no SMTP_URL: mail goes to the catcher at ${catcher.url}, kept in ${catcher.dir} (see /dev/mail)`);
    return catcher;
  });
  return state.marqueeMailCatcher;
}

export interface CaughtMailSummary {
  id: string;
  to: string;
  from: string;
  subject: string;
  date: Date | null;
  messageId: string | null;
}

export interface CaughtMail extends CaughtMailSummary {
  /** The HTML body, its cid: images turned into data: URLs so it shows on its own. */
  html: string | null;
  text: string | null;
  attachments: Array<{ filename: string | null; contentType: string; size: number; cid: string | null; content: Buffer }>;
}

async function parseCaught(dir: string, id: string): Promise<CaughtMail> {
  const parsed = await simpleParser(await readFile(path.join(dir, `${id}.eml`)));
  const addresses = (field: typeof parsed.to) => (Array.isArray(field) ? field.map((a) => a.text).join(", ") : (field?.text ?? ""));
  return {
    id,
    to: addresses(parsed.to),
    from: addresses(parsed.from),
    subject: parsed.subject ?? "",
    date: parsed.date ?? null,
    messageId: parsed.messageId ?? null,
    html: parsed.html || null,
    text: parsed.text ?? null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      cid: a.cid ?? null,
      content: a.content,
    })),
  };
}

/** The ids of the caught files ending in `extension`, newest first (at most `limit`). */
async function caughtIds(dir: string, extension: string, limit: number): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  return names
    .filter((name) => name.endsWith(extension))
    .map((name) => name.slice(0, -extension.length))
    .filter((id) => MAIL_ID.test(id))
    .sort()
    .reverse()
    .slice(0, limit);
}

/** The caught mails, newest first (at most `limit`). */
export async function listCaughtMails(dir: string, { limit = 200 }: { limit?: number } = {}): Promise<CaughtMail[]> {
  const ids = await caughtIds(dir, ".eml", limit);
  return Promise.all(ids.map((id) => parseCaught(dir, id)));
}

/** One caught mail, or null for an unknown (or malformed) id. */
export async function readCaughtMail(dir: string, id: string): Promise<CaughtMail | null> {
  if (!MAIL_ID.test(id)) return null;
  return parseCaught(dir, id).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
}

/**
 * An SMS kept by the catcher in development (server/domain/messages/sms.ts, without Twilio):
 * a `<time>-<uuid>.sms.json` file beside the mails, listed by /dev/mail as an SMS.
 */
export interface CaughtSms {
  id: string;
  to: string;
  from: string;
  body: string;
  date: Date;
}

/** Keeps an SMS in the catcher's folder; answers its id. */
export async function catchSms(dir: string, sms: { to: string; from: string; body: string }): Promise<{ id: string }> {
  await mkdir(dir, { recursive: true });
  const date = new Date();
  const id = `${date.getTime()}-${randomUUID()}`;
  const file = path.join(dir, `${id}.sms.json`);
  await writeFile(`${file}.part`, JSON.stringify({ ...sms, date: date.toISOString() }));
  await rename(`${file}.part`, file);
  return { id };
}

/** The caught SMS, newest first (at most `limit`). */
export async function listCaughtSms(dir: string, { limit = 200 }: { limit?: number } = {}): Promise<CaughtSms[]> {
  const ids = await caughtIds(dir, ".sms.json", limit);
  return Promise.all(
    ids.map(async (id) => {
      const stored = JSON.parse(await readFile(path.join(dir, `${id}.sms.json`), "utf8")) as Omit<CaughtSms, "id" | "date"> & { date: string };
      return { id, to: stored.to, from: stored.from, body: stored.body, date: new Date(stored.date) };
    }),
  );
}
