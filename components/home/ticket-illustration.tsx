// The signed-out hero's picture: a ticket and the door's answer, drawn with CSS alone.

const QR_SIZE = 13;

/** A fixed, QR-looking pattern (it encodes nothing): three finder squares and noise. */
function qrCells(): boolean[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const finder = (x: number, y: number) => {
    for (const [ox, oy] of [
      [0, 0],
      [QR_SIZE - 5, 0],
      [0, QR_SIZE - 5],
    ] as const) {
      const dx = x - ox;
      const dy = y - oy;
      if (dx >= 0 && dx < 5 && dy >= 0 && dy < 5) {
        return dx === 0 || dy === 0 || dx === 4 || dy === 4 || (dx === 2 && dy === 2);
      }
      if (dx >= -1 && dx <= 5 && dy >= -1 && dy <= 5) return false;
    }
    return null;
  };
  return Array.from({ length: QR_SIZE * QR_SIZE }, (_, i) => finder(i % QR_SIZE, Math.floor(i / QR_SIZE)) ?? next() > 0.5);
}

export function TicketIllustration() {
  const cells = qrCells();
  return (
    <div aria-hidden="true" className="relative mx-auto w-[22rem] select-none">
      <div className="absolute -inset-10 -z-10 rounded-full bg-marquee-500/20 blur-3xl" />
      <div className="rotate-[-3deg] overflow-hidden rounded-3xl bg-white text-ink-950 shadow-2xl shadow-black/50">
        <div className="relative h-40 bg-gradient-to-br from-spotlight-600 via-fuchsia-600 to-marquee-500 p-5">
          <p className="text-xs font-semibold tracking-[0.3em] text-white/80 uppercase">Warehouse sessions</p>
          <p className="mt-1 text-4xl leading-none font-black tracking-tight text-white">
            NEON
            <br />
            NIGHTS
          </p>
          <div className="absolute right-5 bottom-4 size-16 rounded-full bg-gradient-to-b from-marquee-200 to-marquee-500 opacity-90" />
        </div>
        <div className="flex items-start justify-between gap-3 p-5">
          <div>
            <p className="text-sm font-semibold whitespace-nowrap text-marquee-700">Sat 12 Dec · 22:00 CET</p>
            <p className="mt-0.5 text-sm text-stone-600">Halle Süd, Berlin</p>
          </div>
          <p className="rounded-lg bg-stone-100 px-2 py-1 text-sm font-semibold whitespace-nowrap">GA · €25.00</p>
        </div>
        <div className="relative border-t-2 border-dashed border-stone-200">
          <span className="absolute -top-3 -left-3 size-6 rounded-full bg-ink-950" />
          <span className="absolute -top-3 -right-3 size-6 rounded-full bg-ink-950" />
        </div>
        <div className="flex items-center gap-4 p-5">
          <div className="grid grid-cols-[repeat(13,minmax(0,1fr))] gap-px rounded-md bg-white p-1 ring-1 ring-stone-200">
            {cells.map((on, i) => (
              <span key={i} className={`size-1.5 ${on ? "bg-ink-950" : "bg-white"}`} />
            ))}
          </div>
          <div className="text-sm">
            <p className="font-semibold">Léa Martin</p>
            <p className="text-stone-500">Guest list · +1</p>
          </div>
        </div>
      </div>
      <div className="absolute -right-10 -bottom-6 flex rotate-[2deg] items-center gap-3 rounded-2xl bg-emerald-500 px-4 py-3 text-white shadow-xl shadow-emerald-900/40">
        <span className="grid size-8 place-items-center rounded-full bg-white/20">
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
            <path
              fillRule="evenodd"
              d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
              clipRule="evenodd"
            />
          </svg>
        </span>
        <span>
          <span className="block text-sm font-bold">Checked in</span>
          <span className="block text-xs text-emerald-50">21:04 · by Sam at door 2</span>
        </span>
      </div>
    </div>
  );
}
