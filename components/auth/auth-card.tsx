import type { ReactNode } from "react";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The sign-in pages' frame: a title on the dark band, then one white card (phone first). */
export function AuthCard({ title, lead, children }: { title: string; lead: ReactNode; children: ReactNode }) {
  return (
    <div className="relative isolate flex flex-1 justify-center px-4 py-8 sm:py-14">
      <div aria-hidden="true" className="absolute inset-x-0 top-0 -z-10 h-56 bg-ink-950 sm:h-64" />
      <div className="w-full max-w-md sm:max-w-lg">
        <div className="mb-6 text-white">
          <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
          <p className="mt-1 text-stone-300">{lead}</p>
        </div>
        <div className="rounded-2xl bg-white p-4 shadow-xl shadow-ink-950/10 ring-1 ring-stone-200 sm:p-6">{children}</div>
      </div>
    </div>
  );
}
