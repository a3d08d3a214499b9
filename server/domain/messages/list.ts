// An event's messages, newest first, each with its deliveries counted by state (the compose
// view refetches this to show them going out).
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { DeliveryState } from "../../generated/prisma/enums";
import { findMessagingEvent } from "./event";
import { ZAudience, type DeliveryCounts, type MessageView } from "./schema";

/** Enough for any event's history on one page; older ones stay in the database. */
const LIST_LIMIT = 100;

export async function listMessages(db: Db, actor: Actor, eventId: string): Promise<{ messages: MessageView[] }> {
  const event = await findMessagingEvent(db, actor, eventId);
  const messages = await db.eventMessage.findMany({
    where: { eventId: event.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
    select: {
      id: true,
      channel: true,
      subject: true,
      body: true,
      audience: true,
      recipients: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  });
  const counts = await db.messageDelivery.groupBy({
    by: ["messageId", "state"],
    where: { messageId: { in: messages.map((m) => m.id) } },
    _count: { _all: true },
  });
  const zero = () => Object.fromEntries(Object.values(DeliveryState).map((state) => [state, 0])) as DeliveryCounts;
  const byMessage = new Map(messages.map((m) => [m.id, zero()]));
  for (const row of counts) byMessage.get(row.messageId)![row.state] = row._count._all;
  return {
    messages: messages.map(({ author, audience, ...m }) => ({
      ...m,
      audience: ZAudience.parse(audience),
      author: author.name,
      deliveries: byMessage.get(m.id)!,
    })),
  };
}
