// The payment arriving for a held order, as the payment provider's confirmation delivers it
// (the test checkout page and Stripe's webhook both end in confirmPayment), for specs that
// need paid orders without driving a checkout page. Prints the settled order as JSON.
//   npx tsx e2e/pay-order.ts <orderId>
import { createDb } from "../server/db/client";
import { confirmPayment } from "../server/domain/orders/settle";
import { withDatabase } from "../scripts/lib/database";

const orderId = process.argv[2];
if (!orderId) {
  console.error("usage: npx tsx e2e/pay-order.ts <orderId>");
  process.exit(2);
}

const settled = await withDatabase(async (url) => {
  const db = createDb(url, { max: 1 });
  try {
    return await confirmPayment(db, { orderId });
  } finally {
    await db.$disconnect();
  }
});
console.log(JSON.stringify(settled));
