// An invitation to work an event's door or to promote it: who invites, to which event, when and
// where, in what role, and the link that accepts it (it works once, until it expires).
import { Button, Heading, Section, Text } from "@react-email/components";
import { formatEventRange } from "../../../../components/format";
import type { InvitationKind } from "../../../generated/prisma/enums";
import type { MailTemplate } from "./index";
import { button, colors, MailLayout, muted, text } from "./layout";

export interface InvitationMailProps {
  inviterName: string;
  kind: InvitationKind;
  /** The accept page, /invitations/<token>, as an absolute URL. */
  acceptUrl: string;
  /** ISO instant the link stops working. */
  expiresAt: string;
  event: {
    title: string;
    /** ISO instants; shown in `timezone`, the event's own. */
    startDate: string;
    endDate: string | null;
    timezone: string;
    venue: string;
  };
}

const ROLE_WORDS: Record<InvitationKind, { role: string; does: string; button: string }> = {
  STAFF: {
    role: "door staff",
    does: "You'll check guests in at the door with your phone: scan their tickets or find them by name.",
    button: "Join the door",
  },
  PROMOTER: {
    role: "a promoter",
    does: "You'll share your own post of the event; it stays in step with every change the organiser makes.",
    button: "Start promoting",
  },
};

function expiryDay(expiresAt: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone }).format(new Date(expiresAt));
}

export function InvitationMail({ inviterName, kind, acceptUrl, expiresAt, event }: InvitationMailProps) {
  const words = ROLE_WORDS[kind];
  const when = formatEventRange(new Date(event.startDate), event.endDate ? new Date(event.endDate) : null, event.timezone);
  return (
    <MailLayout preview={`${inviterName} invites you to ${event.title} as ${words.role}`}>
      <Text style={{ ...muted, margin: "0 0 4px" }}>
        {inviterName} invites you as {words.role}
      </Text>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "30px", margin: "0 0 16px", color: colors.ink950 }}>
        {event.title}
      </Heading>
      <Text style={{ ...text, margin: "0 0 4px", fontWeight: 600 }}>{when}</Text>
      <Text style={text}>{event.venue}</Text>
      <Text style={text}>{words.does}</Text>
      <Section style={{ textAlign: "center", margin: "8px 0 16px" }}>
        <Button href={acceptUrl} style={button}>
          {words.button}
        </Button>
      </Section>
      <Text style={muted}>
        The link works once, until {expiryDay(expiresAt, event.timezone)}. You'll sign in (or create your account) with this address first.
      </Text>
      <Text style={{ ...muted, wordBreak: "break-all" }}>{acceptUrl}</Text>
      <Text style={{ ...muted, margin: 0 }}>Not expecting this? Ignore the mail: nothing happens unless you open the link.</Text>
    </MailLayout>
  );
}

export const invitationTemplate = {
  component: InvitationMail,
  subject: (props: InvitationMailProps) => `${props.inviterName} invites you to ${props.event.title}`,
  preview: {
    inviterName: "Camille Curator",
    kind: "STAFF",
    acceptUrl: "http://localhost:3000/invitations/preview-invitation-token",
    expiresAt: "2026-12-05T18:00:00.000Z",
    event: {
      title: "Rooftop Sessions",
      startDate: "2026-12-12T21:00:00.000Z",
      endDate: "2026-12-13T04:00:00.000Z",
      timezone: "Europe/Berlin",
      venue: "Klunkerkranich",
    },
  } satisfies InvitationMailProps,
} satisfies MailTemplate<InvitationMailProps>;
