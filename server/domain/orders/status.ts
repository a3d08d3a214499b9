// An order's status changes, each ONE guarded UPDATE (`WHERE status IN (from)`): of any number
// of concurrent settlers (a payment, a repeated webhook, the buyer canceling, the hold-expiry
// sweep) exactly one wins, and only the winner moves the tickets. The race tests swap this
// module's moveOrder for an unguarded one (testing/unguarded-status.ts).
import type { Tx } from "../../db/client";
import type { Prisma } from "../../generated/prisma/client";
import type { OrderStatus } from "../../generated/prisma/enums";

/** Moves the order from one of `from` to `data.status`; false when it was in none of them (someone else settled it). */
export async function moveOrder(
  tx: Tx,
  orderId: string,
  from: readonly OrderStatus[],
  data: Prisma.OrderUpdateManyMutationInput & { status: OrderStatus },
): Promise<boolean> {
  const { count } = await tx.order.updateMany({ where: { id: orderId, status: { in: [...from] } }, data });
  return count === 1;
}
