import type { ReactNode } from "react";

const tones = {
  neutral: "bg-stone-100 text-stone-700 ring-stone-300",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/30",
  red: "bg-red-50 text-red-800 ring-red-600/30",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/30",
  sky: "bg-sky-50 text-sky-800 ring-sky-600/30",
  marquee: "bg-marquee-50 text-marquee-800 ring-marquee-600/30",
  onDark: "bg-white/10 text-white ring-white/25",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset whitespace-nowrap ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
