// What a partner receives: `{ type, timestamp, data }`, where data carries the ids of what
// changed and the changed resource itself as it is when the message is fanned out (the event
// with its lineup and media, the order with its items and tickets, the check-in with its guest),
// so a partner need not call back to learn what happened.
import type { Db } from "../../db/client";
import { eventViewSelect, lineupViewSelect, mediaViewSelect, toEventView, toLineupView, toMediaView } from "../events/views";
import { getOrder } from "../orders/get";
import type { DomainEventPayload } from "../outbox/messages";
import type { PartnerEventType } from "./schema";

export interface PartnerPayload {
  type: PartnerEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** The resource a partner message is about, and whose curator's endpoints receive it; null once it is gone. */
export interface PartnerMessage {
  curatorId: string;
  payload: PartnerPayload;
}

async function readEvent(db: Db, eventId: string) {
  const row = await db.event.findUnique({
    where: { id: eventId },
    select: {
      ...eventViewSelect,
      deletedAt: true,
      lineups: { orderBy: [{ order: "asc" }, { id: "asc" }], select: lineupViewSelect },
      medias: { orderBy: [{ position: "asc" }, { id: "asc" }], select: mediaViewSelect },
    },
  });
  if (!row) return null;
  const { lineups, medias, deletedAt, ...event } = row;
  return {
    curatorId: row.curatorId,
    event: { ...toEventView(event), deletedAt, lineups: lineups.map(toLineupView), medias: medias.map(toMediaView) },
  };
}

async function readCheckIn(db: Db, entryId: string) {
  return db.eventGuestToEvent.findUnique({
    where: { id: entryId },
    select: {
      id: true,
      status: true,
      checkedInAt: true,
      source: true,
      orderId: true,
      variant: { select: { id: true, name: true } },
      checkedInByUser: { select: { id: true, name: true } },
      guest: { select: { id: true, firstName: true, lastName: true, fullName: true, email: true, phoneNumber: true } },
      event: { select: { curatorId: true } },
    },
  });
}

type Source = { [N in PartnerEventType]: { type: N; payload: DomainEventPayload<N> } }[PartnerEventType];

/** The message for a domain event, or null when what it is about no longer exists. */
export async function partnerMessage(db: Db, source: Source, now: Date): Promise<PartnerMessage | null> {
  const timestamp = now.toISOString();
  switch (source.type) {
    case "event.created":
    case "event.updated":
    case "event.status.changed": {
      const found = await readEvent(db, source.payload.eventId);
      if (!found) return null;
      return { curatorId: found.curatorId, payload: { type: source.type, timestamp, data: { ...source.payload, event: found.event } } };
    }
    case "order.paid": {
      const found = await readEvent(db, source.payload.eventId);
      if (!found) return null;
      const order = await getOrder(db, source.payload.orderId);
      return { curatorId: found.curatorId, payload: { type: source.type, timestamp, data: { ...source.payload, order } } };
    }
    case "guest.checked_in": {
      const entry = await readCheckIn(db, source.payload.entryId);
      if (!entry) return null;
      const { event, checkedInByUser, variant, ...checkIn } = entry;
      return {
        curatorId: event.curatorId,
        payload: {
          type: source.type,
          timestamp,
          data: { ...source.payload, checkIn: { ...checkIn, ticketType: variant, checkedInBy: checkedInByUser } },
        },
      };
    }
  }
}
