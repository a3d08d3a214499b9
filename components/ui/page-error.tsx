"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonClass } from "./button";

/** The error page of a route segment: what happened, in plain words, and a way out. */
export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: string }).digest ?? "") : "";
  return (
    <div className="flex flex-1 items-center justify-center px-4 py-16">
      <div role="alert" className="max-w-md rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-stone-200">
        <span aria-hidden="true" className="mx-auto mb-4 grid size-12 place-items-center rounded-full bg-red-50 text-red-600">
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="size-6">
            <path strokeLinecap="round" strokeLinejoin="round" d="M12 9v3.75m0 3.75h.008v.008H12v-.008ZM21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" />
          </svg>
        </span>
        <h1 className="text-xl font-bold text-ink-950">This page didn't load</h1>
        <p className="mt-2 text-sm text-stone-600">Something went wrong on our side or on the way. It has been logged; trying again often helps.</p>
        {digest ? <p className="mt-2 font-mono text-xs text-stone-400">Reference {digest}</p> : null}
        <div className="mt-5 flex justify-center gap-2">
          <Link href="/" className={buttonClass("secondary")}>
            Go home
          </Link>
          <Button onClick={() => retry()}>Try again</Button>
        </div>
      </div>
    </div>
  );
}
