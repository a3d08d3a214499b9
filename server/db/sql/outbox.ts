// The outbox's set-based write (server/domain/outbox/service.ts).
import { Prisma } from "../../generated/prisma/client";
import { statement } from "./statement";

/**
 * Several outbox messages in one INSERT with one jsonb parameter: createMany of a sweep
 * batch's 1,001 rows cost ~100 ms of CPU per batch.
 */
export function insertOutboxMessages({ messages }: { messages: ReadonlyArray<{ name: string; payload: unknown }> }) {
  return statement(Prisma.sql`
    INSERT INTO "OutboxMessage" (id, name, payload)
    SELECT gen_random_uuid(), m.name, m.payload
      FROM jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) AS m(name text, payload jsonb)`);
}
