// A guest's ticket, opened from the ticket mail's link: the QR code as large as the phone allows,
// with whose ticket it is and for what. No sign-in: the unguessable code is the key. Unknown: 404.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatEventRange } from "@/components/format";
import { db } from "@/server/db";
import { getPublicTicket } from "@/server/domain/guests/public-ticket";
import { AppError } from "@/server/errors";

export const metadata: Metadata = { title: "Your ticket", robots: { index: false, follow: false } };

async function loadTicket(code: string) {
  try {
    return await getPublicTicket(db, code);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function TicketPage({ params }: { params: Promise<{ code: string }> }) {
  const ticket = await loadTicket(decodeURIComponent((await params).code));
  const { event } = ticket;
  const when = formatEventRange(new Date(event.startDate), event.endDate ? new Date(event.endDate) : null, event.timezone);
  return (
    <div className="flex flex-1 flex-col items-center bg-ink-950 px-4 py-6 text-white">
      <div className="w-full max-w-md">
        <p className="text-sm font-semibold tracking-widest text-marquee-300 uppercase">Ticket</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-balance">{event.title}</h1>
        <p className="mt-1 text-lg text-stone-200" data-testid="ticket-guest">
          {ticket.guestName}
        </p>
        {ticket.ticketType ? (
          <p className="mt-2 inline-block rounded-full bg-marquee-500 px-3 py-1 text-sm font-bold text-ink-950" data-testid="ticket-type">
            {ticket.ticketType}
          </p>
        ) : null}
        <div
          role="img"
          aria-label="Ticket QR code"
          data-testid="ticket-qr"
          className="mx-auto mt-5 aspect-square w-full rounded-2xl bg-white p-3 [&>svg]:h-full [&>svg]:w-full"
          dangerouslySetInnerHTML={{ __html: ticket.qrSvg }}
        />
        <p className="mt-2 text-center text-sm text-stone-400">Show this code at the door. Turn your screen brightness up.</p>
        <dl className="mt-6 space-y-3 rounded-2xl bg-ink-800 p-4">
          <div>
            <dt className="text-xs font-semibold tracking-wide text-stone-400 uppercase">When</dt>
            <dd className="text-base font-medium">{when}</dd>
          </div>
          <div>
            <dt className="text-xs font-semibold tracking-wide text-stone-400 uppercase">Where</dt>
            <dd className="text-base font-medium">{event.venue}</dd>
            <dd className="text-sm text-stone-300">{event.location ?? "The address will be revealed before the event."}</dd>
          </div>
        </dl>
      </div>
    </div>
  );
}
