// A buyer's order, where the buy button and the checkout lead: paid, every ticket's QR code (the
// same code the mail carries and /t/<code> shows full screen); waiting for payment, the time the
// tickets stay held and the way to pay; expired or canceled, plainly so, and the way back to the
// post. No sign-in: the order id is the buyer's capability (server/domain/orders/get.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { HoldCountdown } from "@/components/buy/hold-countdown";
import { PriceLines } from "@/components/buy/price-lines";
import { taxLine } from "@/components/buy/sale-model";
import { formatEventRange, formatMoney } from "@/components/format";
import { buttonClass } from "@/components/ui/button";
import { ticketQrSvg } from "@/server/domain/guests/public-ticket";
import type { OrderView, TaxView } from "@/server/domain/orders/schema";
import { loadOrder } from "./load";

export const metadata: Metadata = { title: "Your order", robots: { index: false, follow: false } };

const HEADINGS: Record<OrderView["status"], string> = {
  PAID: "You're in",
  PENDING_PAYMENT: "Pay to get your tickets",
  EXPIRED: "This order expired",
  CANCELED: "This order was canceled",
  REFUNDED: "This order was refunded",
};

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { order, holdRanOut: holdOver, event, tax, postSlug } = await loadOrder((await params).orderId);
  const when = formatEventRange(new Date(event.startDate), event.endDate ? new Date(event.endDate) : null, event.timezone);
  const qrs = await Promise.all(order.tickets.map((ticket) => ticketQrSvg(ticket.code)));

  return (
    <div className="flex flex-1 flex-col items-center bg-ink-950 px-4 py-6 text-white sm:py-10">
      <div className="flex w-full max-w-md flex-col gap-5">
        <header>
          <p className="text-sm font-semibold tracking-widest text-marquee-300 uppercase">Order</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight text-balance" data-testid="order-heading">
            {holdOver ? "Your hold has run out" : HEADINGS[order.status]}
          </h1>
          <p className="mt-1 text-stone-300" data-testid="order-status">
            <StatusWords order={order} holdOver={holdOver} />
          </p>
        </header>

        {order.status === "PENDING_PAYMENT" && !holdOver && order.checkoutUrl && order.expiresAt ? (
          <div className="flex flex-col gap-3 rounded-2xl bg-white p-4 text-ink-950">
            <p>
              Your tickets are held for you for another <HoldCountdown until={order.expiresAt} />.
            </p>
            <a href={order.checkoutUrl} className={buttonClass("accent", "lg", "w-full")}>
              Pay {formatMoney(order.total, order.currency)}
            </a>
          </div>
        ) : null}

        {(order.status === "EXPIRED" || order.status === "CANCELED" || holdOver) && postSlug ? (
          <Link href={`/p/${postSlug}`} className={buttonClass("accent", "lg", "w-full")}>
            Back to the event
          </Link>
        ) : null}

        <section aria-labelledby="event-heading" className="rounded-2xl bg-ink-800 p-4">
          <h2 id="event-heading" className="text-lg font-bold text-balance">
            {event.title}
          </h2>
          <dl className="mt-2 space-y-2">
            <div>
              <dt className="text-xs font-semibold tracking-wide text-stone-400 uppercase">When</dt>
              <dd className="font-medium">
                <time dateTime={event.startDate}>{when}</time>
              </dd>
            </div>
            <div>
              <dt className="text-xs font-semibold tracking-wide text-stone-400 uppercase">Where</dt>
              <dd className="font-medium">{event.venue}</dd>
              <dd className="text-sm text-stone-300" data-testid="order-location">
                {event.location ?? "The address will be revealed before the event."}
              </dd>
            </div>
          </dl>
        </section>

        {order.tickets.length ? (
          <section aria-labelledby="tickets-heading" className="flex flex-col gap-4">
            <h2 id="tickets-heading" className="text-lg font-bold">
              {order.tickets.length === 1 ? "Your ticket" : `Your ${order.tickets.length} tickets`}
            </h2>
            <p className="-mt-2 text-sm text-stone-300">Each ticket lets one person in once. Turn your screen brightness up at the door.</p>
            <ol className="flex flex-col gap-4">
              {order.tickets.map((ticket, index) => (
                <li key={ticket.code} className="rounded-2xl bg-white p-4 text-ink-950" data-testid="order-ticket">
                  <p className="font-semibold">
                    Ticket {index + 1} of {order.tickets.length} · <span data-testid="order-ticket-type">{ticket.variantName}</span>
                  </p>
                  <div
                    role="img"
                    aria-label={`QR code of ticket ${index + 1}, ${ticket.variantName}`}
                    data-testid="order-ticket-qr"
                    className="mx-auto mt-3 aspect-square w-full max-w-72 [&>svg]:h-full [&>svg]:w-full"
                    dangerouslySetInnerHTML={{ __html: qrs[index]! }}
                  />
                  <Link href={`/t/${encodeURIComponent(ticket.code)}`} className={buttonClass("secondary", "md", "mt-3 w-full")}>
                    Open ticket {index + 1} full screen
                  </Link>
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        <section aria-labelledby="totals-heading" className="rounded-2xl bg-ink-800 p-4">
          <h2 id="totals-heading" className="text-lg font-bold">
            Summary
          </h2>
          <Totals order={order} tax={tax} />
        </section>
      </div>
    </div>
  );
}

function StatusWords({ order, holdOver }: { order: OrderView; holdOver: boolean }) {
  const email = <span className="font-semibold text-white">{order.buyer.email}</span>;
  if (holdOver) return <>If you paid just now, your tickets appear here in a moment. Otherwise nothing was charged.</>;
  switch (order.status) {
    case "PAID":
      return <>Your tickets are below and were sent to {email}.</>;
    case "PENDING_PAYMENT":
      return <>Once you pay, your tickets appear here and are sent to {email}.</>;
    case "EXPIRED":
      return <>The payment didn't arrive in time, so the tickets were released. Nothing was charged.</>;
    case "CANCELED":
      return <>The payment was canceled or failed, so the tickets were released. Nothing was charged.</>;
    case "REFUNDED":
      return <>Your payment was refunded; these tickets no longer admit anyone.</>;
  }
}

function Totals({ order, tax }: { order: OrderView; tax: TaxView | null }) {
  // The order's own amounts say whether its tax was in the prices; the event names it.
  const included = order.total === order.subtotal;
  const line = tax ? taxLine({ ...tax, included }) : included ? "incl. tax" : "+ tax";
  return (
    <div className="mt-2">
      <PriceLines
        lines={order.items.map((item) => ({ ...item, amount: item.unitPrice * item.quantity }))}
        subtotal={order.subtotal}
        tax={{ line, amount: order.tax }}
        total={order.total}
        currency={order.currency}
        tone="dark"
        testIdPrefix="order"
      />
    </div>
  );
}
