// The event the sales specs sell, made by its curator over REST: a paid "VIP" ticket (€59.50 with
// 19 % VAT included, at most 4 per order) and a free "Guest list", 10 days ahead in Berlin, with a
// promoter commission of 10 % of the price before tax.
import type { APIRequestContext } from "@playwright/test";
import { auth, json } from "./api/helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SaleEvent {
  event: { id: string; commission: unknown };
  /** The ticket types, VIP then Guest list. */
  variants: { id: string; name: string; maxPerOrder: number }[];
}

export async function createSaleEvent(request: APIRequestContext, curatorKey: string, title: string): Promise<SaleEvent> {
  const { event, product } = await json(
    await request.post("/product-event/v2", {
      headers: auth(curatorKey),
      data: {
        title,
        startDate: new Date(Date.now() + 10 * DAY_MS).toISOString(),
        timezone: "Europe/Berlin",
        venue: "Halle Süd",
        location: "Revaler Str. 99, 10245 Berlin",
        isTaxEnabled: true,
        taxConfig: { label: "VAT", rateBasisPoints: 1900, included: true },
        commission: { type: "PERCENT", value: 1000 },
        tickets: [
          { name: "VIP", price: 5950, currency: "EUR", quantity: 20, maxPerOrder: 4 },
          { name: "Guest list", price: 0, currency: "EUR", quantity: 50 },
        ],
      },
    }),
    201,
  );
  return { event, variants: product.variants };
}
