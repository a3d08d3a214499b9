// The statements that move a ticket type's capacity (server/domain/orders): every path that
// takes tickets (our checkout, free orders, Shopify, a late payment) goes through
// holdTickets or sellTickets, each ONE conditional UPDATE, never a read then a write
// (docs/decisions/selling-tickets.md). The CHECK (sold + held <= quantity) sits beneath them.
import { Prisma } from "../../generated/prisma/client";
import { OrderStatus, type CommissionType, type EventStatus, type TicketSource } from "../../generated/prisma/enums";
import { insertMailMessages, MAIL_QUEUED_FROM_MAILED } from "./mail";
import { preparedStatement, statement, type Statement } from "./statement";

/** A ticket type's counters after a change. */
export interface CapacityRow {
  id: string;
  quantity: number;
  sold: number;
  held: number;
}

/**
 * Holds `quantity` tickets of a live ticket type for an order awaiting payment; no row when
 * fewer are left. PostgreSQL locks the row and re-checks the condition on its newest version,
 * so concurrent buyers can never take more than is left together.
 */
export function holdTickets({ variantId, quantity }: { variantId: string; quantity: number }) {
  return statement<CapacityRow>(Prisma.sql`
    UPDATE "ProductVariant" SET held = held + ${quantity}, updated_at = now()
    WHERE id = ${variantId}::uuid AND deleted_at IS NULL AND sold + held + ${quantity} <= quantity
    RETURNING id, quantity, sold, held`);
}

/**
 * Sells `quantity` tickets directly (free orders, Shopify orders, a payment that arrived after
 * its hold was released); no row when fewer are left. Same guarantee as holdTickets.
 */
export function sellTickets({ variantId, quantity }: { variantId: string; quantity: number }) {
  return statement<CapacityRow>(Prisma.sql`
    UPDATE "ProductVariant" SET sold = sold + ${quantity}, updated_at = now()
    WHERE id = ${variantId}::uuid AND sold + held + ${quantity} <= quantity
    RETURNING id, quantity, sold, held`);
}

/**
 * Turns an order's hold into sold tickets. Called only after the order's own guarded status
 * change (PENDING_PAYMENT -> PAID), so it runs once per order; `held >= q` is then always true
 * and is kept in the condition so a bug shows as a missing row rather than a negative count.
 */
export function sellHeldTickets({ variantId, quantity }: { variantId: string; quantity: number }) {
  return statement<CapacityRow>(Prisma.sql`
    UPDATE "ProductVariant" SET held = held - ${quantity}, sold = sold + ${quantity}, updated_at = now()
    WHERE id = ${variantId}::uuid AND held >= ${quantity}
    RETURNING id, quantity, sold, held`);
}

/** Gives a hold back (the order expired or was canceled); guarded like sellHeldTickets. */
export function releaseHeldTickets({ variantId, quantity }: { variantId: string; quantity: number }) {
  return statement<CapacityRow>(Prisma.sql`
    UPDATE "ProductVariant" SET held = held - ${quantity}, updated_at = now()
    WHERE id = ${variantId}::uuid AND held >= ${quantity}
    RETURNING id, quantity, sold, held`);
}

/** A held order whose deadline passed, and its Stripe Checkout Session if it has one. */
export type DueHold = { id: string; stripeSessionId: string | null };

/**
 * One batch of the hold-expiry sweep: locks held orders whose deadline passed, skipping rows
 * another transaction holds (a payment settling that order right now), so concurrent sweeps
 * and payments never wait on each other. The status is re-checked after the lock. `skip`: the
 * orders this sweep could not release (their counters disagree), so it moves past them.
 */
export function lockDueHolds({ now, limit, skip }: { now: Date; limit: number; skip: readonly string[] }) {
  return statement<DueHold>(Prisma.sql`
    SELECT id, stripe_session_id AS "stripeSessionId" FROM "Order"
    WHERE status = ${OrderStatus.PENDING_PAYMENT}::"OrderStatus" AND expires_at <= ${now}::timestamptz
      AND id <> ALL(${skip}::uuid[])
    ORDER BY expires_at, id
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`);
}

/**
 * Serializes issuing tickets to these buyer emails in one curator's guest book until the
 * transaction ends, so two orders by a new buyer at once find or create ONE guest book entry.
 * A batch of orders takes all of its buyers' locks in one statement, in the emails' sorted
 * order, so two batches never wait on each other in a cycle.
 */
export function lockBuyersInGuestBook({ curatorId, emails }: { curatorId: string; emails: readonly string[] }) {
  const keys = [...new Set(emails.map((email) => `guest-book:${curatorId}:${email.toLowerCase()}`))].sort();
  return statement<{ locked: string }>(Prisma.sql`
    SELECT pg_advisory_xact_lock(hashtextextended(k, 0))::text AS locked
    FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`);
}

/**
 * The buyers' live entries in the curator's guest book, by email in any case (for each email
 * the oldest if several), keyed by the lower-cased email. Equality on lower(email), served by
 * the index on (user_id, lower(email)): a LIKE would scan the book and read `_` and `%` in an
 * address as wildcards.
 */
export function findBuyersInGuestBook({ curatorId, emails }: { curatorId: string; emails: readonly string[] }) {
  return statement<{ id: string; email: string }>(Prisma.sql`
    SELECT DISTINCT ON (lower(email)) id, lower(email) AS email FROM "EventGuest"
    WHERE user_id = ${curatorId}::uuid AND deleted_at IS NULL AND lower(email) = ANY(${emails.map((email) => email.toLowerCase())}::text[])
    ORDER BY lower(email), created_at, id`);
}

/** An order as a batch writes it (money in minor units; instants as ISO strings). */
export interface NewOrderRow {
  id: string;
  status: OrderStatus;
  buyerFirstName: string;
  buyerLastName: string;
  buyerEmail: string;
  buyerPhone: string | null;
  guestId: string | null;
  postId: string | null;
  promoterId: string | null;
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  commission: number;
  expiresAt: string | null;
  paidAt: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
}

/** A buyer joining a curator's guest book with their first order. */
export interface NewGuestRow {
  id: string;
  firstName: string;
  lastName: string;
  fullName: string;
  email: string;
  phoneNumber: string | null;
  searchText: string;
}

/**
 * Writes a batch of orders of one event, their items, and the guest book entries of their new
 * buyers, in ONE statement. An order whose Idempotency-Key another order of the event already
 * has (or is writing: the statement waits for that transaction) is skipped with its items, and
 * so is a new guest no written order names, so a duplicate leaves no trace. Answers the ids of
 * the orders written. (The foreign keys to the new orders and guests are checked at the end of
 * the statement.)
 */
export function insertOrders({
  eventId,
  curatorId,
  orders,
  items,
  guests,
}: {
  eventId: string;
  curatorId: string;
  orders: readonly NewOrderRow[];
  items: ReadonlyArray<{ orderId: string; variantId: string; name: string; unitPrice: number; quantity: number }>;
  guests: readonly NewGuestRow[];
}) {
  // The event is read again here, locked FOR KEY SHARE (the lock the orders' foreign key takes
  // anyway): a delete or cancel that committed after the order's first read is seen (a waiting
  // locking read re-checks the row as committed), so no order lands on a deleted or closed event.
  // Then no order is written and one row says why: `closedAs` is the event's status, or DELETED.
  return statement<{ id: string | null; closedAs: string | null }>(Prisma.sql`
    WITH open_event AS (
      SELECT status FROM "Event" WHERE id = ${eventId}::uuid AND deleted_at IS NULL FOR KEY SHARE
    ), written AS (
      INSERT INTO "Order" (id, event_id, status, buyer_first_name, buyer_last_name, buyer_email, buyer_phone, guest_id, post_id,
                           promoter_id, currency, subtotal, tax, total, commission, expires_at, paid_at, idempotency_key,
                           request_hash, updated_at)
      SELECT o.id, ${eventId}::uuid, o.status::"OrderStatus", o."buyerFirstName", o."buyerLastName", o."buyerEmail", o."buyerPhone",
             o."guestId", o."postId", o."promoterId", o.currency, o.subtotal, o.tax, o.total, o.commission, o."expiresAt",
             o."paidAt", o."idempotencyKey", o."requestHash", now()
      FROM jsonb_to_recordset(${JSON.stringify(orders)}::jsonb) AS o(
             id uuid, status text, "buyerFirstName" text, "buyerLastName" text, "buyerEmail" text, "buyerPhone" text, "guestId" uuid,
             "postId" uuid, "promoterId" uuid, currency text, subtotal int, tax int, total int, commission int,
             "expiresAt" timestamptz, "paidAt" timestamptz, "idempotencyKey" text, "requestHash" text)
      WHERE EXISTS (SELECT 1 FROM open_event WHERE status = 'UPCOMING')
      ON CONFLICT (event_id, idempotency_key) DO NOTHING
      RETURNING id, guest_id
    ), joined AS (
      INSERT INTO "EventGuest" (id, user_id, first_name, last_name, full_name, email, phone_number, search_text, updated_at)
      SELECT g.id, ${curatorId}::uuid, g."firstName", g."lastName", g."fullName", g.email, g."phoneNumber", g."searchText", now()
      FROM jsonb_to_recordset(${JSON.stringify(guests)}::jsonb) AS g(
             id uuid, "firstName" text, "lastName" text, "fullName" text, email text, "phoneNumber" text, "searchText" text)
      WHERE g.id IN (SELECT guest_id FROM written)
    ), itemized AS (
      INSERT INTO "OrderItem" (id, order_id, variant_id, name, unit_price, quantity)
      SELECT gen_random_uuid(), i."orderId", i."variantId", i.name, i."unitPrice", i.quantity
      FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS i("orderId" uuid, "variantId" uuid, name text, "unitPrice" int, quantity int)
      WHERE i."orderId" IN (SELECT id FROM written)
    )
    SELECT id::text, NULL AS "closedAs" FROM written
    UNION ALL
    SELECT NULL, COALESCE((SELECT status::text FROM open_event), 'DELETED')
    WHERE NOT EXISTS (SELECT 1 FROM open_event WHERE status = 'UPCOMING')`);
}

/** The event's live posts with these slugs (the share links orders name), for attribution. */
export function findAttributedPosts({ eventId, slugs }: { eventId: string; slugs: readonly string[] }) {
  return statement<{ id: string; slug: string; creatorId: string }>(Prisma.sql`
    SELECT id::text, slug, creator_id::text AS "creatorId" FROM "Post"
    WHERE slug = ANY(${[...slugs]}::text[]) AND create_from_event_id = ${eventId}::uuid AND deleted_at IS NULL`);
}

/** Issued tickets: one admission each, with its own code, of an order and a ticket type. */
export function insertTickets({
  tickets,
}: {
  tickets: ReadonlyArray<{ eventId: string; guestId: string; ticketCode: string; source: TicketSource; orderId: string; variantId: string }>;
}) {
  return statement(Prisma.sql`
    INSERT INTO "EventGuestToEvent" (id, event_id, guest_id, ticket_code, source, order_id, variant_id)
    SELECT gen_random_uuid(), t."eventId", t."guestId", t."ticketCode", t.source::"TicketSource", t."orderId", t."variantId"
      FROM jsonb_to_recordset(${JSON.stringify(tickets)}::jsonb)
        AS t("eventId" uuid, "guestId" uuid, "ticketCode" text, source text, "orderId" uuid, "variantId" uuid)`);
}

/**
 * Issues the tickets of orders of one event in ONE statement: the admissions, each order's
 * tickets mail (a dedupe key already queued adds nothing) with its outbox message
 * `mail.queued`, and `paidEvents`, the partner webhooks' `order.paid` (partner-webhooks/record.ts,
 * written only when the curator subscribed). One round trip instead of four: a flash sale's
 * server spent a fifth of its CPU writing statements to PostgreSQL's socket.
 */
export function issueOrderTickets({
  tickets,
  mails,
  paidEvents,
}: {
  tickets: Parameters<typeof insertTickets>[0]["tickets"];
  mails: Parameters<typeof insertMailMessages>[0]["mails"];
  paidEvents: Statement<never>;
}) {
  return statement(Prisma.sql`
    WITH issued AS (${insertTickets({ tickets })}),
    mailed AS (${insertMailMessages({ mails })}),
    queued AS (${MAIL_QUEUED_FROM_MAILED}),
    paid AS (${paidEvents})
    SELECT count(*) FROM mailed`);
}

/**
 * Counts attempts against keys in one statement (no transaction needed): `keys` holds one entry
 * per attempt and key, repeats included (a batch of attempts, sale-queue.ts groupCommit). Each
 * key's row is upserted once with its number of attempts, in key order, so concurrent callers
 * lock the rows in the same order, and the keys' spent windows are deleted alongside. Answers
 * each key's count in the current window after these attempts. Prepared (sql/statement.ts):
 * a flash sale's crowd runs it once per batch of buyers, outside Prisma.
 */
export function countAttemptsAgainst({ keys, windowStart }: { keys: string[]; windowStart: Date }) {
  return preparedStatement<{ key: string; count: number }>(Prisma.sql`
    WITH spent AS (
      DELETE FROM "RateLimitWindow" WHERE key = ANY(${keys}::text[]) AND window_start < ${windowStart}::timestamptz
    )
    INSERT INTO "RateLimitWindow" (key, window_start, count)
    SELECT k, ${windowStart}::timestamptz, count(*)::int FROM unnest(${keys}::text[]) AS t(k) GROUP BY k ORDER BY k
    ON CONFLICT (key, window_start) DO UPDATE SET count = "RateLimitWindow".count + EXCLUDED.count
    RETURNING key, count`);
}

/** A live ticket type as selling reads it (jsonb: its instants are ISO strings). */
export interface SaleVariantJson {
  id: string;
  name: string;
  price: number;
  currency: string;
  quantity: number;
  sold: number;
  held: number;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  maxPerOrder: number;
}

/** A live event with everything selling reads of it: the event view's columns and its live products' ticket types. */
export interface SaleEventRow {
  id: string;
  curatorId: string;
  status: EventStatus;
  title: string;
  startDate: Date;
  endDate: Date | null;
  timezone: string;
  venue: string;
  location: string;
  poster: Prisma.JsonValue;
  allowAutoComplete: boolean;
  isAddressRevealEnabled: boolean;
  addressRevealConfig: Prisma.JsonValue;
  isTaxEnabled: boolean;
  taxConfig: Prisma.JsonValue;
  commissionType: CommissionType | null;
  commissionValue: number | null;
  reminderHoursBefore: number | null;
  messageInfo: Prisma.JsonValue;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Whether a merchant selling here has a Shopify store connected (a sale then queues an inventory push). */
  hasStore: boolean;
  products: Array<{ currency: string; variants: SaleVariantJson[] }>;
}

/**
 * The live event with its live products and their live ticket types (by position, then id),
 * and whether any of their merchants has a store connected, in ONE round trip: each order reads it, so it is not left to one query per relation.
 * Prepared (sql/statement.ts queryPrepared): in a flash sale every few orders read it again,
 * and Prisma's own work on its JSON row was a twentieth of the order route's CPU, measured in
 * process at 64 buyers.
 */
export function readSaleEvent({ eventId }: { eventId: string }) {
  return preparedStatement<SaleEventRow>(Prisma.sql`
    SELECT e.id, e.curator_id AS "curatorId", e.status::text AS status, e.title, e.start_date AS "startDate", e.end_date AS "endDate",
           e.timezone, e.venue, e.location, e.poster, e.allow_auto_complete AS "allowAutoComplete",
           e.is_address_reveal_enabled AS "isAddressRevealEnabled", e.address_reveal_config AS "addressRevealConfig",
           e.is_tax_enabled AS "isTaxEnabled", e.tax_config AS "taxConfig", e.commission_type::text AS "commissionType",
           e.commission_value AS "commissionValue", e.reminder_hours_before AS "reminderHoursBefore",
           e.message_info AS "messageInfo", e.version,
           e.created_at AS "createdAt", e.updated_at AS "updatedAt",
           EXISTS (SELECT 1 FROM "Product" p JOIN "Merchant" m ON m.id = p.merchant_id
                   WHERE p.event_id = e.id AND p.deleted_at IS NULL AND m.shopify_token_ciphertext IS NOT NULL) AS "hasStore",
           COALESCE((
             SELECT jsonb_agg(jsonb_build_object('currency', m.currency, 'variants', COALESCE((
                      SELECT jsonb_agg(jsonb_build_object(
                               'id', v.id, 'name', v.name, 'price', v.price, 'currency', v.currency, 'quantity', v.quantity,
                               'sold', v.sold, 'held', v.held, 'saleStartsAt', v.sale_starts_at, 'saleEndsAt', v.sale_ends_at,
                               'maxPerOrder', v.max_per_order) ORDER BY v.position, v.id)
                      FROM "ProductVariant" v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '[]'::jsonb))
                    ORDER BY p.created_at, p.id)
             FROM "Product" p JOIN "Merchant" m ON m.id = p.merchant_id
             WHERE p.event_id = e.id AND p.deleted_at IS NULL), '[]'::jsonb) AS products
    FROM "Event" e
    WHERE e.id = ${eventId}::uuid AND e.deleted_at IS NULL`);
}
