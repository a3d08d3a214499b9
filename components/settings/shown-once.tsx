"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "../ui/button";

/**
 * A secret shown once (a new API key, a webhook signing secret): selected at once, a copy
 * button (falling back to the selection when the clipboard is blocked), and a way to put it away.
 */
export function ShownOnce({
  id,
  title,
  label,
  value,
  copyLabel,
  onDone,
  announce,
}: {
  id: string;
  title: string;
  /** The text box's accessible name ("New API key"). */
  label: string;
  value: string;
  copyLabel: string;
  onDone: () => void;
  announce: (message: string) => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  // Each secret is its own mount (the callers key it by value): selected as it appears.
  useEffect(() => {
    requestAnimationFrame(() => box.current?.select());
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      announce("Copied to the clipboard.");
    } catch {
      box.current?.select();
      announce("Copying was blocked: the text is selected, press Ctrl+C or Cmd+C.");
    }
  }

  return (
    <div className="rounded-xl bg-emerald-50 p-4 ring-1 ring-emerald-600/25" data-testid={id}>
      <p className="font-semibold text-emerald-950">{title}</p>
      <p className="mt-0.5 text-sm text-emerald-900">Copy it now. For your safety it can't be shown again.</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          ref={box}
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
          className="min-h-11 min-w-0 flex-1 rounded-lg border border-emerald-300 bg-white px-3 font-mono text-sm text-ink-950"
        />
        <Button variant={copied ? "secondary" : "primary"} onClick={copy}>
          {copied ? "Copied" : copyLabel}
        </Button>
      </div>
      <Button variant="ghost" size="sm" className="mt-2" onClick={onDone}>
        I've stored it safely
      </Button>
    </div>
  );
}
