import type { Metadata } from "next";
import { auth } from "@/server/auth";
import { oauthProviders } from "@/server/auth/config";
import { listDevSignInUsers } from "@/server/auth/dev-sign-in";
import { callbackPath } from "@/server/auth/redirect";
import { db } from "@/server/db";
import { isDevSignInAllowed } from "@/server/env";
import { initials } from "@/components/format";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { RoleBadge, ROLE_LABELS } from "@/components/ui/role-badge";
import { askForSignInLink, devSignIn, oauthSignIn } from "./actions";
import { AuthCard, first, type SearchParams } from "@/components/auth/auth-card";

export const metadata: Metadata = { title: "Sign in" };

// Worded so that none says whether an address has an account.
const ERRORS: Record<string, string> = {
  InvalidEmail: "That doesn't look like an email address. Check it and try again.",
  TooManyLinks: "Too many sign-in links were asked for from here or for this address. Wait 15 minutes, then try again.",
  AccessDenied: "Sign-in was refused. If you asked for several links, wait 15 minutes and try again.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  OAuthAccountNotLinked: "Sign in with a link by email first; then Google or GitHub will open the same account.",
  CredentialsSignin: "No user has that email. Pick a demo user below, or check the spelling.",
  DevSignInDisabled: "Dev sign-in is turned off on this server.",
};

const OAUTH_ICONS: Record<string, string> = { google: "G", github: "GH" };

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const errorCode = first(params.error);
  const error = errorCode ? (ERRORS[errorCode] ?? "Sign-in failed. Please try again.") : null;
  const callbackUrl = first(params.callbackUrl);
  const redirectTo = callbackPath(callbackUrl);
  const typedEmail = first(params.email) ?? "";
  const devAllowed = isDevSignInAllowed();
  const linkError = errorCode === "InvalidEmail" || errorCode === "TooManyLinks";

  const [users, session] = await Promise.all([devAllowed ? listDevSignInUsers(db) : [], auth()]);
  const oauth = oauthProviders();

  return (
    <AuthCard title="Sign in" lead="We'll email you a link. No password to remember.">
      {session?.user?.id ? (
        <p className="mb-4 rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">
          You are signed in as <strong className="font-semibold">{session.user.name}</strong>.
        </p>
      ) : null}

      {error ? (
        <p role="alert" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-600/20">
          {error}
        </p>
      ) : null}

      <form action={askForSignInLink} className="flex flex-col gap-3">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="sign-in-link-email" className="text-sm font-medium text-stone-800">
            Your email
          </label>
          <input
            id="sign-in-link-email"
            name="email"
            type="email"
            required
            autoComplete="email"
            inputMode="email"
            defaultValue={linkError ? typedEmail : ""}
            placeholder="you@example.com"
            aria-invalid={linkError || undefined}
            className={inputClass}
          />
        </div>
        <button type="submit" className={buttonClass("accent", "lg", "w-full")}>
          Send me a link
        </button>
      </form>

      {oauth.length > 0 ? (
        <>
          <Divider>or</Divider>
          <div className="flex flex-col gap-2.5">
            {oauth.map((provider) => (
              <form key={provider.id} action={oauthSignIn}>
                <input type="hidden" name="provider" value={provider.id} />
                <input type="hidden" name="redirectTo" value={redirectTo} />
                <button type="submit" className={buttonClass("secondary", "lg", "w-full")}>
                  <span aria-hidden="true" className="grid size-6 place-items-center rounded-full bg-ink-950 text-[10px] font-bold text-white">
                    {OAUTH_ICONS[provider.id]}
                  </span>
                  Continue with {provider.name}
                </button>
              </form>
            ))}
          </div>
        </>
      ) : null}

      <p className="mt-4 text-xs text-stone-500">New here? The same link makes your account: you&apos;ll pick what you do next.</p>

      {devAllowed ? <DevSignIn users={users} redirectTo={redirectTo} typedEmail={errorCode === "CredentialsSignin" ? typedEmail : ""} /> : null}
    </AuthCard>
  );
}

function DevSignIn({
  users,
  redirectTo,
  typedEmail,
}: {
  users: Awaited<ReturnType<typeof listDevSignInUsers>>;
  redirectTo: string;
  typedEmail: string;
}) {
  return (
    <section aria-labelledby="dev-sign-in" className="mt-6 rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200 sm:p-4">
      <h2 id="dev-sign-in" className="text-sm font-semibold text-ink-950">
        Demo users
      </h2>
      <p className="mt-0.5 mb-3 text-xs text-stone-500">
        One-click dev sign-in: see Marquee as they do. Off in production unless <code className="font-mono">DEV_SIGN_IN=1</code> is set.
      </p>
      {users.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label="Demo users">
          {users.map((user) => (
            <li key={user.id}>
              <form action={devSignIn}>
                <input type="hidden" name="email" value={user.email} />
                <input type="hidden" name="redirectTo" value={redirectTo} />
                <button
                  type="submit"
                  className="flex min-h-14 w-full items-center gap-3 rounded-xl bg-white px-3 py-2 text-left ring-1 ring-stone-200 transition hover:bg-marquee-50 hover:ring-marquee-300 active:scale-[0.99]"
                >
                  <Avatar name={user.name} />
                  <span className="flex min-w-0 flex-1 flex-col">
                    <span className="font-semibold text-ink-950">
                      Continue as {user.name}
                      <span className="sr-only"> · {ROLE_LABELS[user.role]}</span>
                    </span>
                    {/* On a phone the badge sits under the name, so the name and address get the card's width. */}
                    <span className="flex min-w-0 items-center gap-2">
                      <span aria-hidden="true" className="shrink-0 sm:hidden">
                        <RoleBadge role={user.role} />
                      </span>
                      <span className="truncate text-sm text-stone-500">{user.email}</span>
                    </span>
                  </span>
                  <span aria-hidden="true" className="hidden sm:inline">
                    <RoleBadge role={user.role} />
                  </span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20">
          There are no users yet. Run <code className="font-mono">npm run db:seed</code> to add the demo users.
        </p>
      )}

      <Divider>or any existing user</Divider>

      <form action={devSignIn} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="sign-in-email" className="text-sm font-medium text-stone-700">
            Email
          </label>
          <input
            id="sign-in-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            inputMode="email"
            defaultValue={typedEmail}
            placeholder="someone@marquee.test"
            aria-invalid={Boolean(typedEmail) || undefined}
            className={inputClass}
          />
        </div>
        <button type="submit" className={buttonClass("primary", "md")}>
          Sign in
        </button>
      </form>
    </section>
  );
}

function Divider({ children }: { children: string }) {
  return (
    <div className="my-5 flex items-center gap-3 text-xs font-medium tracking-wide text-stone-500 uppercase">
      <span className="h-px flex-1 bg-stone-200" />
      {children}
      <span className="h-px flex-1 bg-stone-200" />
    </div>
  );
}

function Avatar({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      className="grid size-10 shrink-0 place-items-center rounded-full bg-gradient-to-br from-marquee-400 to-spotlight-500 text-sm font-bold text-white"
    >
      {initials(name)}
    </span>
  );
}
