// The mail catcher (development): every mail the app sent, newest first, and a preview of each
// template with its sample props.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader, PageShell } from "@/components/ui/page";
import { listCaughtMails } from "@/server/domain/mail/catcher";
import { MAIL_TEMPLATES } from "@/server/domain/mail/templates";
import { catcherDirOr404 } from "./catcher";

export const metadata: Metadata = { title: "Mail", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

export default async function MailCatcherPage() {
  const dir = catcherDirOr404();
  const mails = await listCaughtMails(dir);
  return (
    <PageShell width="narrow">
      <PageHeader eyebrow="Development" title="Mail" description={`Every mail the app sent, caught before it left. Kept in ${dir}.`} />
      {mails.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-stone-600 ring-1 ring-stone-200">No mail yet.</p>
      ) : (
        <ul className="divide-y divide-stone-200 overflow-hidden rounded-2xl bg-white ring-1 ring-stone-200" data-testid="caught-mails">
          {mails.map((mail) => (
            <li key={mail.id}>
              <Link href={`/dev/mail/${mail.id}`} className="block px-4 py-3 hover:bg-stone-50 active:bg-stone-100">
                <span className="block truncate font-semibold text-ink-950">{mail.subject || "(no subject)"}</span>
                <span className="mt-0.5 flex justify-between gap-3 text-sm text-stone-500">
                  <span className="truncate">{mail.to}</span>
                  <time className="shrink-0" dateTime={mail.date?.toISOString()}>
                    {mail.date ? time.format(mail.date) : ""}
                  </time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-8 mb-2 text-lg font-semibold text-ink-950">Templates</h2>
      <ul className="flex flex-wrap gap-2">
        {Object.keys(MAIL_TEMPLATES).map((name) => (
          <li key={name}>
            <Link
              href={`/dev/mail/preview/${name}`}
              className="inline-block rounded-full bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-stone-300 hover:bg-stone-50"
            >
              {name}
            </Link>
          </li>
        ))}
      </ul>
    </PageShell>
  );
}
