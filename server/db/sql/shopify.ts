// The Shopify push's lock (server/domain/shopify/push.ts): one push per product at a time.
import { Prisma } from "../../generated/prisma/client";
import { statement } from "./statement";

/** How long this transaction's lock requests wait (e.g. "30s") before they fail. */
export function setLockTimeout({ wait }: { wait: string }) {
  return statement<{ lockTimeout: string }>(Prisma.sql`SELECT set_config('lock_timeout', ${wait}, true) AS "lockTimeout"`);
}

/** Waits for the product's push lock, held until the transaction ends (or its connection dies). */
export function lockProductPush({ productId }: { productId: string }) {
  // ::text: the client cannot read a void column.
  return statement<{ locked: string }>(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`shopify-push:${productId}`}, 0))::text AS locked`);
}
