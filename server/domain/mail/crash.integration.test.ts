// Mail survives a worker killed mid-send. A real SMTP server (smtp-server, started here as the
// stand-in for the production one) holds its answer to each mail's DATA for a moment; the test
// SIGKILLs the worker (a real process: server/testing/crash-worker.ts) as soon as the server has
// the mail, before the worker learns it was taken and marks it SENT. A fresh `npm run worker --
// --drain` then finishes. No mail is lost; a resent one carries the same Message-ID, so the
// server sees exactly one distinct Message-ID per mail.
import { describe, expect, it } from "vitest";
import { MailStatus } from "../../generated/prisma/enums";
import { useScratchDb } from "../../testing/jobs";
import { startSmtpStandIn } from "../../testing/mail";
import { exited, startWorker, workerEnv } from "../../testing/worker-process";
import { queueMail } from "./queue";
import { ticketTemplate } from "./templates/ticket";
import { messageIdFor } from "./transport";

const scratch = useScratchDb("mail_crash");
const MAILS = 6;

describe("mail-send, its worker SIGKILLed while the SMTP server (smtp-server stand-in) is taking each mail", () => {
  it("loses no mail, and a resend carries the same Message-ID: one distinct Message-ID per mail", { timeout: 120_000 }, async () => {
    const db = scratch.db;
    let worker: ReturnType<typeof startWorker> | undefined;
    let kills = 0;
    const standIn = await startSmtpStandIn({
      holdMs: 300,
      // The server has the mail; the worker has not heard back: kill it now.
      onMessage: () => {
        if (worker && worker.exitCode === null && worker.signalCode === null && worker.kill("SIGKILL")) kills += 1;
      },
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < MAILS; i++) {
        const to = `crash-${i}@guests.test`;
        ids.push((await db.$transaction((tx) => queueMail(tx, { to, template: "ticket", props: ticketTemplate.preview }))).id);
      }
      const env = workerEnv(scratch.url, { SMTP_URL: standIn.url, LEASE_MS: "800" });

      // One worker after another, each killed as the server takes a mail from it.
      for (let round = 0; round < MAILS && kills < 3; round++) {
        worker = startWorker("server/testing/crash-worker.ts", env);
        const deadline = Date.now() + 15_000;
        while (worker.exitCode === null && worker.signalCode === null && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 20));
        }
        worker.kill("SIGKILL");
        await exited(worker);
      }
      worker = undefined;
      expect(kills).toBeGreaterThanOrEqual(3);

      const drain = startWorker("scripts/worker.ts", env, ["--drain"]);
      expect(await exited(drain), drain.errors.join("")).toBe(0);

      const rows = await db.mailMessage.findMany({ where: { id: { in: ids } } });
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => MailStatus.SENT));
      // The killed sends were sent again...
      expect(standIn.received.length).toBeGreaterThan(MAILS);
      expect(rows.some((r) => r.attempts > 1)).toBe(true);
      // ...each with its mail's own Message-ID: exactly one distinct Message-ID per mail.
      const distinct = new Set(standIn.received.map((m) => m.messageId));
      expect([...distinct].sort()).toEqual(ids.map((id) => messageIdFor(id)).sort());
      for (const row of rows) {
        expect(standIn.received.filter((m) => m.to === row.to).every((m) => m.messageId === messageIdFor(row.id))).toBe(true);
      }
    } finally {
      if (worker) worker.kill("SIGKILL");
      await standIn.stop();
    }
  });
});
