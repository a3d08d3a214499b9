// POST /webhooks/endpoints: a curator subscribes a partner's URL to events of their account.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../auth/actor";
import { assertKeepsWebhookEndpoints } from "../../auth/policy";
import type { Db } from "../../db/client";
import { invalidInput } from "../../errors";
import type { TCreateWebhookEndpointInput } from "./schema";
import { encryptSigningSecret, newSigningSecret } from "./secret";
import { refuseEndpointUrl, urlPolicy, type Resolve, type UrlPolicy } from "./url-guard";
import { endpointViewSelect, toEndpointView } from "./views";

export interface EndpointUrlOptions {
  policy?: UrlPolicy;
  resolve?: Resolve;
}

/** INVALID_INPUT naming `url` when the URL may not receive webhooks (SSRF: url-guard.ts). */
export async function assertEndpointUrl(url: string, { policy = urlPolicy(), resolve }: EndpointUrlOptions = {}): Promise<void> {
  const refusal = await refuseEndpointUrl(url, policy, resolve);
  if (refusal) throw invalidInput("body", [{ path: "url", message: refusal }]);
}

/** Creates the endpoint; its signing secret is in this answer and in no later one. */
export async function createWebhookEndpoint(db: Db, actor: Actor, input: TCreateWebhookEndpointInput, options: EndpointUrlOptions = {}) {
  assertKeepsWebhookEndpoints(actor);
  await assertEndpointUrl(input.url, options);
  const id = randomUUID();
  const secret = newSigningSecret();
  const row = await db.webhookEndpoint.create({
    data: { id, ownerId: actor.userId, url: input.url, events: input.events, secretCiphertext: encryptSigningSecret(secret, id) },
    select: endpointViewSelect,
  });
  return { endpoint: { ...toEndpointView(row), secret } };
}
