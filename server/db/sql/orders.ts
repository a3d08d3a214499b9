// The statements that move a ticket type's capacity (server/domain/orders): every path that
// takes tickets (our checkout, free orders, Shopify, a late payment) goes through
// holdTickets or sellTickets, each ONE conditional UPDATE, never a read then a write
// (docs/decisions/selling-tickets.md). The CHECK (sold + held <= quantity) sits beneath them.
import { Prisma } from "../../generated/prisma/client";
import { OrderStatus } from "../../generated/prisma/enums";
import { statement } from "./statement";

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

/**
 * One batch of the hold-expiry sweep: locks held orders whose deadline passed, skipping rows
 * another transaction holds (a payment settling that order right now), so concurrent sweeps
 * and payments never wait on each other. The status is re-checked after the lock.
 */
export function lockDueHolds({ now, limit }: { now: Date; limit: number }) {
  return statement<{ id: string }>(Prisma.sql`
    SELECT id FROM "Order"
    WHERE status = ${OrderStatus.PENDING_PAYMENT}::"OrderStatus" AND expires_at <= ${now}::timestamptz
    ORDER BY expires_at, id
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`);
}

/**
 * Serializes issuing tickets to one buyer email in one curator's guest book until the
 * transaction ends, so two orders by a new buyer at once find or create ONE guest book entry.
 */
export function lockBuyerInGuestBook({ curatorId, email }: { curatorId: string; email: string }) {
  return statement<{ locked: string }>(
    Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`guest-book:${curatorId}:${email.toLowerCase()}`}, 0))::text AS locked`,
  );
}
