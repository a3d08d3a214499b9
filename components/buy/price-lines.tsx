// An order's money as the buyer reads it, on the post page's live summary (light) and on the
// order page (dark): each ticket type's line, subtotal and the tax line when there is tax, total.
import { formatMoney } from "../format";

const TONES = {
  light: { rule: "border-stone-200", quiet: "text-stone-600" },
  dark: { rule: "border-white/10", quiet: "text-stone-300" },
} as const;

export function PriceLines({
  lines,
  subtotal,
  tax,
  total,
  currency,
  tone,
  testIdPrefix,
}: {
  lines: { variantId: string; name: string; quantity: number; amount: number }[];
  subtotal: number;
  /** The tax line's words ("incl. VAT 19 %") and amount; null or 0: no tax line. */
  tax: { line: string; amount: number } | null;
  total: number;
  currency: string;
  tone: keyof typeof TONES;
  /** `summary` -> data-testid `summary-tax`, `summary-total`. */
  testIdPrefix: string;
}) {
  const { rule, quiet } = TONES[tone];
  const money = (amount: number) => (amount === 0 ? "Free" : formatMoney(amount, currency));
  return (
    <dl className="flex flex-col gap-1.5 text-sm">
      {lines.map((line) => (
        <div key={line.variantId} className="flex justify-between gap-3">
          <dt>
            {line.quantity} × {line.name}
          </dt>
          <dd className="tabular-nums">{money(line.amount)}</dd>
        </div>
      ))}
      {tax && tax.amount > 0 ? (
        <>
          <div className={`flex justify-between gap-3 border-t pt-1.5 ${rule} ${quiet}`}>
            <dt>Subtotal</dt>
            <dd className="tabular-nums">{money(subtotal)}</dd>
          </div>
          <div className={`flex justify-between gap-3 ${quiet}`} data-testid={`${testIdPrefix}-tax`}>
            <dt>{tax.line}</dt>
            <dd className="tabular-nums">{formatMoney(tax.amount, currency)}</dd>
          </div>
        </>
      ) : null}
      <div className={`flex justify-between gap-3 border-t pt-1.5 text-base font-bold ${rule}`}>
        <dt>Total</dt>
        <dd className="tabular-nums" data-testid={`${testIdPrefix}-total`}>
          {money(total)}
        </dd>
      </div>
    </dl>
  );
}
