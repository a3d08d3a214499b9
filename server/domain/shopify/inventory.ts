// What is left of each ticket type is its inventory in the merchant's Shopify store (push.ts
// sends it). Every change of sold or held queues a push through here; the statement coalesces a
// flash sale's orders into one pending push per product (server/db/sql/shopify.ts).
import { queueInventoryPush } from "../../db/sql/shopify";
import { execute, type SqlTx } from "../../db/sql/statement";

/** Queues a push of what is left for these ticket types' products, in the sale's transaction (it happens exactly when the sale does). */
export async function queueShopifyInventoryPush(tx: SqlTx, lines: ReadonlyArray<{ variantId: string }>): Promise<void> {
  if (lines.length === 0) return;
  await execute(tx, queueInventoryPush({ variantIds: lines.map((line) => line.variantId) }));
}
