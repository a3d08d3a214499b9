// One mail as the catcher shows it: headers, the HTML in a sandboxed frame (no scripts, no
// access to the app), the text body, and the attachments.
import Link from "next/link";
import type { ReactNode } from "react";
import { PageShell } from "@/components/ui/page";

export interface MailViewProps {
  subject: string;
  headers: Array<[string, string]>;
  html: string | null;
  text: string | null;
  attachments: Array<{ filename: string | null; contentType: string; size: number; dataUrl: string }>;
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-4 overflow-hidden rounded-2xl bg-white ring-1 ring-stone-200">
      <h2 className="border-b border-stone-200 px-4 py-2 text-sm font-semibold text-stone-600">{title}</h2>
      {children}
    </section>
  );
}

export function MailView({ subject, headers, html, text, attachments }: MailViewProps) {
  return (
    <PageShell width="narrow">
      <Link href="/dev/mail" className="text-sm font-medium text-stone-600 hover:text-ink-950">
        ← All mail
      </Link>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-balance text-ink-950">{subject}</h1>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {headers.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-stone-500">{name}</dt>
            <dd className="break-all text-ink-950">{value}</dd>
          </div>
        ))}
      </dl>
      {html ? (
        <Panel title="HTML">
          <iframe title="The mail's HTML" sandbox="" srcDoc={html} className="block h-[70dvh] w-full bg-stone-50" data-testid="mail-html" />
        </Panel>
      ) : null}
      {text ? (
        <Panel title="Text">
          <pre className="overflow-x-auto p-4 text-xs whitespace-pre-wrap text-ink-950 [overflow-wrap:anywhere] sm:text-sm" data-testid="mail-text">
            {text}
          </pre>
        </Panel>
      ) : null}
      {attachments.length > 0 ? (
        <Panel title="Attachments">
          <ul className="divide-y divide-stone-200">
            {attachments.map((a, i) => (
              <li key={i} className="flex items-center gap-3 px-4 py-3 text-sm">
                {a.contentType.startsWith("image/") ? (
                  <img src={a.dataUrl} alt={a.filename ?? "image"} className="size-14 rounded bg-white ring-1 ring-stone-200" />
                ) : null}
                <a href={a.dataUrl} download={a.filename ?? "attachment"} className="min-w-0 flex-1 truncate font-medium text-marquee-700 underline">
                  {a.filename ?? "(unnamed)"}
                </a>
                <span className="shrink-0 text-stone-500">
                  {a.contentType.split(";")[0]} · {Math.ceil(a.size / 1024)} KB
                </span>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </PageShell>
  );
}

export const dataUrl = (contentType: string, content: Buffer) => `data:${contentType.split(";")[0]};base64,${content.toString("base64")}`;
