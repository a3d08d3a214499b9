import Link from "next/link";

/** "Marquee" with a grid of bulbs, the sign above a theatre door. */
export function Wordmark({ compact = false }: { compact?: boolean }) {
  return (
    <Link href="/" className="group inline-flex items-center gap-2 rounded-md" aria-label="Marquee home">
      <span aria-hidden="true" className="grid grid-cols-3 gap-0.5 rounded-md bg-marquee-500 p-1.5 shadow-sm shadow-marquee-500/40">
        {Array.from({ length: 9 }, (_, i) => (
          <span key={i} className={`size-1 rounded-full ${i === 4 ? "bg-ink-950" : "bg-marquee-50"}`} />
        ))}
      </span>
      {/* Compact (signed in, on a phone): the mark alone leaves room for the user's name. */}
      <span className={`text-lg font-extrabold tracking-tight text-white ${compact ? "sr-only sm:not-sr-only" : ""}`}>Marquee</span>
    </Link>
  );
}
