// A queued mail as it is sent: the template's body rendered to HTML and to text
// (@react-email/render), its subject, and its attachments.
import { render } from "@react-email/render";
import { createElement } from "react";
import { MAIL_TEMPLATES, type MailAttachment, type MailTemplate, type MailTemplateName, type MailTemplateProps } from "./templates";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  headers: Record<string, string>;
}

export async function renderMail<N extends MailTemplateName>(name: N, props: MailTemplateProps<N>): Promise<RenderedMail> {
  const template = MAIL_TEMPLATES[name] as unknown as MailTemplate<MailTemplateProps<N>>;
  const element = createElement(template.component, props);
  const [html, text, attachments] = await Promise.all([render(element), render(element, { plainText: true }), template.attachments?.(props) ?? []]);
  return { subject: template.subject(props), html, text, attachments, headers: template.headers?.(props) ?? {} };
}
