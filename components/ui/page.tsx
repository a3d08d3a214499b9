import type { ReactNode } from "react";

/** The page column: phones edge to edge with a little padding, desktops centred. */
export function PageShell({ children, width = "wide" }: { children: ReactNode; width?: "wide" | "narrow" }) {
  return <div className={`mx-auto w-full px-4 py-6 sm:px-6 sm:py-10 ${width === "wide" ? "max-w-7xl" : "max-w-3xl"}`}>{children}</div>;
}

export function PageHeader({
  eyebrow,
  title,
  description,
  actions,
}: {
  eyebrow?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-col gap-4 sm:mb-8 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        {eyebrow ? <div className="mb-1 text-sm font-medium text-stone-500">{eyebrow}</div> : null}
        <h1 className="text-3xl font-bold tracking-tight text-balance text-ink-950 sm:text-4xl">{title}</h1>
        {description ? <p className="mt-1 max-w-2xl text-base text-stone-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** A white card section with a heading. */
export function Section({
  title,
  description,
  actions,
  children,
  id,
  className = "",
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
  className?: string;
}) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section aria-labelledby={headingId} className={`rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-6 ${className}`}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg font-semibold text-ink-950">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-stone-600">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-2xl border-2 border-dashed border-stone-300 bg-white px-6 py-12 text-center">
      {icon ? (
        <span aria-hidden="true" className="mb-4 grid size-14 place-items-center rounded-2xl bg-marquee-50 text-marquee-600">
          {icon}
        </span>
      ) : null}
      <h2 className="text-lg font-semibold text-ink-950">{title}</h2>
      {children ? <div className="mt-1 max-w-sm text-sm text-stone-600">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}

export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-lg bg-stone-200/80 ${className}`} />;
}

/** An alert box: errors, warnings and notes. */
export function Notice({
  tone = "info",
  title,
  children,
  role,
}: {
  tone?: "info" | "warning" | "error" | "success";
  title?: ReactNode;
  children?: ReactNode;
  role?: "alert" | "status";
}) {
  const tones = {
    info: "bg-sky-50 text-sky-900 ring-sky-600/20",
    warning: "bg-amber-50 text-amber-900 ring-amber-600/25",
    error: "bg-red-50 text-red-800 ring-red-600/20",
    success: "bg-emerald-50 text-emerald-900 ring-emerald-600/20",
  };
  return (
    <div role={role} className={`rounded-xl px-4 py-3 text-sm ring-1 ${tones[tone]}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-0.5" : ""}>{children}</div> : null}
    </div>
  );
}
