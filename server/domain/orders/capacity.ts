// Taking and giving back an order's tickets, one conditional statement per ticket type in
// variant id order, so two orders of several types never wait on each other in a cycle
// (docs/decisions/selling-tickets.md). The race tests swap takeTickets for a broken one.
import { holdTickets, releaseHeldTickets, sellHeldTickets, sellTickets } from "../../db/sql/orders";
import { query, type SqlTx } from "../../db/sql/statement";
import { queueShopifyInventoryPush } from "../shopify/inventory";

export interface TicketLine {
  variantId: string;
  quantity: number;
}

/** HOLD for an order awaiting payment; SELL for one that is paid (or free) already. */
export type Take = "HOLD" | "SELL";

/** Lines sorted by variant id: the one lock order every capacity change follows. */
export function inLockOrder<T extends TicketLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}

/** Takes `quantity` tickets of one type; false when fewer are left (nothing taken then). */
export async function takeTickets(tx: SqlTx, line: TicketLine, take: Take): Promise<boolean> {
  const [row] = await query(tx, take === "HOLD" ? holdTickets(line) : sellTickets(line));
  return row !== undefined;
}

/**
 * Takes every line in lock order; false as soon as one type has too few left. The caller then
 * rolls its transaction back, which gives back what the earlier lines took. `storeConnected`:
 * false when the caller knows no merchant of these ticket types has a Shopify store (the sale's
 * event read says so), which spares the push's statement.
 */
export async function takeOrderTickets(
  tx: SqlTx,
  lines: readonly TicketLine[],
  take: Take,
  { storeConnected = true }: { storeConnected?: boolean } = {},
): Promise<boolean> {
  // Before the ticket types' rows are locked, so it adds nothing to how long they stay locked.
  if (storeConnected) await queueShopifyInventoryPush(tx, lines);
  for (const line of inLockOrder(lines)) {
    if (!(await takeTickets(tx, line, take))) return false;
  }
  return true;
}

/**
 * A ticket type's counters do not hold the tickets an order held (a bug, or a hand edit of the
 * database). Settling anyway would corrupt the counters further, so the settlement is refused.
 */
export class HeldTicketsMissing extends Error {
  constructor(line: TicketLine, settle: "SELL" | "RELEASE") {
    super(`Ticket type ${line.variantId} holds fewer than ${line.quantity} tickets to ${settle.toLowerCase()}`);
  }
}

/** Moves an order's hold to sold (SELL) or gives it back (RELEASE); only after the order's own guarded status change. */
export async function settleHeldTickets(tx: SqlTx, lines: readonly TicketLine[], settle: "SELL" | "RELEASE"): Promise<void> {
  // Selling a hold leaves what is left unchanged, but a release gives tickets back to sell.
  if (settle === "RELEASE") await queueShopifyInventoryPush(tx, lines);
  for (const line of inLockOrder(lines)) {
    const [row] = await query(tx, settle === "SELL" ? sellHeldTickets(line) : releaseHeldTickets(line));
    if (!row) throw new HeldTicketsMissing(line, settle);
  }
}
