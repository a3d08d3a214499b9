// What the buy form shows and sends, kept apart from the form so it can be tested: each ticket
// type's availability in words, how many a picker may offer, the live order summary (priced by
// the server's own pricing, so the total shown is the total charged) and how the server's
// answers (field errors, SOLD_OUT) land back on the form.
import type { Availability, TaxView } from "@/server/domain/orders/schema";
import { priceOrder } from "@/server/domain/orders/pricing";
import { formatEventStart } from "../format";

export type SaleVariant = Availability["variants"][number];
export type Quantities = Record<string, number>;

/** At or below this many left, a ticket type says how many ("12 left"). */
export const FEW_LEFT = 20;

/** "19 %", "7.5 %". */
export function formatTaxRate(tax: TaxView): string {
  return `${(tax.rateBasisPoints / 100).toLocaleString("en-GB")} %`;
}

/** "incl. VAT 19 %" (in the prices) or "+ VAT 19 %" (added on top). */
export function taxLine(tax: TaxView): string {
  return `${tax.included ? "incl." : "+"} ${tax.label} ${formatTaxRate(tax)}`;
}

/** What a ticket type's row says about buying it now; null when there is nothing to say. */
export function availabilityLabel(variant: SaleVariant, timeZone: string, now: Date = new Date()): string | null {
  if (variant.state === "SOLD_OUT") return "Sold out";
  if (variant.state === "NOT_ON_SALE") {
    if (variant.saleStartsAt && variant.saleStartsAt > now) return `On sale ${formatEventStart(variant.saleStartsAt, timeZone, now)}`;
    return "Sales closed";
  }
  return variant.available <= FEW_LEFT ? `${variant.available} left` : null;
}

/** The most a picker offers: what one order may buy, never more than is left; 0 when not on sale. */
export function maxPickable(variant: SaleVariant): number {
  return variant.state === "ON_SALE" ? Math.max(0, Math.min(variant.maxPerOrder, variant.available)) : 0;
}

/** The items to order: each chosen ticket type with its quantity, in the page's order. */
export function orderItems(variants: readonly SaleVariant[], quantities: Quantities): { variantId: string; quantity: number }[] {
  return variants.filter((v) => (quantities[v.variantId] ?? 0) > 0).map((v) => ({ variantId: v.variantId, quantity: quantities[v.variantId]! }));
}

export interface OrderSummary {
  lines: { variantId: string; name: string; quantity: number; amount: number }[];
  tickets: number;
  subtotal: number;
  tax: number;
  total: number;
}

/** The order as it would be placed now: each line, subtotal, tax and total in minor units. */
export function orderSummary(availability: Pick<Availability, "variants" | "tax">, quantities: Quantities): OrderSummary {
  const lines = availability.variants
    .filter((v) => (quantities[v.variantId] ?? 0) > 0)
    .map((v) => ({ variantId: v.variantId, name: v.name, quantity: quantities[v.variantId]!, unitPrice: v.price }));
  const price = priceOrder(lines, availability.tax, null);
  return {
    lines: lines.map(({ unitPrice, ...line }) => ({ ...line, amount: unitPrice * line.quantity })),
    tickets: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: price.subtotal,
    tax: price.tax,
    total: price.total,
  };
}

/**
 * After SOLD_OUT: what is left of each ticket type as the server counted it, the pickers cut
 * down to it, and a sentence per type that had too few.
 */
export function applySoldOut(
  variants: readonly SaleVariant[],
  quantities: Quantities,
  left: readonly { variantId: string; available: number }[],
): { variants: SaleVariant[]; quantities: Quantities; notes: string[] } {
  const counts = new Map(left.map((l) => [l.variantId, l.available]));
  const notes: string[] = [];
  const next = variants.map((variant): SaleVariant => {
    const available = counts.get(variant.variantId);
    if (available === undefined) return variant;
    const asked = quantities[variant.variantId] ?? 0;
    if (asked > available) notes.push(available === 0 ? `${variant.name}: sold out.` : `${variant.name}: only ${available} left.`);
    const state = variant.state === "ON_SALE" && available === 0 ? "SOLD_OUT" : variant.state;
    return { ...variant, available, state };
  });
  const cut: Quantities = {};
  for (const variant of next) {
    const asked = quantities[variant.variantId] ?? 0;
    if (asked > 0) cut[variant.variantId] = Math.min(asked, maxPickable(variant));
  }
  return { variants: next, quantities: cut, notes };
}

/**
 * The form's field for a server field error: the tRPC input nests the order under `order`, and
 * an item's error names its index in the items sent, which is mapped back to its ticket type
 * (`variant.<id>`), the picker it belongs to.
 */
export function formFieldOf(path: string, items: readonly { variantId: string }[]): string {
  const field = path.replace(/^order\./, "");
  const item = /^items\.(\d+)\./.exec(field);
  if (item) {
    const sent = items[Number(item[1])];
    if (sent) return `variant.${sent.variantId}`;
  }
  return field.startsWith("items") ? "items" : field;
}
