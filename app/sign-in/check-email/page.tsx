import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard, first, type SearchParams } from "@/components/auth/auth-card";
import { buttonClass } from "@/components/ui/button";
import { EmailAddress } from "@/components/ui/email-address";
import { LINK_MAX_AGE_SECONDS } from "@/server/domain/users/sign-in-link";
import { env } from "@/server/env";

export const metadata: Metadata = { title: "Check your email" };

// The same page for every address, known or not: it never says whether an account exists.
export default async function CheckEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const email = first((await searchParams).email);
  const hours = LINK_MAX_AGE_SECONDS / 3600;
  return (
    <AuthCard title="Check your email" lead="Your sign-in link is on its way.">
      <div className="flex flex-col items-center text-center">
        <span aria-hidden="true" className="mb-4 grid size-14 place-items-center rounded-2xl bg-marquee-50 text-marquee-600">
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="size-7">
            <path
              strokeLinecap="round"
              strokeLinejoin="round"
              d="M21.75 6.75v10.5a2.25 2.25 0 0 1-2.25 2.25h-15a2.25 2.25 0 0 1-2.25-2.25V6.75m19.5 0A2.25 2.25 0 0 0 19.5 4.5h-15a2.25 2.25 0 0 0-2.25 2.25m19.5 0v.243a2.25 2.25 0 0 1-1.07 1.916l-7.5 4.615a2.25 2.25 0 0 1-2.36 0L3.32 8.91a2.25 2.25 0 0 1-1.07-1.916V6.75"
            />
          </svg>
        </span>
        <p className="text-base text-stone-700" role="status">
          We sent a sign-in link to{" "}
          {email ? (
            <strong className="font-semibold text-ink-950">
              <EmailAddress email={email} />
            </strong>
          ) : (
            "your address"
          )}
          .
        </p>
        <p className="mt-2 text-sm text-stone-600">Open it on this device. It works once, within {hours === 1 ? "an hour" : `${hours} hours`}.</p>
      </div>

      <ul className="mt-6 flex flex-col gap-2 rounded-xl bg-stone-50 p-4 text-sm text-stone-600 ring-1 ring-stone-200">
        <li>Nothing after a few minutes? Look in your spam folder.</li>
        <li>Typed the wrong address? Ask for a new link.</li>
      </ul>

      <div className="mt-5 flex flex-col gap-2.5">
        <Link href="/sign-in" className={buttonClass("secondary", "lg", "w-full")}>
          Use another address
        </Link>
        {env().NODE_ENV !== "production" ? (
          // The embedded mail catcher of development (and the demo) shows every mail sent.
          <Link href="/dev/mail" className={buttonClass("ghost", "md", "w-full")}>
            Open the development mailbox
          </Link>
        ) : null}
      </div>
    </AuthCard>
  );
}
