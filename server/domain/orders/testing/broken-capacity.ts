// Test-only: broken ways to take capacity, for the race tests' negative controls, so those
// tests can tell a broken capacity check from a working one. The tests mock ../capacity with
// `swappable(takeOrderTickets)` and set `taking.broken` for the control's storm.
import { execute, query, statement, type SqlTx } from "../../../db/sql/statement";
import { Prisma } from "../../../generated/prisma/client";
import type * as capacity from "../capacity";
import type { Take, TicketLine } from "../capacity";

type TakeOrderTickets = typeof capacity.takeOrderTickets;

/** REQUEST_ORDER's pause between ticket types (seconds). */
const PAUSE_BETWEEN_TYPES_S = 0.05;

/**
 * READ_THEN_WRITE: reads what is left, then writes the counter it computed (the classic lost
 * update: concurrent buyers all see the same tickets left). REQUEST_ORDER: the real statement,
 * but ticket types in the order the buyer listed them rather than by id (two orders listing
 * them the other way round lock them in a cycle, more often for a pause between the types).
 */
export const taking: { broken: "READ_THEN_WRITE" | "REQUEST_ORDER" | null } = { broken: null };

// Raw statements, since the batch of orders runs in a direct transaction (no Prisma models).
const readThenWrite: TakeOrderTickets = async (tx: SqlTx, lines: readonly TicketLine[], take: Take) => {
  for (const { variantId, quantity } of lines) {
    const [variant] = await query(
      tx,
      statement<{ quantity: number; sold: number; held: number }>(
        Prisma.sql`SELECT quantity, sold, held FROM "ProductVariant" WHERE id = ${variantId}::uuid`,
      ),
    );
    if (variant!.quantity - variant!.sold - variant!.held < quantity) return false;
    await execute(
      tx,
      take === "HOLD"
        ? statement(Prisma.sql`UPDATE "ProductVariant" SET held = ${variant!.held + quantity} WHERE id = ${variantId}::uuid`)
        : statement(Prisma.sql`UPDATE "ProductVariant" SET sold = ${variant!.sold + quantity} WHERE id = ${variantId}::uuid`),
    );
  }
  return true;
};

/** The module's takeOrderTickets, or a broken one while `taking.broken` is set. */
export function swappable(real: typeof capacity): TakeOrderTickets {
  const inRequestOrder: TakeOrderTickets = async (tx, lines, take) => {
    for (const [index, line] of lines.entries()) {
      // A pause between two types, as a busy server's event loop makes between two statements:
      // a cycle needs another batch to lock the second type in that gap.
      if (index > 0) await query(tx, statement(Prisma.sql`SELECT pg_sleep(${PAUSE_BETWEEN_TYPES_S})`));
      if (!(await real.takeTickets(tx, line, take))) return false;
    }
    return true;
  };
  const broken = { READ_THEN_WRITE: readThenWrite, REQUEST_ORDER: inRequestOrder };
  return (tx, lines, take, options) => (taking.broken ? broken[taking.broken] : real.takeOrderTickets)(tx, lines, take, options);
}
