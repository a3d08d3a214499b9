// What an order costs: subtotal, tax (included in the prices or added on top) and the
// promoter's commission, all in integer minor units. Tax and commission are rounded half up
// once per order (not per ticket), so 3 tickets cost exactly what one line of 3 says.
import { CommissionType } from "../../generated/prisma/enums";
import type { TaxView } from "./schema";

export interface PricedLine {
  /** Minor units, as the ticket type is priced (tax included when the tax is `included`). */
  unitPrice: number;
  quantity: number;
}

export interface Commission {
  type: CommissionType;
  /** PERCENT: basis points of the pre-tax subtotal; FIXED: minor units per ticket. */
  value: number;
}

export interface OrderPrice {
  subtotal: number;
  tax: number;
  total: number;
  commission: number;
}

/** numerator / denominator rounded half up, exactly (bigint: price x quantity x basis points can pass 2^53). */
export function divideRoundingHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** The tax of a subtotal: the part of it (included) or what is added on top. */
export function taxOf(subtotal: number, tax: TaxView | null): number {
  if (!tax || tax.rateBasisPoints === 0) return 0;
  const rate = BigInt(tax.rateBasisPoints);
  return tax.included ? divideRoundingHalfUp(BigInt(subtotal) * rate, 10_000n + rate) : divideRoundingHalfUp(BigInt(subtotal) * rate, 10_000n);
}

/**
 * The promoter's commission: PERCENT of the subtotal before tax, FIXED per ticket; never more
 * than that pre-tax subtotal (a free ticket earns nothing), null commission earns nothing.
 */
export function commissionOf(preTaxSubtotal: number, tickets: number, commission: Commission | null): number {
  if (!commission) return 0;
  const earned =
    commission.type === CommissionType.PERCENT
      ? divideRoundingHalfUp(BigInt(preTaxSubtotal) * BigInt(commission.value), 10_000n)
      : commission.value * tickets;
  return Math.min(Math.max(earned, 0), preTaxSubtotal);
}

/** Prices an order; `commission` only when the order came through a promoter's post. */
export function priceOrder(lines: readonly PricedLine[], tax: TaxView | null, commission: Commission | null): OrderPrice {
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const tickets = lines.reduce((sum, line) => sum + line.quantity, 0);
  const taxAmount = taxOf(subtotal, tax);
  const included = tax?.included ?? false;
  const preTax = included ? subtotal - taxAmount : subtotal;
  return {
    subtotal,
    tax: taxAmount,
    total: included ? subtotal : subtotal + taxAmount,
    commission: commissionOf(preTax, tickets, commission),
  };
}
