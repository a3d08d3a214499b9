import type { Tx } from "../../db/client";
import { DOMAIN_EVENTS, type DomainEventName, type DomainEventPayload } from "./messages";

/**
 * The channel every outbox write NOTIFYs in its own statement. PostgreSQL delivers a NOTIFY
 * only when its transaction commits (and drops it on rollback), so a worker LISTENing here
 * wakes exactly when new messages become visible, in this process or any other.
 */
export const OUTBOX_CHANNEL = "outbox_message";

type OutboxMessage = { [N in DomainEventName]: { name: N; payload: DomainEventPayload<N> } }[DomainEventName];

/**
 * Adds a domain event to the outbox. Call it with the transaction that makes the change,
 * so the message exists exactly when the change does.
 */
export async function addToOutbox<N extends DomainEventName>(
  tx: Pick<Tx, "$executeRaw">,
  name: N,
  payload: DomainEventPayload<N>,
): Promise<void> {
  await addManyToOutbox(tx, [{ name, payload } as OutboxMessage]);
}

/** Several domain events in one INSERT (set-based writers such as the completion sweep). */
export async function addManyToOutbox(
  tx: Pick<Tx, "$executeRaw">,
  messages: ReadonlyArray<OutboxMessage>,
): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => ({ name: m.name, payload: DOMAIN_EVENTS[m.name].parse(m.payload) }));
  // One jsonb parameter: createMany of a sweep batch's 1,001 rows cost ~100 ms of CPU per batch.
  // The NOTIFY rides in the same statement: no round trip more per write.
  await tx.$executeRaw`
    WITH added AS (
    INSERT INTO "OutboxMessage" (id, name, payload)
    SELECT gen_random_uuid(), m.name, m.payload
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS m(name text, payload jsonb)
    RETURNING 1)
    SELECT pg_notify(${OUTBOX_CHANNEL}, '') WHERE EXISTS (SELECT 1 FROM added)`;
}
