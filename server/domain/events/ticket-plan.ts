// An update's ticket list against the live ticket types: which to change, add and remove.
import type { Tx } from "../../db/client";
import { invalidInput, type FieldError } from "../../errors";
import type { TUpdateEventInput } from "./schema";

type TicketFields = { name: string; price: number; currency: string; quantity: number; position: number };

export interface TicketPlan {
  changed: boolean;
  updates: { id: string; data: TicketFields }[];
  creates: TicketFields[];
  removeIds: string[];
}

type LiveVariant = TicketFields & { id: string };

/**
 * Matches the requested ticket list against the live variants; refuses ids of other products
 * (or repeated ones) naming `tickets.N.id`. Positions follow the list's order. A ticket sent
 * without `currency` keeps its own (an added one takes the merchant's).
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
    if (!existing) {
      plan.creates.push({ name: t.name, price: t.price, currency: t.currency ?? merchantCurrency, quantity: t.quantity, position });
      return;
    }
    const next = { name: t.name, price: t.price, currency: t.currency ?? existing.currency, quantity: t.quantity, position };
    const same =
      next.name === existing.name &&
      next.price === existing.price &&
      next.currency === existing.currency &&
      next.quantity === existing.quantity &&
      next.position === existing.position;
    if (!same) plan.updates.push({ id: existing.id, data: next });
  });
  plan.removeIds = live.filter((v) => !seen.has(v.id)).map((v) => v.id);
  plan.changed = plan.updates.length > 0 || plan.creates.length > 0 || plan.removeIds.length > 0;
  return plan;
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
