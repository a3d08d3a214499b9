import { insertOutboxMessages } from "../../db/sql/outbox";
import { execute } from "../../db/sql/statement";
import type { Prisma } from "../../generated/prisma/client";
import { DOMAIN_EVENTS, type DomainEventName, type DomainEventPayload } from "./messages";

/** A client or an interactive transaction: outbox rows are written inside the caller's. */
type Writer = Pick<Prisma.TransactionClient, "outboxMessage">;

/**
 * Adds a domain event to the outbox. Call it with the transaction that makes the change,
 * so the message exists exactly when the change does.
 */
export async function addToOutbox<N extends DomainEventName>(
  tx: Writer,
  name: N,
  payload: DomainEventPayload<N>,
): Promise<void> {
  await tx.outboxMessage.create({ data: { name, payload: DOMAIN_EVENTS[name].parse(payload) } });
}

/** Several domain events in one INSERT (set-based writers such as the completion sweep). */
export async function addManyToOutbox(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  messages: ReadonlyArray<{ [N in DomainEventName]: { name: N; payload: DomainEventPayload<N> } }[DomainEventName]>,
): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => ({ name: m.name, payload: DOMAIN_EVENTS[m.name].parse(m.payload) }));
  await execute(tx, insertOutboxMessages({ messages: rows }));
}
