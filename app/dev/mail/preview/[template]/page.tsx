// A template rendered with its sample props, before any mail of it was sent.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { renderMail } from "@/server/domain/mail/render";
import { isMailTemplateName, MAIL_TEMPLATES } from "@/server/domain/mail/templates";
import { catcherDirOr404 } from "../../catcher";
import { dataUrl, MailView } from "../../mail-view";

export const metadata: Metadata = { title: "Mail preview", robots: { index: false, follow: false } };

export default async function MailPreviewPage({ params }: { params: Promise<{ template: string }> }) {
  catcherDirOr404();
  const name = (await params).template;
  if (!isMailTemplateName(name)) notFound();
  const mail = await renderMail(name, MAIL_TEMPLATES[name].preview as never);
  const inline = new Map(mail.attachments.filter((a) => a.cid).map((a) => [a.cid!, dataUrl(a.contentType, Buffer.from(a.content))]));
  return (
    <MailView
      subject={`${mail.subject} (preview)`}
      headers={[["Template", name]]}
      html={mail.html.replace(/cid:([^"')\s]+)/g, (whole, cid: string) => inline.get(cid) ?? whole)}
      text={mail.text}
      attachments={mail.attachments.map((a) => {
        const content = Buffer.from(a.content);
        return { filename: a.filename, contentType: a.contentType, size: content.length, dataUrl: dataUrl(a.contentType, content) };
      })}
    />
  );
}
