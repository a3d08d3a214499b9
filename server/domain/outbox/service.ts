import type { Tx } from "../../db/client";
import { insertOutboxMessages } from "../../db/sql/outbox";
import { execute, type SqlTx } from "../../db/sql/statement";
import { DOMAIN_EVENTS, type DomainEventName, type DomainEventPayload } from "./messages";

/**
 * The channel every INSERT into the outbox NOTIFYs, from a trigger (migration
 * 20261126000000_outbox_notify). PostgreSQL delivers a NOTIFY only when its transaction commits
 * and drops it on rollback, so a worker LISTENing here wakes exactly when new messages become
 * visible, whichever process wrote them.
 */
export const OUTBOX_CHANNEL = "outbox_message";

/** A client or an interactive transaction: outbox rows are written inside the caller's. */
type Writer = Pick<Tx, "outboxMessage">;

/**
 * Adds a domain event to the outbox. Call it with the transaction that makes the change,
 * so the message exists exactly when the change does.
 */
export async function addToOutbox<N extends DomainEventName>(tx: Writer, name: N, payload: DomainEventPayload<N>): Promise<void> {
  await tx.outboxMessage.create({ data: { name, payload: DOMAIN_EVENTS[name].parse(payload) } });
}

/** Several domain events in one INSERT (set-based writers such as the completion sweep). */
export async function addManyToOutbox(
  tx: SqlTx,
  messages: ReadonlyArray<{ [N in DomainEventName]: { name: N; payload: DomainEventPayload<N> } }[DomainEventName]>,
): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => ({ name: m.name, payload: DOMAIN_EVENTS[m.name].parse(m.payload) }));
  await execute(tx, insertOutboxMessages({ messages: rows }));
}
