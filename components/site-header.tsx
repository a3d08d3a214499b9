import Link from "next/link";
import { auth, signOut } from "@/server/auth";
import { MainNav } from "./main-nav";
import { RoleBadge } from "./ui/role-badge";
import { Wordmark } from "./wordmark";

export async function SiteHeader() {
  const session = await auth();
  const user = session?.user?.id ? session.user : null;

  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/" });
  }

  return (
    <header className="sticky top-0 z-30 border-b border-white/10 bg-ink-950">
      <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-3 px-4 sm:px-6">
        <div className="flex items-center gap-6">
          <Wordmark compact={user !== null} />
          {user ? <MainNav role={user.role} variant="bar" /> : null}
        </div>
        {user ? (
          <div className="flex min-w-0 items-center gap-2 sm:gap-3">
            <div className="flex min-w-0 items-center gap-2">
              <span className="truncate text-sm font-medium text-white" data-testid="signed-in-user">
                {user.name}
              </span>
              <RoleBadge role={user.role} onDark />
            </div>
            <form action={signOutAction}>
              <button
                type="submit"
                className="inline-flex min-h-10 min-w-10 items-center justify-center gap-1.5 rounded-lg px-2 text-sm font-medium whitespace-nowrap text-stone-300 transition hover:bg-white/10 hover:text-white sm:px-2.5"
              >
                <SignOutIcon />
                {/* Phones show the icon only; the name stays for screen readers. */}
                <span className="sr-only sm:not-sr-only">Sign out</span>
              </button>
            </form>
          </div>
        ) : (
          <Link href="/sign-in" className="rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-ink-950 transition hover:bg-marquee-100">
            Sign in
          </Link>
        )}
      </div>
      {user ? <MainNav role={user.role} variant="tabs" /> : null}
    </header>
  );
}

function SignOutIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 sm:size-4">
      <path
        fillRule="evenodd"
        d="M3 4.25A2.25 2.25 0 0 1 5.25 2h5.5A2.25 2.25 0 0 1 13 4.25v2a.75.75 0 0 1-1.5 0v-2a.75.75 0 0 0-.75-.75h-5.5a.75.75 0 0 0-.75.75v11.5c0 .414.336.75.75.75h5.5a.75.75 0 0 0 .75-.75v-2a.75.75 0 0 1 1.5 0v2A2.25 2.25 0 0 1 10.75 18h-5.5A2.25 2.25 0 0 1 3 15.75V4.25Z"
        clipRule="evenodd"
      />
      <path
        fillRule="evenodd"
        d="M19 10a.75.75 0 0 0-.75-.75H8.704l1.048-.943a.75.75 0 1 0-1.004-1.114l-2.5 2.25a.75.75 0 0 0 0 1.114l2.5 2.25a.75.75 0 1 0 1.004-1.114l-1.048-.943h9.546A.75.75 0 0 0 19 10Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
