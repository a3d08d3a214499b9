import Link from "next/link";
import type { Role } from "@/server/generated/prisma/enums";
import { buttonClass } from "./button";
import { ROLE_LABELS } from "./role-badge";

/** What a signed-in user sees on a page meant for another role: why, and where to go instead. */
export function RoleGate({ role, needed, what }: { role: Role; needed: readonly Role[]; what: string }) {
  const names = needed.map((r) => ROLE_LABELS[r].toLowerCase() + "s");
  return (
    <div className="flex flex-1 items-center justify-center px-4 py-16">
      <div className="max-w-md rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-stone-200">
        <h1 className="text-xl font-bold text-ink-950">This page is for {names.join(" and ")}</h1>
        <p className="mt-2 text-sm text-stone-600">
          You're signed in as {ROLE_LABELS[role].toLowerCase()}, so {what} isn't available to you. Sign in as someone else to see it.
        </p>
        <div className="mt-5 flex justify-center gap-2">
          <Link href="/" className={buttonClass("secondary")}>
            Go home
          </Link>
          <Link href="/sign-in" className={buttonClass("primary")}>
            Switch user
          </Link>
        </div>
      </div>
    </div>
  );
}
