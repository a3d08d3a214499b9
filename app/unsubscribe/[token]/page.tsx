import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { buttonClass } from "@/components/ui/button";
import { db } from "@/server/db";
import { unsubscribeView } from "@/server/domain/messages/opt-out";
import { unsubscribeAction } from "./actions";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

type Params = Promise<{ token: string }>;

// The unsubscribe link of a curator's mail to guests. Opening it changes nothing (mail scanners
// open links); the button does. No sign-in: the signed link is the guest's only credential.
export default async function UnsubscribePage({ params }: { params: Params }) {
  const { token } = await params;
  const view = await unsubscribeView(db, decodeURIComponent(token));
  const title = view.state === "FORGED" ? "This link does nothing" : view.state === "UNSUBSCRIBED" ? "You're unsubscribed" : "Unsubscribe";
  return (
    <AuthCard title={title} lead={view.state === "FORGED" ? "Mails from Marquee" : `Mails from ${view.curatorName}`}>
      {view.state === "FORGED" ? (
        <p role="status" className="text-base text-stone-700">
          The link is incomplete or was changed. Open it again from the mail.
        </p>
      ) : view.state === "UNSUBSCRIBED" ? (
        <p role="status" className="text-base text-stone-700">
          {view.email} gets no more mails from {view.curatorName} through Marquee. Your tickets still work.
        </p>
      ) : (
        <form action={unsubscribeAction} className="flex flex-col gap-4">
          <input type="hidden" name="token" value={decodeURIComponent(token)} />
          <p className="text-base text-stone-700">
            Stop mails from {view.curatorName} to {view.email}? Your tickets keep working; only their messages stop.
          </p>
          <button type="submit" className={buttonClass("primary", "lg", "w-full")}>
            Unsubscribe
          </button>
        </form>
      )}
      <Link href="/" className={buttonClass("secondary", "md", "mt-5 w-full")}>
        Go to Marquee
      </Link>
    </AuthCard>
  );
}
