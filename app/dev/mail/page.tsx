// The mail catcher (development): every mail the app sent, newest first, and a preview of each
// template with its sample props.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader, PageShell } from "@/components/ui/page";
import { listCaughtMails, listCaughtSms } from "@/server/domain/mail/catcher";
import { MAIL_TEMPLATES } from "@/server/domain/mail/templates";
import { catcherDirOr404 } from "./catcher";

export const metadata: Metadata = { title: "Mail", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

export default async function MailCatcherPage() {
  const dir = catcherDirOr404();
  const [mails, texts] = await Promise.all([listCaughtMails(dir), listCaughtSms(dir)]);
  // Mails and SMS (kept here in development, where no Twilio account is set) in one list, newest first.
  const caught = [...mails.map((mail) => ({ kind: "mail" as const, mail })), ...texts.map((sms) => ({ kind: "sms" as const, sms }))].sort((a, b) =>
    (b.kind === "mail" ? b.mail.id : b.sms.id).localeCompare(a.kind === "mail" ? a.mail.id : a.sms.id),
  );
  return (
    <PageShell width="narrow">
      <PageHeader eyebrow="Development" title="Mail" description={`Every mail and SMS the app sent, caught before it left. Kept in ${dir}.`} />
      {caught.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-stone-600 ring-1 ring-stone-200">No mail yet.</p>
      ) : (
        <ul className="divide-y divide-stone-200 overflow-hidden rounded-2xl bg-white ring-1 ring-stone-200" data-testid="caught-mails">
          {caught.map((entry) =>
            entry.kind === "mail" ? (
              <li key={entry.mail.id}>
                <Link href={`/dev/mail/${entry.mail.id}`} className="block px-4 py-3 hover:bg-stone-50 active:bg-stone-100">
                  <span className="block truncate font-semibold text-ink-950">{entry.mail.subject || "(no subject)"}</span>
                  <span className="mt-0.5 flex justify-between gap-3 text-sm text-stone-500">
                    <span className="truncate">{entry.mail.to}</span>
                    <time className="shrink-0" dateTime={entry.mail.date?.toISOString()}>
                      {entry.mail.date ? time.format(entry.mail.date) : ""}
                    </time>
                  </span>
                </Link>
              </li>
            ) : (
              <li key={entry.sms.id} data-testid="caught-sms" className="px-4 py-3">
                <span className="flex items-center gap-2">
                  <Badge tone="sky">SMS</Badge>
                  <span className="font-semibold text-ink-950 tabular-nums">{entry.sms.to}</span>
                </span>
                <span className="mt-1 block text-sm whitespace-pre-line text-stone-700">{entry.sms.body}</span>
                <time className="mt-0.5 block text-sm text-stone-500" dateTime={entry.sms.date.toISOString()}>
                  {time.format(entry.sms.date)}
                </time>
              </li>
            ),
          )}
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
