// An update's ticket list against the live ticket types: which to change, add and remove.
import type { Tx } from "../../db/client";
import { lockTicketCounts } from "../../db/sql/events";
import { query } from "../../db/sql/statement";
import { AppError, invalidInput, type FieldError } from "../../errors";
import type { TUpdateEventInput } from "./schema";

type TicketFields = {
  name: string;
  price: number;
  currency: string;
  quantity: number;
  saleStartsAt: Date | null;
  saleEndsAt: Date | null;
  maxPerOrder: number;
  position: number;
};

export interface TicketPlan {
  changed: boolean;
  updates: { id: string; data: TicketFields }[];
  creates: TicketFields[];
  removeIds: string[];
}

type LiveVariant = TicketFields & { id: string };

export const DEFAULT_MAX_PER_ORDER = 10;

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

/**
 * Matches the requested ticket list against the live variants; refuses ids of other products
 * (or repeated ones) naming `tickets.N.id`. Positions follow the list's order. A ticket sent
 * without `currency`, `saleStartsAt`, `saleEndsAt` or `maxPerOrder` keeps its own (an added
 * one takes the merchant's currency, no window and 10 per order).
 */
export function planTickets(tickets: NonNullable<TUpdateEventInput["tickets"]>, live: readonly LiveVariant[], merchantCurrency: string): TicketPlan {
  const byId = new Map(live.map((v) => [v.id, v]));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  tickets.forEach((t, index) => {
    if (t.id === undefined) return;
    if (!byId.has(t.id)) errors.push({ path: `tickets.${index}.id`, message: "is not a ticket type of this event" });
    else if (seen.has(t.id)) errors.push({ path: `tickets.${index}.id`, message: "appears more than once" });
    seen.add(t.id);
  });
  if (errors.length > 0) throw invalidInput("input", errors);

  const plan: TicketPlan = { changed: false, updates: [], creates: [], removeIds: [] };
  tickets.forEach((t, position) => {
    const existing = t.id === undefined ? undefined : byId.get(t.id);
    const next: TicketFields = {
      name: t.name,
      price: t.price,
      currency: t.currency ?? existing?.currency ?? merchantCurrency,
      quantity: t.quantity,
      saleStartsAt: t.saleStartsAt === undefined ? (existing?.saleStartsAt ?? null) : t.saleStartsAt,
      saleEndsAt: t.saleEndsAt === undefined ? (existing?.saleEndsAt ?? null) : t.saleEndsAt,
      maxPerOrder: t.maxPerOrder ?? existing?.maxPerOrder ?? DEFAULT_MAX_PER_ORDER,
      position,
    };
    // One end sent, the other kept: the window is checked as it ends up.
    if (next.saleStartsAt && next.saleEndsAt && next.saleEndsAt <= next.saleStartsAt) {
      errors.push({ path: `tickets.${position}.saleEndsAt`, message: `must be after saleStartsAt (${next.saleStartsAt.toISOString()})` });
    }
    if (!existing) {
      plan.creates.push(next);
      return;
    }
    const same =
      next.name === existing.name &&
      next.price === existing.price &&
      next.currency === existing.currency &&
      next.quantity === existing.quantity &&
      sameInstant(next.saleStartsAt, existing.saleStartsAt) &&
      sameInstant(next.saleEndsAt, existing.saleEndsAt) &&
      next.maxPerOrder === existing.maxPerOrder &&
      next.position === existing.position;
    if (!same) plan.updates.push({ id: existing.id, data: next });
  });
  if (errors.length > 0) throw invalidInput("input", errors);
  plan.removeIds = live.filter((v) => !seen.has(v.id)).map((v) => v.id);
  plan.changed = plan.updates.length > 0 || plan.creates.length > 0 || plan.removeIds.length > 0;
  return plan;
}

/**
 * Refuses a plan that would take a ticket type's capacity below what is sold and held, or
 * remove a ticket type that has sales, naming `tickets.N.quantity` (or `tickets`) with the
 * count. The counted rows stay locked until the update commits, so no order can take a ticket
 * between this check and the write (which the CHECK constraint would answer with a 500).
 */
export async function assertCapacityCoversSales(
  tx: Tx,
  productId: string,
  plan: TicketPlan,
  tickets: NonNullable<TUpdateEventInput["tickets"]>,
): Promise<void> {
  const shrinking = plan.updates.map((u) => u.id);
  const ids = [...shrinking, ...plan.removeIds];
  if (ids.length === 0) return;
  const counts = new Map((await query(tx, lockTicketCounts({ productId, variantIds: ids }))).map((row) => [row.id, row]));
  const errors: FieldError[] = [];
  for (const { id, data } of plan.updates) {
    const taken = (counts.get(id)?.sold ?? 0) + (counts.get(id)?.held ?? 0);
    if (data.quantity < taken) {
      const index = tickets.findIndex((t) => t.id === id);
      errors.push({ path: `tickets.${index}.quantity`, message: `must be at least ${taken}: ${taken} already sold or held` });
    }
  }
  for (const id of plan.removeIds) {
    const row = counts.get(id);
    const taken = (row?.sold ?? 0) + (row?.held ?? 0);
    if (row && taken > 0) {
      errors.push({ path: "tickets", message: `must keep "${row.name}" (${id}): ${taken} already sold or held` });
    }
  }
  if (errors.length > 0) {
    throw new AppError("CONFLICT", `Tickets already sold: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, { errors });
  }
}

/** Writes a plan: removed ticket types are soft-deleted, so sold tickets keep their type. */
export async function applyTicketPlan(tx: Tx, productId: string, plan: TicketPlan): Promise<void> {
  if (plan.removeIds.length > 0) {
    await tx.productVariant.updateMany({
      where: { id: { in: plan.removeIds }, productId },
      data: { deletedAt: new Date() },
    });
  }
  for (const { id, data } of plan.updates) {
    await tx.productVariant.update({ where: { id }, data });
  }
  if (plan.creates.length > 0) {
    await tx.productVariant.createMany({ data: plan.creates.map((c) => ({ ...c, productId })) });
  }
}
