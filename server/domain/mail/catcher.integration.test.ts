// The embedded mail catcher as tests and /dev/mail see it: a queued mail, sent by the mail-send
// job with no SMTP_URL, lands in the catcher's folder with its HTML, text and attachments.
import net from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestDb } from "../../testing/db";
import { mailsTo, waitForMail } from "../../testing/mail";
import { drainJobs } from "../jobs/runner";
import { queueMail } from "./queue";
import { listCaughtMails, mailCatcherDir, readCaughtMail, startMailCatcher } from "./catcher";
import { renderMail } from "./render";
import { sendRenderedMail } from "./send";
import { ticketTemplate } from "./templates/ticket";
import { messageIdFor, transportTo } from "./transport";

/** Talks SMTP to the catcher on `port` until the mail's sender is given, then resets the connection, as a killed worker's does. */
async function resetMidMail(port: number): Promise<void> {
  const socket = net.connect({ host: "127.0.0.1", port });
  const replies: string[] = [];
  socket.on("data", (chunk: Buffer) => replies.push(chunk.toString()));
  const reply = async (code: string) => {
    while (
      !replies
        .join("")
        .split("\r\n")
        .some((line) => line.startsWith(`${code} `))
    )
      await new Promise((r) => setTimeout(r, 10));
    replies.length = 0;
  };
  await reply("220");
  socket.write("EHLO killed.test\r\n");
  await reply("250");
  socket.write("MAIL FROM:<worker@killed.test>\r\n");
  await reply("250");
  socket.resetAndDestroy();
}

const db = useTestDb();

describe("the embedded mail catcher", () => {
  it("receives the mails sent without SMTP_URL, and reads them back parsed", async () => {
    const to = `catcher-${Date.now()}@guests.test`;
    const { id } = await db.$transaction((tx) => queueMail(tx, { to, template: "ticket", props: ticketTemplate.preview }));
    const outbox = await db.outboxMessage.findMany({ where: { name: "mail.queued", payload: { path: ["mailId"], equals: id } } });
    await drainJobs(db, { scope: { messageIds: outbox.map((m) => m.id) } });

    const mail = await waitForMail(to, (m) => m.subject.startsWith("Your ticket"));
    expect(mail).toMatchObject({ messageId: messageIdFor(id), subject: "Your ticket: Rooftop Sessions" });
    expect(mail.html).toContain("Rooftop Sessions");
    // mailparser turns the inline image's cid: into a data: URL, so the HTML shows on its own.
    expect(mail.html).toMatch(/src="data:image\/png;base64,/);
    expect(mail.text).toContain("Open my ticket");
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["ticket-qr.png", "image/png"],
      ["event.ics", "text/calendar"],
    ]);
    expect(mail.attachments[1]!.content.toString()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Rooftop Sessions/);
    expect(await mailsTo(to)).toHaveLength(1);
    expect((await readCaughtMail(mailCatcherDir(), mail.id))?.messageId).toBe(mail.messageId);
    expect(await readCaughtMail(mailCatcherDir(), "../../etc/passwd")).toBeNull();
  });

  it("keeps taking mail after senders reset their connections in the middle of a mail", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "catcher-reset-"));
    const catcher = await startMailCatcher({ dir });
    try {
      // Two, as two workers killed in a row: the first alone was caught by the listener that
      // start-up left for a failed listen().
      for (let i = 0; i < 2; i++) await resetMidMail(Number(new URL(catcher.url).port));
      const to = `after-reset-${Date.now()}@guests.test`;
      await sendRenderedMail({ id: crypto.randomUUID(), to, rendered: await renderMail("ticket", ticketTemplate.preview) }, transportTo(catcher.url));
      expect((await listCaughtMails(dir)).map((mail) => mail.to)).toEqual([to]);
    } finally {
      await catcher.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
