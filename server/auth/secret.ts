// AUTH_SECRET, which signs sessions and sign-in links and, through an HMAC, the links that must
// outlive any session (a mail's unsubscribe link). Apart from config.ts so that code without
// Auth.js (the background worker) can sign with it.
import { env } from "../env";

// Used only when AUTH_SECRET is unset outside production, so `npm run dev` works on a fresh
// clone. Anyone who knows this string can forge a session for any user, which gives them
// nothing beyond what dev sign-in already gives everyone on a development server. It is never
// used in production: there env() refuses to start without AUTH_SECRET, and dev sign-in is
// refused unless DEV_SIGN_IN=1 is set on purpose.
const DEV_ONLY_AUTH_SECRET = "marquee-dev-only-auth-secret--never-used-in-production";

export function authSecret(): string | undefined {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  return e.NODE_ENV === "production" ? undefined : DEV_ONLY_AUTH_SECRET;
}
