// The embedded mail catcher as tests and /dev/mail see it: a queued mail, sent by the mail-send
// job with no SMTP_URL, lands in the catcher's folder with its HTML, text and attachments.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../../testing/db";
import { mailsTo, waitForMail } from "../../testing/mail";
import { drainJobs } from "../jobs/runner";
import { queueMail } from "./queue";
import { mailCatcherDir, readCaughtMail } from "./catcher";
import { ticketTemplate } from "./templates/ticket";
import { messageIdFor } from "./transport";

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
});
