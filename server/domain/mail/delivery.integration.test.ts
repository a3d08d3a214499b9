// Mail delivery against real PostgreSQL and a real SMTP server (smtp-server) started here as the
// stand-in for the production one: an outage or refusal delays a mail and never loses or
// doubles it; a repeated dedupeKey queues one mail; a rolled-back change queues none.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../env";
import { MailStatus } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { startSmtpStandIn, type SmtpStandIn } from "../../testing/mail";
import { drainJobs, relayOutbox, runDueJobs } from "../jobs/runner";
import { queueMail, type QueuedMail } from "./queue";
import { ticketTemplate } from "./templates/ticket";
import { renderMail } from "./render";
import { sendRenderedMail } from "./send";
import { messageIdFor, transportTo } from "./transport";

const db = useTestDb();
const fast = { backoffMs: () => 20 };

let address = 0;
const newAddress = () => `mail-${process.pid}-${Date.now()}-${address++}@guests.test`;
const ticketTo = (to: string, dedupeKey?: string): QueuedMail => ({ to, template: "ticket", props: ticketTemplate.preview, dedupeKey });

async function messageIdsOf(mailId: string): Promise<string[]> {
  const rows = await db.outboxMessage.findMany({ where: { name: "mail.queued", payload: { path: ["mailId"], equals: mailId } } });
  return rows.map((row) => row.id);
}

/** A port nothing listens on (yet). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("mail through an SMTP server that is down, then refuses, then accepts (smtp-server stand-in)", () => {
  let port: number;
  let standIn: SmtpStandIn | undefined;
  beforeAll(async () => {
    port = await closedPort();
    // Read once per test file by env(): this file's mail goes to the stand-in's port.
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await standIn?.stop();
    delete process.env.SMTP_URL;
  });

  it("is delivered once after retries; the row ends SENT, its last error kept while it failed", async () => {
    expect(env().SMTP_URL).toBe(`smtp://127.0.0.1:${port}`);
    const to = newAddress();
    const { id } = await db.$transaction((tx) => queueMail(tx, ticketTo(to)));
    const scope = { messageIds: await messageIdsOf(id) };

    // The server is down: the try fails, the mail waits.
    await relayOutbox(db, { mode: "in-process", scope });
    expect(await runDueJobs(db, { ...fast, scope })).toBe(1);
    const down = await db.mailMessage.findUniqueOrThrow({ where: { id } });
    expect(down).toMatchObject({ status: MailStatus.QUEUED, attempts: 1 });
    expect(down.lastError).toMatch(/ECONNREFUSED|connect/i);

    // Back up, but answering 451 to the first two DATA commands.
    standIn = await startSmtpStandIn({ port, refuse: (n) => (n <= 2 ? 451 : null) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await runDueJobs(db, { ...fast, scope })).toBe(1);
    const refused = await db.mailMessage.findUniqueOrThrow({ where: { id } });
    expect(refused).toMatchObject({ status: MailStatus.QUEUED, attempts: 2 });
    expect(refused.lastError).toMatch(/451/);

    await drainJobs(db, { ...fast, scope });
    const sent = await db.mailMessage.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: MailStatus.SENT, attempts: 4 });
    expect(sent.sentAt).not.toBeNull();
    expect(sent.lastError).toMatch(/451/);
    expect(standIn.received.filter((m) => m.to === to)).toEqual([{ messageId: messageIdFor(id), to, subject: "Your ticket: Rooftop Sessions" }]);
    const run = await db.jobRun.findFirstOrThrow({ where: { messageId: { in: scope.messageIds }, job: "mail-send" } });
    expect(run).toMatchObject({ status: "DONE", attempts: 4 });

    // A repeated delivery of the message sends nothing more.
    await db.jobRun.update({ where: { id: run.id }, data: { status: "PENDING", availableAt: new Date() } });
    await drainJobs(db, { ...fast, scope });
    expect(standIn.received.filter((m) => m.to === to)).toHaveLength(1);
  });
});

describe("a sale's mails to the SMTP server (smtp-server stand-in)", () => {
  it("go over connections kept open, not one connection per mail", async () => {
    const standIn = await startSmtpStandIn();
    try {
      const transport = transportTo(standIn.url);
      const rendered = await renderMail("ticket", ticketTemplate.preview);
      const send = () => sendRenderedMail({ id: crypto.randomUUID(), to: newAddress(), rendered }, transport);
      for (let i = 0; i < 6; i++) await send();
      expect(standIn.received).toHaveLength(6);
      expect(standIn.connections()).toBe(1);
      // A crowd of mails at once shares the pool's few connections (nodemailer's 5).
      await Promise.all(Array.from({ length: 20 }, send));
      expect(standIn.received).toHaveLength(26);
      expect(standIn.connections()).toBeLessThanOrEqual(5);
    } finally {
      await standIn.stop();
    }
  });
});

describe("queueMail", () => {
  it("queues one mail for a repeated dedupeKey, also from concurrent transactions", async () => {
    const to = newAddress();
    const key = `test:${to}`;
    const first = await db.$transaction((tx) => queueMail(tx, ticketTo(to, key)));
    const again = await db.$transaction((tx) => queueMail(tx, ticketTo(to, key)));
    expect(again).toEqual(first);
    const racing = await Promise.all([1, 2, 3].map(() => db.$transaction((tx) => queueMail(tx, ticketTo(to, `${key}:race`)))));
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);

    expect(await db.mailMessage.count({ where: { to } })).toBe(2);
    expect(await messageIdsOf(first.id)).toHaveLength(1);
    expect(await messageIdsOf(racing[0]!.id)).toHaveLength(1);
  });

  it("queues nothing when the transaction rolls back", async () => {
    const to = newAddress();
    let queued: { id: string } | undefined;
    await expect(
      db.$transaction(async (tx) => {
        queued = await queueMail(tx, ticketTo(to, `test:${to}`));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(queued).toBeDefined();
    expect(await db.mailMessage.count({ where: { to } })).toBe(0);
    expect(await messageIdsOf(queued!.id)).toEqual([]);
  });
});
