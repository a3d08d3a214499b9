// A curator's message to an event's guests (server/domain/messages): their subject and text,
// who sends it for which event, and the link that stops that curator's mails (also offered to
// mail clients as a one-click List-Unsubscribe header, RFC 8058).
import { Heading, Link, Text } from "@react-email/components";
import type { MailTemplate } from "./index";
import { colors, MailLayout, muted, text } from "./layout";

export interface GuestMessageMailProps {
  subject: string;
  body: string;
  curatorName: string;
  eventTitle: string;
  /** The page that unsubscribes, /unsubscribe/<token>, as an absolute URL. */
  unsubscribeUrl: string;
  /** Where a mail client posts a one-click unsubscribe. */
  oneClickUnsubscribeUrl: string;
}

export function GuestMessageMail({ subject, body, curatorName, eventTitle, unsubscribeUrl }: GuestMessageMailProps) {
  return (
    <MailLayout preview={body.slice(0, 120)}>
      <Text style={{ ...muted, margin: "0 0 4px" }}>
        {curatorName} · {eventTitle}
      </Text>
      <Heading as="h1" style={{ fontSize: "22px", lineHeight: "28px", margin: "0 0 16px", color: colors.ink950 }}>
        {subject}
      </Heading>
      {body.split(/\n{2,}/).map((paragraph, index) => (
        <Text key={index} style={{ ...text, whiteSpace: "pre-line" }}>
          {paragraph}
        </Text>
      ))}
      <Text style={{ ...muted, margin: 0 }}>
        You get this as a guest of {eventTitle}.{" "}
        <Link href={unsubscribeUrl} style={{ color: colors.stone700 }}>
          Unsubscribe from {curatorName}&apos;s mails
        </Link>
      </Text>
    </MailLayout>
  );
}

export const guestMessageTemplate = {
  component: GuestMessageMail,
  subject: (props: GuestMessageMailProps) => props.subject,
  headers: (props: GuestMessageMailProps) => ({
    "List-Unsubscribe": `<${props.oneClickUnsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  }),
  preview: {
    subject: "Doors open at 22:00",
    body: "Hi all,\n\nthe queue moves fastest at the side entrance. Bring your ticket's QR code.\n\nSee you tonight!",
    curatorName: "Camille Curator",
    eventTitle: "Rooftop Sessions",
    unsubscribeUrl: "http://localhost:3000/unsubscribe/preview-token",
    oneClickUnsubscribeUrl: "http://localhost:3000/unsubscribe/preview-token/one-click",
  } satisfies GuestMessageMailProps,
} satisfies MailTemplate<GuestMessageMailProps>;
