// Every mail the app sends, by name: its react-email body, its subject, any attachments (made
// when the mail is sent, so the queued props stay small and JSON-safe), and sample props the
// catcher page (/dev/mail) previews it with in development. Each template file declares its
// entry `satisfies MailTemplate<ItsProps>`.
import type { ReactElement } from "react";
import { eventNoticeTemplate } from "./event-notice";
import { guestMessageTemplate } from "./guest-message";
import { invitationTemplate } from "./invitation";
import { orderTicketsTemplate } from "./order-tickets";
import { signInLinkTemplate } from "./sign-in-link";
import { ticketTemplate } from "./ticket";
import { webhookEndpointDisabledTemplate } from "./webhook-endpoint-disabled";

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
  /** Set for an inline image: the HTML refers to it as cid:<cid>. */
  cid?: string;
}

export interface MailTemplate<P> {
  component: (props: P) => ReactElement;
  subject: (props: P) => string;
  attachments?: (props: P) => Promise<MailAttachment[]>;
  /** Extra headers of the mail (e.g. List-Unsubscribe). */
  headers?: (props: P) => Record<string, string>;
  preview: P;
}

export const MAIL_TEMPLATES = {
  "event-notice": eventNoticeTemplate,
  "guest-message": guestMessageTemplate,
  invitation: invitationTemplate,
  "order-tickets": orderTicketsTemplate,
  "sign-in-link": signInLinkTemplate,
  ticket: ticketTemplate,
  "webhook-endpoint-disabled": webhookEndpointDisabledTemplate,
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export type MailTemplateProps<N extends MailTemplateName> = Parameters<(typeof MAIL_TEMPLATES)[N]["component"]>[0];

export function isMailTemplateName(name: string): name is MailTemplateName {
  return Object.hasOwn(MAIL_TEMPLATES, name);
}
