// A buyer's tickets (queued as their order is paid, or at once for free tickets): one mail for
// the whole order, each ticket with its type, its QR code inline and a link to its page, the
// event's time in its own zone, the venue, the location once revealed, and an .ics file.
import { Button, Hr, Img, Section, Text } from "@react-email/components";
import type { MailTemplate } from "./index";
import { button, MailLayout, muted, text } from "./layout";
import { calendarFile, TicketEvent, ticketQrPng, ticketTemplate, type TicketMailProps } from "./ticket";

export interface OrderTicketsMailProps {
  buyerName: string;
  orderId: string;
  event: TicketMailProps["event"];
  tickets: {
    code: string;
    /** The ticket type, e.g. "VIP". */
    variantName: string;
    /** The public ticket page, /t/<code>, as an absolute URL. */
    ticketUrl: string;
  }[];
}

/** The inline QR image of the ticket at `index`: the HTML shows it as cid:<this>. */
function qrCid(index: number): string {
  return `ticket-qr-${index + 1}@marquee`;
}

export function OrderTicketsMail({ buyerName, event, tickets }: OrderTicketsMailProps) {
  const count = tickets.length === 1 ? "Your ticket" : `Your ${tickets.length} tickets`;
  return (
    <MailLayout preview={`${count} for ${event.title}`}>
      <Text style={{ ...muted, margin: "0 0 4px" }}>
        {count}, {buyerName}
      </Text>
      <TicketEvent event={event} />
      <Text style={muted}>Each ticket lets one person in once: show its code at the door.</Text>
      {tickets.map((ticket, index) => (
        <Section key={ticket.code} style={{ textAlign: "center", margin: "8px 0 16px" }}>
          <Hr style={{ borderColor: "#e7e5e4", margin: "0 0 16px" }} />
          <Text style={{ ...text, margin: "0 0 8px", fontWeight: 600 }}>
            Ticket {index + 1} of {tickets.length} · {ticket.variantName}
          </Text>
          <Img src={`cid:${qrCid(index)}`} width="240" height="240" alt={`QR code of ticket ${index + 1}`} style={{ margin: "0 auto" }} />
          <Button href={ticket.ticketUrl} style={{ ...button, marginTop: "12px" }}>
            Open ticket {index + 1}
          </Button>
        </Section>
      ))}
      <Text style={{ ...muted, marginTop: "24px" }}>The attached calendar file adds the event to your calendar.</Text>
    </MailLayout>
  );
}

export const orderTicketsTemplate = {
  component: OrderTicketsMail,
  subject: (props: OrderTicketsMailProps) =>
    `${props.tickets.length === 1 ? "Your ticket" : `Your ${props.tickets.length} tickets`}: ${props.event.title}`,
  async attachments(props: OrderTicketsMailProps) {
    const qrs = await Promise.all(
      props.tickets.map(async (ticket, index) => ({
        filename: `ticket-${index + 1}-qr.png`,
        content: await ticketQrPng(ticket.code),
        contentType: "image/png",
        cid: qrCid(index),
      })),
    );
    const calendar = calendarFile(props.event, { uid: `order-${props.orderId}@marquee`, url: props.tickets[0]?.ticketUrl ?? "" });
    return [...qrs, { filename: "event.ics", content: calendar, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }];
  },
  preview: {
    buyerName: "Zoë Müller",
    orderId: "00000000-0000-4000-8000-000000000000",
    event: ticketTemplate.preview.event,
    tickets: [
      { code: "preview-ticket-code-001", variantName: "General admission", ticketUrl: "http://localhost:3000/t/preview-ticket-code-001" },
      { code: "preview-ticket-code-002", variantName: "VIP", ticketUrl: "http://localhost:3000/t/preview-ticket-code-002" },
    ],
  } satisfies OrderTicketsMailProps,
} satisfies MailTemplate<OrderTicketsMailProps>;
