// API key authentication (server/domain/api-keys/service.ts).
import { Prisma } from "../../generated/prisma/client";
import type { Role } from "../../generated/prisma/enums";
import { preparedStatement } from "./statement";

/** The user behind a live key with this hash; stamps the key's last_used_at, to the minute (why: authenticateApiKey). */
export function authenticateKey({ hash }: { hash: string }) {
  return preparedStatement<{ keyId: string; id: string; role: Role; name: string; email: string }>(Prisma.sql`
    WITH key AS (
      SELECT k.id AS key_id, k.last_used_at, u.id, u.role::text AS role, u.name, u.email
        FROM "ApiKey" k JOIN "User" u ON u.id = k.user_id
       WHERE k.hash = ${hash} AND k.revoked_at IS NULL
    ),
    touched AS (
      UPDATE "ApiKey" k SET last_used_at = now()
        FROM key
       WHERE k.id = key.key_id AND (key.last_used_at IS NULL OR key.last_used_at < now() - interval '1 minute')
    )
    SELECT key_id AS "keyId", id, role, name, email FROM key`);
}
