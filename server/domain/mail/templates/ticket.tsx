// A guest's ticket (queued as they are added to an event's list): the QR code inline, a link to
// the ticket page that shows it full screen, the event's time in its own zone, the venue, the
// location once revealed, and the event as an .ics file for the guest's calendar.
import { Button, Heading, Img, Section, Text } from "@react-email/components";
import { createEvent } from "ics";
import QRCode, { type QRCodeToBufferOptions } from "qrcode";
import { formatEventRange } from "../../../../components/format";
import type { MailTemplate } from "./index";
import { button, colors, MailLayout, muted, text } from "./layout";

export interface TicketMailProps {
  guestName: string;
  ticketCode: string;
  /** The public ticket page, /t/<code>, as an absolute URL. */
  ticketUrl: string;
  event: {
    title: string;
    /** ISO instants; shown in `timezone`, the event's own. */
    startDate: string;
    endDate: string | null;
    timezone: string;
    venue: string;
    /** Null while the address is held back (address reveal). */
    location: string | null;
  };
}

/** The inline QR image's Content-ID: the HTML shows it as cid:<this>. */
const QR_CID = "ticket-qr@marquee";
const HOUR_MS = 60 * 60 * 1000;
/** pngjs's options (grey, the "up" filter), which qrcode hands on whole; its types list only the deflate ones. */
const QR_PNG_OPTIONS = { colorType: 0, filterType: 2 } as QRCodeToBufferOptions["rendererOpts"];

/**
 * The event as a ticket mail heads it: title, time in the event's zone, venue, and the location
 * once revealed. A canceled event's time is struck through, so the block can't be read as still on.
 */
export function TicketEvent({ event, canceled = false }: { event: TicketMailProps["event"]; canceled?: boolean }) {
  const when = formatEventRange(new Date(event.startDate), event.endDate ? new Date(event.endDate) : null, event.timezone);
  return (
    <>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "30px", margin: "0 0 16px", color: colors.ink950 }}>
        {event.title}
      </Heading>
      {canceled ? (
        <Text style={{ ...text, margin: "0 0 4px", fontWeight: 600, color: colors.red700 }}>
          Canceled: <span style={{ textDecoration: "line-through", color: colors.stone500 }}>{when}</span>
        </Text>
      ) : (
        <Text style={{ ...text, margin: "0 0 4px", fontWeight: 600 }}>{when}</Text>
      )}
      <Text style={{ ...text, margin: "0 0 4px" }}>{event.venue}</Text>
      <Text style={event.location ? text : muted}>{event.location ?? "The address will be revealed before the event."}</Text>
    </>
  );
}

export function TicketMail({ guestName, ticketUrl, event }: TicketMailProps) {
  return (
    <MailLayout preview={`Your ticket for ${event.title}`}>
      <Text style={{ ...muted, margin: "0 0 4px" }}>Your ticket, {guestName}</Text>
      <TicketEvent event={event} />
      <Section style={{ textAlign: "center", margin: "8px 0 16px" }}>
        <Img src={`cid:${QR_CID}`} width="240" height="240" alt="Your ticket's QR code" style={{ margin: "0 auto" }} />
        <Text style={{ ...muted, margin: "8px 0 0" }}>Show this code at the door.</Text>
      </Section>
      <Section style={{ textAlign: "center" }}>
        <Button href={ticketUrl} style={button}>
          Open my ticket
        </Button>
      </Section>
      <Text style={{ ...muted, marginTop: "24px" }}>The attached calendar file adds the event to your calendar.</Text>
    </MailLayout>
  );
}

/**
 * A ticket's QR code as the PNG the mail shows inline: 480 px, crisp at the size a door
 * scanner reads it from a phone. Grey (a QR code has no colour) and PNG's "up" filter (each row
 * as its difference from the one above: a QR code's rows repeat for the height of a module, so
 * they come out all zeros but the edges). pngjs's default, RGBA with every filter tried on
 * every row, took twice as long for a larger file (measured: 23 -> 12 ms, 2.6 -> 1.5 KB).
 */
export function ticketQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { errorCorrectionLevel: "M", margin: 2, type: "png", width: 480, rendererOpts: QR_PNG_OPTIONS });
}

/** The event for a calendar: UTC instants (the calendar shows them in the reader's zone); `url` is the ticket's (or order's) page. */
export function calendarFile(event: TicketMailProps["event"], { uid, url }: { uid: string; url: string }): string {
  const start = Date.parse(event.startDate);
  const end = event.endDate ? Date.parse(event.endDate) : start + 4 * HOUR_MS;
  const { error, value } = createEvent({
    uid,
    title: event.title,
    start,
    startInputType: "utc",
    startOutputType: "utc",
    end,
    endInputType: "utc",
    endOutputType: "utc",
    location: event.location ? `${event.venue}, ${event.location}` : event.venue,
    url,
    description: `Your ticket: ${url}`,
  });
  if (error || !value) throw error ?? new Error("ics produced no calendar");
  return value;
}

export const ticketTemplate = {
  component: TicketMail,
  subject: (props: TicketMailProps) => `Your ticket: ${props.event.title}`,
  async attachments(props: TicketMailProps) {
    const qr = await ticketQrPng(props.ticketCode);
    return [
      { filename: "ticket-qr.png", content: qr, contentType: "image/png", cid: QR_CID },
      {
        filename: "event.ics",
        content: calendarFile(props.event, { uid: `ticket-${props.ticketCode}@marquee`, url: props.ticketUrl }),
        contentType: "text/calendar; charset=utf-8; method=PUBLISH",
      },
    ];
  },
  preview: {
    guestName: "Zoë Müller",
    ticketCode: "preview-ticket-code-000",
    ticketUrl: "http://localhost:3000/t/preview-ticket-code-000",
    event: {
      title: "Rooftop Sessions",
      startDate: "2026-12-12T21:00:00.000Z",
      endDate: "2026-12-13T04:00:00.000Z",
      timezone: "Europe/Berlin",
      venue: "Klunkerkranich",
      location: "Karl-Marx-Straße 66, Berlin",
    },
  } satisfies TicketMailProps,
} satisfies MailTemplate<TicketMailProps>;
