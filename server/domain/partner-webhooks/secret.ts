// An endpoint's signing secret: Standard Webhooks' `whsec_<base64>` form, stored encrypted with
// the same AES-GCM helper as merchants' Shopify secrets (token-crypto.ts), bound to the
// endpoint's id so a ciphertext copied onto another endpoint does not decrypt.
import { randomBytes } from "node:crypto";
import { decryptToken, encryptToken } from "../shopify/token-crypto";

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

function context(endpointId: string): string {
  return `${endpointId}:partner-webhook-secret`;
}

export function encryptSigningSecret(secret: string, endpointId: string): string {
  return encryptToken(secret, context(endpointId));
}

export function decryptSigningSecret(ciphertext: string, endpointId: string): string {
  return decryptToken(ciphertext, context(endpointId));
}
