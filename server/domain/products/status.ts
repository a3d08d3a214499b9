// Product follows its event: ACTIVE while the event is
// UPCOMING, ARCHIVED once it is paused, canceled or completed, ACTIVE again when resumed.
//
// The event service already sets the product's status in the transaction that changes the
// event's, and the completion sweep archives set-based; this job, run after every
// `event.status.changed`, is the reconciliation behind them: it sets the status the event's
// CURRENT status calls for (never the one a message names, which may be stale by now) and
// says what it did. Repeating it, or running it late, changes nothing.
import type { Db } from "../../db/client";
import { shareLockLiveEvent } from "../../db/sql/events";
import { query } from "../../db/sql/statement";
import { EventStatus, ProductStatus } from "../../generated/prisma/enums";

/** Product follows its event: its tickets are on sale only while the event is UPCOMING. */
export function productStatusFor(status: EventStatus): ProductStatus {
  return status === EventStatus.UPCOMING ? ProductStatus.ACTIVE : ProductStatus.ARCHIVED;
}

export interface ProductStatusOutcome {
  /** Null when the event no longer exists. */
  eventStatus: EventStatus | null;
  productStatus: ProductStatus | null;
  /** Products whose status this run changed (0: they already followed the event). */
  changed: number;
}

export async function reconcileProductStatus(db: Db, payload: { eventId: string }): Promise<ProductStatusOutcome> {
  return db.$transaction(async (tx) => {
    // FOR SHARE: a status change (which holds the event FOR UPDATE) cannot commit between our
    // reading the status and our writing the product, so we never write a stale status.
    const events = await query(tx, shareLockLiveEvent({ eventId: payload.eventId }));
    const event = events[0];
    if (!event) return { eventStatus: null, productStatus: null, changed: 0 };
    const productStatus = productStatusFor(event.status);
    const { count } = await tx.product.updateMany({
      where: { eventId: payload.eventId, deletedAt: null, status: { not: productStatus } },
      data: { status: productStatus },
    });
    return { eventStatus: event.status, productStatus, changed: count };
  });
}
