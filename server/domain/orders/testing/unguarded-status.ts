// Test-only: an order status change without its guard, for the hold-expiry race's negative
// control. The test mocks ../status with `swappable(moveOrder)` and sets `moving.unguarded`.
import type { moveOrder } from "../status";

type MoveOrder = typeof moveOrder;

export const moving = { unguarded: false };

/** Reads the status, then writes by id alone: a settler that read it before another one won overwrites that one's outcome. */
const readThenWrite: MoveOrder = async (tx, orderId, from, data) => {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true } });
  if (!order || !from.includes(order.status)) return false;
  await tx.order.update({ where: { id: orderId }, data });
  return true;
};

/** The real moveOrder, or the unguarded one while `moving.unguarded` is set. */
export function swappable(real: MoveOrder): MoveOrder {
  return (tx, orderId, from, data) => (moving.unguarded ? readThenWrite : real)(tx, orderId, from, data);
}
