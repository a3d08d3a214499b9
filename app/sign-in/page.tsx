import type { Metadata } from "next";
import { auth } from "@/server/auth";
import { listDevSignInUsers } from "@/server/auth/dev-sign-in";
import { db } from "@/server/db";
import { isDevSignInAllowed } from "@/server/env";
import { initials } from "@/components/format";
import { RoleBadge, ROLE_LABELS } from "@/components/ui/role-badge";
import { devSignIn } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const ERRORS: Record<string, string> = {
  CredentialsSignin: "No user has that email. Pick a demo user below, or check the spelling.",
  DevSignInDisabled: "Dev sign-in is turned off on this server.",
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const errorCode = first(params.error);
  const error = errorCode ? (ERRORS[errorCode] ?? "Sign-in failed. Please try again.") : null;
  const callbackUrl = first(params.callbackUrl);
  // Auth.js passes an absolute callbackUrl; keep only its path so it stays on this site.
  const redirectTo = callbackUrl ? toPath(callbackUrl) : "/";
  const typedEmail = first(params.email) ?? "";

  if (!isDevSignInAllowed()) return <DevSignInDisabled />;

  const [users, session] = await Promise.all([listDevSignInUsers(db), auth()]);

  return (
    <div className="relative isolate flex flex-1 justify-center px-4 py-8 sm:py-14">
      <div aria-hidden="true" className="absolute inset-x-0 top-0 -z-10 h-56 bg-ink-950 sm:h-64" />
      <div className="w-full max-w-md sm:max-w-lg">
        <div className="mb-6 text-white">
          <h1 className="text-3xl font-bold tracking-tight">Sign in</h1>
          <p className="mt-1 text-stone-300">
            One-click dev sign-in: choose a demo user to see Marquee as they do.
          </p>
        </div>

        <div className="rounded-2xl bg-white p-4 shadow-xl shadow-ink-950/10 ring-1 ring-stone-200 sm:p-6">
          {session?.user?.id ? (
            <p className="mb-4 rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">
              You are signed in as <strong className="font-semibold">{session.user.name}</strong>. Pick someone
              else to switch.
            </p>
          ) : null}

          {error ? (
            <p role="alert" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-600/20">
              {error}
            </p>
          ) : null}

          {users.length > 0 ? (
            <ul className="flex flex-col gap-2.5" aria-label="Demo users">
              {users.map((user) => (
                <li key={user.id}>
                  <form action={devSignIn}>
                    <input type="hidden" name="email" value={user.email} />
                    <input type="hidden" name="redirectTo" value={redirectTo} />
                    <button
                      type="submit"
                      className="flex min-h-16 w-full items-center gap-3 rounded-xl bg-stone-50 px-3 py-3 text-left ring-1 ring-stone-200 transition hover:bg-marquee-50 hover:ring-marquee-300 active:scale-[0.99]"
                    >
                      <Avatar name={user.name} />
                      <span className="flex min-w-0 flex-1 flex-col">
                        <span className="font-semibold text-ink-950">
                          Continue as {user.name}
                          <span className="sr-only"> · {ROLE_LABELS[user.role]}</span>
                        </span>
                        <span className="truncate text-sm text-stone-500">{user.email}</span>
                      </span>
                      <span aria-hidden="true">
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

          <div className="my-5 flex items-center gap-3 text-xs font-medium tracking-wide text-stone-500 uppercase">
            <span className="h-px flex-1 bg-stone-200" />
            or any existing user
            <span className="h-px flex-1 bg-stone-200" />
          </div>

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
                autoComplete="email"
                inputMode="email"
                defaultValue={typedEmail}
                placeholder="someone@marquee.test"
                aria-invalid={errorCode === "CredentialsSignin" || undefined}
                className="min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base text-ink-950 placeholder:text-stone-400 focus:border-marquee-500 focus:ring-2 focus:ring-marquee-500/30 focus:outline-none"
              />
            </div>
            <button
              type="submit"
              className="min-h-11 rounded-lg bg-ink-950 px-4 text-sm font-semibold text-white transition hover:bg-ink-800"
            >
              Sign in
            </button>
          </form>
        </div>

        <p className="mt-4 text-center text-xs text-stone-500">
          Dev sign-in needs no password. It is off in production unless <code className="font-mono">DEV_SIGN_IN=1</code>{" "}
          is set.
        </p>
      </div>
    </div>
  );
}

function toPath(url: string): string {
  try {
    const parsed = new URL(url, "http://marquee.invalid");
    const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    return path.startsWith("/sign-in") ? "/" : path;
  } catch {
    return "/";
  }
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

function DevSignInDisabled() {
  return (
    <div className="flex flex-1 justify-center px-4 py-12 sm:py-20">
      <div className="w-full max-w-md rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
        <h1 className="text-2xl font-bold tracking-tight text-ink-950">Sign in</h1>
        <p role="status" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 ring-1 ring-amber-600/20">
          Dev sign-in is disabled in production.
        </p>
        <p className="mt-3 text-sm text-stone-600">
          One-click sign-in lets anyone act as any user, so a production server refuses it. To turn it on for a
          demo or staging server, start it with <code className="rounded bg-stone-100 px-1 font-mono">DEV_SIGN_IN=1</code>{" "}
          (and an <code className="rounded bg-stone-100 px-1 font-mono">AUTH_SECRET</code>). In development it is always on.
        </p>
      </div>
    </div>
  );
}
