// Auth.js (next-auth v5) configuration: JWT sessions; a sign-in link by email (its Nodemailer
// provider, the mail queued through our outbox); Google and GitHub where their keys are set;
// and the one-click dev sign-in ("dev"), which signs in as an existing user by email.
import { AuthError, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";
import type { Db } from "../db/client";
import { clientOf, LINK_MAX_AGE_SECONDS, sendSignInLink } from "../domain/users/sign-in-link";
import { env, isDevSignInAllowed } from "../env";
import { marqueeAdapter } from "./adapter";
import { authSecret } from "./secret";

export { authSecret };
import { findDevSignInUser } from "./dev-sign-in";

export const DEV_SIGN_IN_PROVIDER_ID = "dev";
export const EMAIL_LINK_PROVIDER_ID = "nodemailer";

/** Too many links asked for; the sign-in page says so without saying whether the address exists. */
export class SignInLinkRateLimited extends AuthError {
  // Auth.js tells clients only some error types: a direct POST then lands on /sign-in?error=AccessDenied.
  static type = "AccessDenied" as const;
  constructor(readonly retryAfterSeconds: number) {
    super("Too many sign-in links asked for");
  }
}

/**
 * The link on the app's configured origin (APP_URL). Auth.js builds it from the request's
 * host (trusted, for the proxy's sake), and a forged Host would otherwise mail a real token
 * to its owner inside a link to the forger's site.
 */
export function onAppOrigin(url: string, appUrl: string): string {
  const link = new URL(url);
  const app = new URL(appUrl);
  link.protocol = app.protocol;
  link.host = app.host;
  return link.href;
}

/** The OAuth providers whose keys are set, by id, for the sign-in page's buttons. */
export function oauthProviders(): { id: "google" | "github"; name: string }[] {
  const e = env();
  return [
    ...(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET ? [{ id: "google" as const, name: "Google" }] : []),
    ...(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? [{ id: "github" as const, name: "GitHub" }] : []),
  ];
}

export function authConfig(db: Db): NextAuthConfig {
  const e = env();
  return {
    secret: authSecret(),
    // The app is reached through whatever host the proxy or test runner uses.
    trustHost: true,
    session: { strategy: "jwt" },
    adapter: marqueeAdapter(db),
    // newUser: Auth.js sends an account it has just created there, with the callbackUrl.
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/sign-in/check-email", newUser: "/welcome" },
    providers: [
      Nodemailer({
        id: EMAIL_LINK_PROVIDER_ID,
        name: "Email",
        maxAge: LINK_MAX_AGE_SECONDS,
        // Required by the provider, never used: the mail goes through the outbox (below) and
        // the mail-send job's own transport. A JSON transport could send nothing even if used.
        server: { jsonTransport: true },
        async sendVerificationRequest({ identifier, url, expires, request }) {
          const link = onAppOrigin(url, e.APP_URL);
          const outcome = await sendSignInLink(db, { email: identifier, url: link, expires, client: clientOf(request.headers) });
          if (!outcome.queued) throw new SignInLinkRateLimited(outcome.retryAfterSeconds);
        },
      }),
      // Both providers only give out addresses their users have verified, so an account found
      // by that address is the same person's: that is what makes this linking safe here (and
      // Google's profile says so explicitly: see the signIn callback).
      ...(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET
        ? [Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET, allowDangerousEmailAccountLinking: true })]
        : []),
      ...(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET
        ? [GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET, allowDangerousEmailAccountLinking: true })]
        : []),
      Credentials({
        id: DEV_SIGN_IN_PROVIDER_ID,
        name: "One-click dev sign-in",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials) {
          // Checked on every attempt, not only when the page renders: a hand-made POST to
          // /api/auth/callback/dev must be refused in production too.
          if (!isDevSignInAllowed()) return null;
          const user = await findDevSignInUser(db, credentials.email);
          if (!user) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    logger: {
      error(error) {
        // Expected answers the page explains, not server faults: a mistyped dev sign-in email, a
        // spent, expired or forged link, too many links. By `type`: a build minifies class names.
        if (error instanceof SignInLinkRateLimited) return;
        if (error instanceof AuthError && (error.type === "CredentialsSignin" || error.type === "Verification")) return;
        console.error("[auth]", error);
      },
    },
    callbacks: {
      // Same-site paths only, whatever origin they were written with (APP_URL's in a sign-in
      // link, the request's here): Auth.js's default drops a callbackUrl of another origin.
      redirect({ url, baseUrl }) {
        const target = new URL(url, baseUrl);
        const sameSite = [new URL(baseUrl).origin, new URL(e.APP_URL).origin].includes(target.origin);
        return sameSite ? new URL(`${target.pathname}${target.search}${target.hash}`, baseUrl).toString() : baseUrl;
      },
      signIn({ account, profile }) {
        // A Google address its owner never verified must not open the account that owns it.
        if (account?.provider === "google") return profile?.email_verified === true;
        return true;
      },
      async jwt({ token, user }) {
        // `user` is only present right after sign-in; later requests reuse the token.
        if (user?.id && user.role) {
          token.id = user.id;
          token.role = user.role;
          token.name = user.name ?? "";
          token.email = user.email ?? "";
        } else if (token.id) {
          // Read the user again, as resolveActor does for the API, so that pages too see a
          // changed role or name at once (a welcome answered, an admin made); gone: signed out.
          const current = await db.user.findUnique({ where: { id: token.id }, select: { role: true, name: true, email: true } });
          if (!current) return null;
          token.role = current.role;
          token.name = current.name;
          token.email = current.email;
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
