// Shopify's orders/paid webhook (server/domain/shopify/orders-paid.ts): 200 once handled,
// 401 for a delivery no connected store's secret signed. Not a REST route of ours: Shopify is
// the only caller, authenticated by its HMAC rather than by a key or a session.
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { toProblem } from "@/server/rest/problem";
import { receiveShopifyOrderPaid } from "@/server/domain/shopify/orders-paid";

export const dynamic = "force-dynamic";

/** Shopify's order payloads are far smaller; a bigger body is not a webhook of theirs. */
const MAX_BODY_BYTES = 2_000_000;

export async function POST(request: Request) {
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${MAX_BODY_BYTES} bytes`);
    }
    const rawBody = Buffer.from(await request.arrayBuffer());
    if (rawBody.length > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${MAX_BODY_BYTES} bytes`);
    const result = await receiveShopifyOrderPaid(db, {
      shopDomain: request.headers.get("x-shopify-shop-domain"),
      hmac: request.headers.get("x-shopify-hmac-sha256"),
      rawBody,
    });
    return Response.json(result, { status: 200 });
  } catch (error) {
    return toProblem(error);
  }
}
