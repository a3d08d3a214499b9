import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** A control's look without its width, for controls that sit side by side. */
export const inputBaseClass =
  "block min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base text-ink-950 placeholder:text-stone-400 focus:border-marquee-500 focus:ring-2 focus:ring-marquee-500/30 focus:outline-none aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20 disabled:bg-stone-100 disabled:text-stone-500 sm:text-sm";

export const inputClass = `${inputBaseClass} w-full`;

/**
 * A labelled control with its hint and error. The control gets `id`, and is described by the
 * hint and error (ids `${id}-hint`, `${id}-error`), so a screen reader reads both with it.
 */
export function Field({
  id,
  label,
  hint,
  error,
  optional = false,
  className = "",
  labelClassName = "",
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  optional?: boolean;
  className?: string;
  labelClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className={`text-sm font-medium text-stone-800 ${labelClassName}`}>
        {label}
        {optional ? <span className="font-normal text-stone-500"> (optional)</span> : null}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p id={id} className="flex items-start gap-1 text-sm font-medium text-red-700">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      {error}
    </p>
  );
}

/** aria props tying a control to its Field's hint and error. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: string | null }) {
  const ids = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean);
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": ids.length ? ids.join(" ") : undefined,
  } as const;
}

export function TextInput({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${inputClass} ${className}`} {...props} />;
}

export function TextArea({ className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${inputClass} py-2.5 ${className}`} {...props} />;
}

export function Select({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${inputClass} pr-8 ${className}`} {...props} />;
}
