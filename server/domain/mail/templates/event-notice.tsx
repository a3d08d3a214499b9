// The automatic mails to an event's guests (server/domain/notices): the reminder before the
// start, the location once the address is revealed, the notice that the event was canceled,
// and the notice that its time or place changed. One template: they share the event block and
// differ in their first line and subject. Links go to the guest's ticket pages (/t/<code>).
import { Button, Section, Text } from "@react-email/components";
import { formatEventRange } from "../../../../components/format";
import type { EventNoticeKind } from "../../notices/kinds";
import type { TEventMove } from "../../outbox/messages";
import type { MailTemplate } from "./index";
import { button, MailLayout, muted, text } from "./layout";
import { TicketEvent, ticketTemplate, type TicketMailProps } from "./ticket";

export interface EventNoticeMailProps {
  kind: EventNoticeKind;
  guestName: string;
  event: TicketMailProps["event"];
  /** The guest's ticket pages, /t/<code>, as absolute URLs (none in a cancellation). */
  ticketUrls: string[];
  /** What changed (CHANGED only). */
  changes?: TEventMove[];
}

const MOVE_WORDS: Record<TEventMove, string> = { time: "time", venue: "venue", location: "address" };

function changedWords(changes: TEventMove[] = []): string {
  const words = changes.map((change) => MOVE_WORDS[change]);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? "details");
}

function whenOf(event: TicketMailProps["event"]): string {
  return formatEventRange(new Date(event.startDate), event.endDate ? new Date(event.endDate) : null, event.timezone);
}

function lead({ kind, guestName, event, changes }: EventNoticeMailProps): string {
  switch (kind) {
    case "REMINDER":
      return `${guestName}, a reminder: ${event.title} is coming up.`;
    case "LOCATION":
      return `${guestName}, the address of ${event.title} is out.`;
    case "CANCELED":
      return `${guestName}, we are sorry: ${event.title} is canceled. Your ticket is no longer valid.`;
    case "CHANGED":
      return `${guestName}, the ${changedWords(changes)} of ${event.title} changed. Here is where and when it is now; your ticket stays valid.`;
  }
}

export function EventNoticeMail(props: EventNoticeMailProps) {
  const { ticketUrls } = props;
  return (
    <MailLayout preview={subject(props)}>
      <Text style={text}>{lead(props)}</Text>
      <TicketEvent event={props.event} canceled={props.kind === "CANCELED"} />
      {ticketUrls.length > 0 ? (
        <Section style={{ textAlign: "center", margin: "8px 0 0" }}>
          {ticketUrls.map((url, index) => (
            <Button key={url} href={url} style={{ ...button, margin: "0 4px 8px" }}>
              {ticketUrls.length === 1 ? "Open my ticket" : `Open ticket ${index + 1}`}
            </Button>
          ))}
          <Text style={{ ...muted, marginTop: "8px" }}>Show your ticket&apos;s code at the door.</Text>
        </Section>
      ) : null}
    </MailLayout>
  );
}

function subject({ kind, event, changes }: EventNoticeMailProps): string {
  switch (kind) {
    case "REMINDER":
      return `Reminder: ${event.title}, ${whenOf(event)}`;
    case "LOCATION":
      return `The address for ${event.title}`;
    case "CANCELED":
      return `Canceled: ${event.title}`;
    case "CHANGED":
      return `New ${changedWords(changes)}: ${event.title}`;
  }
}

export const eventNoticeTemplate = {
  component: EventNoticeMail,
  subject,
  preview: {
    kind: "CHANGED",
    guestName: "Zoë Müller",
    event: ticketTemplate.preview.event,
    ticketUrls: [ticketTemplate.preview.ticketUrl],
    changes: ["time", "venue"],
  } satisfies EventNoticeMailProps,
} satisfies MailTemplate<EventNoticeMailProps>;
