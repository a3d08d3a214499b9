// Reading the mails the app sent, in tests: every test worker's mails go to the embedded catcher
// (no SMTP_URL in tests), which keeps them in a folder of that worker's own (testMailDir, set as
// MAIL_CATCHER_DIR by worker-database.ts). Address each test's mails to addresses of its own.
import { rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { CLOSE_TIMEOUT_MS, listCaughtMails, mailCatcherDir, type CaughtMail } from "../domain/mail/catcher";

/** The catcher folder of the test database `databaseName`. */
export function testMailDir(databaseName: string): string {
  return path.join(os.tmpdir(), "marquee-mail", databaseName);
}

export async function clearTestMailDir(databaseName: string): Promise<void> {
  await rm(testMailDir(databaseName), { recursive: true, force: true });
}

const addressedTo = (mail: CaughtMail, address: string) =>
  mail.to
    .toLowerCase()
    .split(/[\s,<>]+/)
    .includes(address.toLowerCase());

/** The mails caught for `address`, oldest first. */
export async function mailsTo(address: string, dir: string = mailCatcherDir()): Promise<CaughtMail[]> {
  const mails = await listCaughtMails(dir, { limit: Number.MAX_SAFE_INTEGER });
  return mails.filter((mail) => addressedTo(mail, address)).reverse();
}

/** The first mail to `address` that `predicate` accepts, waiting up to `timeoutMs` for it. */
export async function waitForMail(
  address: string,
  predicate: (mail: CaughtMail) => boolean = () => true,
  { timeoutMs = 15_000, dir }: { timeoutMs?: number; dir?: string } = {},
): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailsTo(address, dir)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No mail to ${address} matched within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface SmtpStandIn {
  url: string;
  port: number;
  /** Every mail the stand-in accepted the data of, in order. */
  received: Array<{ messageId: string | null; to: string; subject: string }>;
  /** Connections opened to it so far. */
  connections(): number;
  stop(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) standing in for the production one: it answers DATA with
 * `refuse(n)`'s reply code when that gives one (n counts DATA commands from 1), and otherwise
 * keeps the mail, calls `onMessage` and answers 250 after `holdMs` (a window to kill the sender
 * in, after the server has the mail and before the sender learns it). `parse: false` accepts each
 * mail without reading it (`received` stays empty): the bench's relay, in the load generator's
 * own process, where parsing every ticket mail of a sale would take CPU from the server measured.
 */
export async function startSmtpStandIn({
  port = 0,
  refuse,
  holdMs = 0,
  onMessage,
  parse = true,
}: {
  port?: number;
  parse?: boolean;
  refuse?: (n: number) => number | null;
  holdMs?: number;
  onMessage?: (mail: SmtpStandIn["received"][number]) => void;
} = {}): Promise<SmtpStandIn> {
  const received: SmtpStandIn["received"] = [];
  let dataCommands = 0;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: CLOSE_TIMEOUT_MS,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, _session, callback) {
      const n = ++dataCommands;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const code = refuse?.(n);
        if (code) return callback(Object.assign(new Error(`Try again later (stand-in refusal ${n})`), { responseCode: code }));
        if (!parse) return callback();
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            const mail = {
              messageId: parsed.messageId ?? null,
              to: (parsed.to as { text: string } | undefined)?.text ?? "",
              subject: parsed.subject ?? "",
            };
            received.push(mail);
            onMessage?.(mail);
            setTimeout(() => callback(), holdMs);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  // A sender killed mid-mail (the crash test) resets its connection: an 'error' of the server,
  // which would otherwise throw in the test's process. The sender's next try is what is checked.
  server.on("error", () => {});
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    received,
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
