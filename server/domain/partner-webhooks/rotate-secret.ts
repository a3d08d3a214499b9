// POST /webhooks/endpoints/:id/rotate-secret: a new signing secret, shown once; the old one
// stops signing at once (the next request, retries of earlier messages included, is signed
// with the new one).
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { findOwnEndpoint } from "./list";
import { encryptSigningSecret, newSigningSecret } from "./secret";
import { endpointViewSelect, toEndpointView } from "./views";

export async function rotateWebhookSecret(db: Db, actor: Actor, id: string) {
  await findOwnEndpoint(db, actor, id);
  const secret = newSigningSecret();
  const row = await db.webhookEndpoint.update({
    where: { id },
    data: { secretCiphertext: encryptSigningSecret(secret, id) },
    select: endpointViewSelect,
  });
  return { endpoint: { ...toEndpointView(row), secret } };
}
