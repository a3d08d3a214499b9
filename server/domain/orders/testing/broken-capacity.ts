// Test-only: broken ways to take capacity, for the race tests' negative controls, so those
// tests can tell a broken capacity check from a working one. The tests mock ../capacity with
// `swappable(takeOrderTickets)` and set `taking.broken` for the control's storm.
import type { Tx } from "../../../db/client";
import type * as capacity from "../capacity";
import type { Take, TicketLine } from "../capacity";

type TakeOrderTickets = typeof capacity.takeOrderTickets;

/**
 * READ_THEN_WRITE: reads what is left, then writes the counter it computed (the classic lost
 * update: concurrent buyers all see the same tickets left). REQUEST_ORDER: the real statement,
 * but ticket types in the order the buyer listed them rather than by id (two orders listing
 * them the other way round lock them in a cycle).
 */
export const taking: { broken: "READ_THEN_WRITE" | "REQUEST_ORDER" | null } = { broken: null };

const readThenWrite: TakeOrderTickets = async (tx: Tx, lines: readonly TicketLine[], take: Take) => {
  for (const line of lines) {
    const variant = await tx.productVariant.findUniqueOrThrow({ where: { id: line.variantId }, select: { quantity: true, sold: true, held: true } });
    if (variant.quantity - variant.sold - variant.held < line.quantity) return false;
    await tx.productVariant.update({
      where: { id: line.variantId },
      data: take === "HOLD" ? { held: variant.held + line.quantity } : { sold: variant.sold + line.quantity },
    });
  }
  return true;
};

/** The module's takeOrderTickets, or a broken one while `taking.broken` is set. */
export function swappable(real: typeof capacity): TakeOrderTickets {
  const inRequestOrder: TakeOrderTickets = async (tx, lines, take) => {
    for (const line of lines) if (!(await real.takeTickets(tx, line, take))) return false;
    return true;
  };
  const broken = { READ_THEN_WRITE: readThenWrite, REQUEST_ORDER: inRequestOrder };
  return (tx, lines, take, options) => (taking.broken ? broken[taking.broken] : real.takeOrderTickets)(tx, lines, take, options);
}
