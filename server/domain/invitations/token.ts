// An invitation link's token: 128 bits from the CSPRNG, base64url, only in the mail. The
// database keeps its SHA-256, so a leaked table holds no working link.
import { createHash, randomBytes } from "node:crypto";
import { env } from "../../env";

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(16).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The accept page of a token, /invitations/<token>, as an absolute URL on APP_URL. */
export function invitationUrl(token: string): string {
  return new URL(`/invitations/${encodeURIComponent(token)}`, env().APP_URL).toString();
}
