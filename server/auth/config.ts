// Auth.js (next-auth v5) configuration: JWT sessions, and one provider for now, the
// one-click dev sign-in ("dev"), which signs in as an existing user by email.
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env, isDevSignInAllowed } from "../env";
import { findDevSignInUser } from "./dev-sign-in";

export const DEV_SIGN_IN_PROVIDER_ID = "dev";

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

export function authConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    // The app is reached through whatever host the proxy or test runner uses.
    trustHost: true,
    session: { strategy: "jwt" },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        id: DEV_SIGN_IN_PROVIDER_ID,
        name: "One-click dev sign-in",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials) {
          // Checked on every attempt, not only when the page renders: a hand-made POST to
          // /api/auth/callback/dev must be refused in production too.
          if (!isDevSignInAllowed()) return null;
          // Imported here so that loading the auth config never opens a database pool.
          const { db } = await import("../db");
          const user = await findDevSignInUser(db, credentials.email);
          if (!user) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    logger: {
      error(error) {
        // A mistyped email is an expected answer (the page says so), not a server fault.
        if (error.name === "CredentialsSignin") return;
        console.error("[auth]", error);
      },
    },
    callbacks: {
      jwt({ token, user }) {
        // `user` is only present right after sign-in; later requests reuse the token.
        if (user?.id && user.role) {
          token.id = user.id;
          token.role = user.role;
          token.name = user.name ?? "";
          token.email = user.email ?? "";
        }
        return token;
      },
      session({ session, token }) {
        if (token.id && token.role) {
          session.user = {
            ...session.user,
            id: token.id,
            role: token.role,
            name: token.name ?? "",
            email: token.email ?? "",
          };
        }
        return session;
      },
    },
  };
}
