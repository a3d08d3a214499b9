import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readCaughtMail } from "@/server/domain/mail/catcher";
import { catcherDirOr404 } from "../catcher";
import { dataUrl, MailView } from "../mail-view";

export const metadata: Metadata = { title: "Mail", robots: { index: false, follow: false } };

export default async function CaughtMailPage({ params }: { params: Promise<{ id: string }> }) {
  const mail = await readCaughtMail(catcherDirOr404(), (await params).id);
  if (!mail) notFound();
  return (
    <MailView
      subject={mail.subject || "(no subject)"}
      headers={[
        ["From", mail.from],
        ["To", mail.to],
        ["Date", mail.date?.toISOString() ?? ""],
        ["Message-ID", mail.messageId ?? ""],
      ]}
      html={mail.html}
      text={mail.text}
      attachments={mail.attachments.map((a) => ({ ...a, dataUrl: dataUrl(a.contentType, a.content) }))}
    />
  );
}
