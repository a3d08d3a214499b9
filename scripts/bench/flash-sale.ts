// Selling tickets under load.
//
// Flash sale: 64 connections of anonymous buyers POSTing one-ticket orders to
// /product-event/:id/orders for one FREE ticket type of 100,000 (a free order is a complete
// sale in one request: capacity, order, ticket, guest book entry, mail queued; a paid one would
// stop at a hold and measure Stripe's stand-in too). Each request comes from its own client
// address (X-Forwarded-For), as phones on a venue's network would, so the anonymous rate limit
// counts them as it would count a crowd. Compared in the same run with (a) the same sale in raw
// SQL by 64 pg clients (order, item, guest, ticket inserts and the conditional capacity update,
// in one transaction) and (b) GET /api/health at 64 connections, the stack's floor.
//
// Sell-out: 1,000 buyers at once for 100 tickets (all requests in flight together): how long
// until the last ticket is sold, and that exactly 100 are (oversold must be 0).
import { randomUUID } from "node:crypto";
import { createEvent } from "../../prisma/factories";
import { newTicketCode } from "../../server/domain/guests/ticket-code";
import type { BenchDatabase } from "./databases";
import { percentile, type LoadFigures } from "./figures";
import { loadHttp } from "./http-load";
import { inTransaction, loadSql } from "./sql-load";

export const BUYER_CONNECTIONS = 64;
export const FLASH_SALE_TICKETS = 100_000;
export const SELL_OUT_BUYERS = 1_000;
export const SELL_OUT_TICKETS = 100;

export interface TicketSale {
  eventId: string;
  variantId: string;
}

/** An upcoming event of the demo curator with one free ticket type of `quantity`. */
export async function prepareSale(database: BenchDatabase, quantity: number, title: string): Promise<TicketSale> {
  const { event, product } = await createEvent(database.db, {
    curatorId: database.curator.id,
    title,
    tickets: [{ name: "Free entry", price: 0, quantity }],
  });
  // Buyers order up to the ticket type's maxPerOrder; one each here.
  return { eventId: event.id, variantId: product.variants[0]!.id };
}

let buyerCount = 0;

/** A new buyer's order body, and the address they buy from. */
function nextBuyer(sale: TicketSale): { body: string; address: string } {
  const n = ++buyerCount;
  return {
    body: JSON.stringify({
      items: [{ variantId: sale.variantId, quantity: 1 }],
      buyer: { firstName: "Flash", lastName: `Buyer ${n}`, email: `flash-${n}-${randomUUID().slice(0, 8)}@buyers.test` },
    }),
    address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  };
}

export function flashSaleOverRest(baseUrl: string, sale: TicketSale, durationSeconds: number, connections = BUYER_CONNECTIONS): Promise<LoadFigures> {
  return loadHttp({
    url: `${baseUrl}/product-event/${sale.eventId}/orders`,
    method: "POST",
    headers: { "content-type": "application/json" },
    nextRequest: () => {
      const { body, address } = nextBuyer(sale);
      return { body, headers: { "content-type": "application/json", "x-forwarded-for": address } };
    },
    connections,
    durationSeconds,
  });
}

/** The same sale as placeOrder makes it for a free ticket, in raw SQL: inserts first, capacity last (as the service does). */
export function flashSaleInRawSql(raw: BenchDatabase, sale: TicketSale, durationSeconds: number): Promise<LoadFigures> {
  return loadSql({
    url: raw.url,
    connections: BUYER_CONNECTIONS,
    durationSeconds,
    work: async (client) => {
      const n = ++buyerCount;
      const email = `raw-${n}@buyers.test`;
      await inTransaction(client, async () => {
        const {
          rows: [order],
        } = await client.query<{ id: string }>(
          `INSERT INTO "Order" (id, event_id, status, buyer_first_name, buyer_last_name, buyer_email, currency, subtotal, total, paid_at, updated_at)
           VALUES (gen_random_uuid(), $1, 'PAID', 'Flash', $2, $3, 'EUR', 0, 0, now(), now()) RETURNING id`,
          [sale.eventId, `Buyer ${n}`, email],
        );
        await client.query(
          `INSERT INTO "OrderItem" (id, order_id, variant_id, name, unit_price, quantity) VALUES (gen_random_uuid(), $1, $2, 'Free entry', 0, 1)`,
          [order!.id, sale.variantId],
        );
        const {
          rows: [guest],
        } = await client.query<{ id: string }>(
          `INSERT INTO "EventGuest" (id, user_id, first_name, last_name, full_name, email, updated_at)
           VALUES (gen_random_uuid(), $1, 'Flash', $2, $3, $4, now()) RETURNING id`,
          [raw.curator.id, `Buyer ${n}`, `Flash Buyer ${n}`, email],
        );
        await client.query(
          `INSERT INTO "EventGuestToEvent" (id, event_id, guest_id, ticket_code, source, order_id, variant_id)
           VALUES (gen_random_uuid(), $1, $2, $3, 'SOLD', $4, $5)`,
          [sale.eventId, guest!.id, newTicketCode(), order!.id, sale.variantId],
        );
        const { rowCount } = await client.query(
          `UPDATE "ProductVariant" SET sold = sold + 1, updated_at = now() WHERE id = $1 AND sold + held + 1 <= quantity`,
          [sale.variantId],
        );
        if (rowCount !== 1) throw new Error("the raw flash sale ran out of tickets: raise FLASH_SALE_TICKETS");
      });
    },
  });
}

/** Mails waiting to be sent (a sale's ticket mails, one per order). */
export async function mailsQueued(database: BenchDatabase): Promise<number> {
  const { rows } = await database.sql.query<{ queued: number }>(`SELECT count(*)::int AS queued FROM "MailMessage" WHERE status = 'QUEUED'`);
  return rows[0]!.queued;
}

/** Tickets issued beyond the ticket type's capacity, and whether the counters agree with the tickets. */
export async function oversoldOf(
  database: BenchDatabase,
  sale: TicketSale,
): Promise<{ oversold: number; issued: number; sold: number; quantity: number }> {
  const {
    rows: [row],
  } = await database.sql.query<{ issued: string; sold: number; quantity: number }>(
    `SELECT (SELECT count(*) FROM "EventGuestToEvent" WHERE variant_id = $1) AS issued, v.sold, v.quantity
       FROM "ProductVariant" v WHERE v.id = $1`,
    [sale.variantId],
  );
  const issued = Number(row!.issued);
  return { oversold: Math.max(0, issued - row!.quantity, row!.sold - row!.quantity), issued, sold: row!.sold, quantity: row!.quantity };
}

export interface SellOut {
  buyers: number;
  tickets: number;
  /** From the first request to the answer that sold the last ticket. */
  seconds: number;
  /** From the first request to the last answer (every refused buyer told). */
  allAnsweredSeconds: number;
  sold: number;
  refusedSoldOut: number;
  otherAnswers: Record<string, number>;
  p99Ms: number;
  oversold: number;
}

/** SELL_OUT_BUYERS requests in flight at once for SELL_OUT_TICKETS tickets. */
export async function sellOutOverRest(baseUrl: string, database: BenchDatabase, sale: TicketSale): Promise<SellOut> {
  const started = performance.now();
  let lastSale = started;
  const latencies: number[] = [];
  const answers = await Promise.all(
    Array.from({ length: SELL_OUT_BUYERS }, async () => {
      const { body, address } = nextBuyer(sale);
      const t0 = performance.now();
      const response = await fetch(`${baseUrl}/product-event/${sale.eventId}/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body,
      });
      const answer = (await response.json().catch(() => ({}))) as { code?: string };
      const t1 = performance.now();
      latencies.push(t1 - t0);
      if (response.status === 201) lastSale = Math.max(lastSale, t1);
      return response.status === 409 && answer.code ? `409 ${answer.code}` : String(response.status);
    }),
  );
  const finished = performance.now();
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1;
  const { ["201"]: sold = 0, ["409 SOLD_OUT"]: refusedSoldOut = 0, ...otherAnswers } = counts;
  latencies.sort((a, b) => a - b);
  return {
    buyers: SELL_OUT_BUYERS,
    tickets: SELL_OUT_TICKETS,
    seconds: (lastSale - started) / 1000,
    allAnsweredSeconds: (finished - started) / 1000,
    sold,
    refusedSoldOut,
    otherAnswers,
    p99Ms: percentile(latencies, 99),
    oversold: (await oversoldOf(database, sale)).oversold,
  };
}
