"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { buttonClass, type ButtonSize, type ButtonVariant } from "../ui/button";

/**
 * Shares a post's public link: the phone's share sheet (Web Share API) where there is one,
 * otherwise the link is copied, and where even that is refused, shown to copy by hand.
 */
export function ShareButton({
  path,
  title,
  text,
  variant = "secondary",
  size = "md",
  label = "Share",
  className = "",
}: {
  /** The app path to share, e.g. /p/abc123. */
  path: string;
  title: string;
  text?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  label?: string;
  className?: string;
}) {
  const [status, setStatus] = useState<"idle" | "copied" | "manual">("idle");
  // The origin is known only in the browser: the server (and hydration) render the bare path.
  const origin = useSyncExternalStore(
    subscribeToNothing,
    () => window.location.origin,
    () => null,
  );
  const url = origin ? new URL(path, origin).toString() : path;
  const manualInput = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    if (status === "manual") manualInput.current?.select();
  }, [status]);

  async function share() {
    const data = { title, text, url };
    if (typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data))) {
      try {
        await navigator.share(data);
        return;
      } catch (error) {
        if ((error as Error).name === "AbortError") return; // closed the share sheet
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setStatus("idle"), 2500);
    } catch {
      setStatus("manual");
    }
  }

  return (
    <span className={`relative inline-flex flex-col ${className}`}>
      <button type="button" onClick={share} className={buttonClass(variant, size, "w-full")} data-share-url={url}>
        {status === "copied" ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-emerald-600">
            <path
              fillRule="evenodd"
              d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
              clipRule="evenodd"
            />
          </svg>
        ) : (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M13 4.5a2.5 2.5 0 1 1 .702 1.737L6.97 9.604a2.518 2.518 0 0 1 0 .792l6.733 3.367a2.5 2.5 0 1 1-.671 1.341l-6.733-3.367a2.5 2.5 0 1 1 0-3.475l6.733-3.366A2.52 2.52 0 0 1 13 4.5Z" />
          </svg>
        )}
        {status === "copied" ? "Link copied" : label}
      </button>
      <span className="sr-only" aria-live="polite">
        {status === "copied" ? "Link copied to the clipboard." : ""}
      </span>
      {status === "manual" ? (
        <span className="mt-2 flex flex-col gap-1">
          <label htmlFor={`share-${path}`} className="text-xs font-medium text-stone-600">
            Copy this link:
          </label>
          <input
            ref={manualInput}
            id={`share-${path}`}
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
            className="min-h-10 rounded-lg border border-stone-300 bg-white px-2 font-mono text-xs"
          />
        </span>
      ) : null}
    </span>
  );
}

/** The page's origin never changes while it is open. */
function subscribeToNothing() {
  return () => {};
}
