import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard, first, type SearchParams } from "@/components/auth/auth-card";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { requirePageUser } from "@/server/auth/page-access";
import { callbackPath } from "@/server/auth/redirect";
import { db } from "@/server/db";
import { MERCHANT_CURRENCIES, skipsRoleChoice } from "@/server/domain/users/onboarding";
import { completeWelcome } from "./actions";

export const metadata: Metadata = { title: "Welcome" };

const CHOICES = [
  {
    role: "CURATOR",
    title: "Organise events",
    body: "Create events, sell tickets, keep the guest list and run the door.",
  },
  {
    role: "PROMOTER",
    title: "Promote events",
    body: "Share posts of curators' events that stay in step with every change.",
  },
] as const;

// A new account's one question, asked once: Auth.js sends an account it has just made here.
export default async function WelcomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = callbackPath(first(params.callbackUrl));
  const page = await requirePageUser(`/welcome?${new URLSearchParams({ callbackUrl: next })}`);
  const user = await db.user.findUnique({ where: { id: page.id }, select: { name: true, onboardedAt: true } });
  if (!user || user.onboardedAt) redirect(next);
  const askRole = !skipsRoleChoice(next);
  const error = first(params.error);

  return (
    <AuthCard title="Welcome to Marquee" lead="Two questions and you're in.">
      {error ? (
        <p role="alert" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-600/20">
          {error}
        </p>
      ) : null}
      <form action={completeWelcome} className="group flex flex-col gap-5">
        <input type="hidden" name="next" value={next} />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="welcome-name" className="text-sm font-medium text-stone-800">
            Your name
          </label>
          <input
            id="welcome-name"
            name="name"
            required
            maxLength={100}
            autoComplete="name"
            defaultValue={user.name}
            aria-describedby="welcome-name-hint"
            className={inputClass}
          />
          <p id="welcome-name-hint" className="text-xs text-stone-500">
            Guests, promoters and door staff see this name.
          </p>
        </div>

        {askRole ? (
          <fieldset className="flex flex-col gap-2.5">
            <legend className="mb-2 text-sm font-medium text-stone-800">What do you do?</legend>
            {CHOICES.map((choice) => (
              <label
                key={choice.role}
                className="flex cursor-pointer items-start gap-3 rounded-xl bg-white p-4 ring-1 ring-stone-300 transition hover:bg-stone-50 has-[:checked]:bg-marquee-50 has-[:checked]:ring-2 has-[:checked]:ring-marquee-500"
              >
                <input type="radio" name="role" value={choice.role} required className="mt-1 size-5 shrink-0 accent-marquee-600" />
                <span className="flex flex-col">
                  <span className="text-base font-semibold text-ink-950">{choice.title}</span>
                  <span className="text-sm text-stone-600">{choice.body}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}

        {askRole ? (
          // Only organisers sell tickets, so the currency shows once "Organise events" is picked.
          <div className="hidden flex-col gap-1.5 group-has-[input[value=CURATOR]:checked]:flex">
            <label htmlFor="welcome-currency" className="text-sm font-medium text-stone-800">
              Ticket currency
            </label>
            <select id="welcome-currency" name="currency" defaultValue="EUR" className={inputClass}>
              {MERCHANT_CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
            <p className="text-xs text-stone-500">The currency your merchant sells tickets in.</p>
          </div>
        ) : null}

        <button type="submit" className={buttonClass("accent", "lg", "w-full")}>
          Continue
        </button>
      </form>
    </AuthCard>
  );
}
