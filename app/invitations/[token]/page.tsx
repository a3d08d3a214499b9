import type { Metadata } from "next";
import Link from "next/link";
import { formatEventStart } from "@/components/format";
import { buttonClass } from "@/components/ui/button";
import { requirePageUser } from "@/server/auth/page-access";
import { LINK_DOES_NOTHING } from "@/server/domain/invitations/link";
import { api } from "@/server/trpc/server";
import { acceptInvitationAction, switchAccountAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

type Params = Promise<{ token: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const ROLE_WORDS = {
  STAFF: { as: "door staff", does: "You'll check guests in at the door with your phone.", button: "Join" },
  PROMOTER: { as: "a promoter", does: "The event will be first in your feed, ready for your post.", button: "Join" },
} as const;

// The link from an invitation mail. Signed out: sign in first (an account is made for a new
// address) and come back here; then one clear button accepts it.
export default async function InvitationPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { token } = await params;
  const user = await requirePageUser(`/invitations/${encodeURIComponent(token)}`);
  const { state, invitation } = await api.invitations.preview({ token });
  const error = (await searchParams).error;

  return (
    <div className="relative isolate flex flex-1 justify-center px-4 py-8 sm:py-14">
      <div aria-hidden="true" className="absolute inset-x-0 top-0 -z-10 h-56 bg-ink-950 sm:h-64" />
      <div className="w-full max-w-md">
        <div className="mb-6 text-white">
          <p className="text-sm font-semibold tracking-wide text-marquee-300 uppercase">Invitation</p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight">
            {invitation && state === "OPEN" ? `${invitation.invitedBy} invites you` : "This link does nothing"}
          </h1>
        </div>
        <div className="rounded-2xl bg-white p-5 shadow-xl shadow-ink-950/10 ring-1 ring-stone-200 sm:p-6">
          {typeof error === "string" ? (
            <p role="alert" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-600/20">
              {error}
            </p>
          ) : null}
          {invitation ? (
            <div className="mb-5">
              <p className="text-sm font-semibold text-marquee-700">{formatEventStart(invitation.event.startDate, invitation.event.timezone)}</p>
              <h2 className="text-xl leading-snug font-bold text-ink-950">{invitation.event.title}</h2>
              <p className="text-base text-stone-600">{invitation.event.venue}</p>
            </div>
          ) : null}

          {state !== "OPEN" || !invitation ? (
            <>
              <p role="status" className="text-base text-stone-700">
                {LINK_DOES_NOTHING[state === "OPEN" ? "FORGED" : state]}
              </p>
              <Link href="/" className={buttonClass("secondary", "md", "mt-5 w-full")}>
                Go to Marquee
              </Link>
            </>
          ) : invitation.forYou ? (
            <form action={acceptInvitationAction} className="flex flex-col gap-4">
              <input type="hidden" name="token" value={token} />
              <p className="text-base text-stone-700">
                {invitation.invitedBy} invites you as {ROLE_WORDS[invitation.kind].as}. {ROLE_WORDS[invitation.kind].does}
              </p>
              {/* The event's name may be long: the button wraps rather than overflow a phone. */}
              <button type="submit" className={buttonClass("accent", "lg", "w-full py-3 text-center whitespace-normal!")}>
                {ROLE_WORDS[invitation.kind].button} {invitation.event.title} as {ROLE_WORDS[invitation.kind].as}
              </button>
              <p className="text-sm text-stone-500">Signed in as {user.email}.</p>
            </form>
          ) : (
            <form action={switchAccountAction} className="flex flex-col gap-4">
              <input type="hidden" name="token" value={token} />
              <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/30">
                This invitation is for <strong className="font-semibold">{invitation.email}</strong>, and you are signed in as{" "}
                <strong className="font-semibold">{user.email}</strong>. Only the invited address can accept it.
              </p>
              <button type="submit" className={buttonClass("primary", "lg", "w-full")}>
                Sign in with the invited address
              </button>
            </form>
          )}
        </div>
      </div>
    </div>
  );
}
