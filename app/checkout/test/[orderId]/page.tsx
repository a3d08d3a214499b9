// The built-in test checkout (development without Stripe keys; 404 in production): what the
// buyer is about to pay, how long the tickets stay held, and Pay / Cancel. Both settle the
// order as Stripe's webhook would, then go to the order page.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { formatMoney } from "@/components/format";
import { buttonClass } from "@/components/ui/button";
import { db } from "@/server/db";
import { testCheckoutOrder } from "@/server/domain/payments/test-checkout";
import { AppError } from "@/server/errors";
import { OrderStatus } from "@/server/generated/prisma/enums";
import { cancelTestOrder, payTestOrder } from "./actions";

export const metadata: Metadata = { title: "Test checkout", robots: { index: false, follow: false } };

async function loadOrder(orderId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) notFound();
  try {
    return await testCheckoutOrder(db, orderId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

function holdLeft(expiresAt: Date | null, now: Date): string | null {
  if (!expiresAt) return null;
  const minutes = Math.ceil((expiresAt.getTime() - now.getTime()) / 60_000);
  return minutes > 1 ? `${minutes} minutes` : minutes === 1 ? "1 minute" : null;
}

export default async function TestCheckoutPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const { order, eventTitle, taxLabel, taxIncluded } = await loadOrder(orderId);
  const money = (minorUnits: number) => formatMoney(minorUnits, order.currency);
  const pending = order.status === OrderStatus.PENDING_PAYMENT;
  const left = holdLeft(order.expiresAt ? new Date(order.expiresAt) : null, new Date());

  return (
    <AuthCard title="Test checkout" lead={eventTitle}>
      <p className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20">
        Development only: no money moves. Stripe Checkout takes this page&apos;s place where its keys are set.
      </p>

      <h2 className="text-sm font-semibold tracking-wide text-stone-500 uppercase">Your order</h2>
      <ul className="mt-2 divide-y divide-stone-200" data-testid="checkout-items">
        {order.items.map((item) => (
          <li key={item.variantId} className="flex items-baseline justify-between gap-3 py-2.5">
            <span className="min-w-0 text-stone-900">
              <span className="font-medium">{item.name}</span>
              <span className="text-stone-500"> × {item.quantity}</span>
            </span>
            <span className="shrink-0 text-stone-900 tabular-nums">{money(item.unitPrice * item.quantity)}</span>
          </li>
        ))}
        {taxLabel ? (
          <li className="flex items-baseline justify-between gap-3 py-2.5 text-stone-600" data-testid="checkout-tax">
            <span>{taxIncluded ? `Includes ${taxLabel}` : taxLabel}</span>
            <span className="shrink-0 tabular-nums">{money(order.tax)}</span>
          </li>
        ) : null}
        <li className="flex items-baseline justify-between gap-3 py-3 text-lg font-bold text-ink-950">
          <span>Total</span>
          <span className="tabular-nums" data-testid="checkout-total">
            {money(order.total)}
          </span>
        </li>
      </ul>

      {pending ? (
        <>
          <p className="mt-2 text-sm text-stone-600" data-testid="checkout-hold">
            {left ? (
              <>
                Your tickets are held for <strong className="font-semibold text-stone-900">{left}</strong>.
              </>
            ) : (
              "Your hold has run out: paying now gets the tickets only if some are left."
            )}
          </p>
          <div className="mt-5 flex flex-col gap-3">
            <form action={payTestOrder}>
              <input type="hidden" name="orderId" value={order.id} />
              <button type="submit" className={buttonClass("accent", "lg", "w-full")}>
                Pay {money(order.total)}
              </button>
            </form>
            <form action={cancelTestOrder}>
              <input type="hidden" name="orderId" value={order.id} />
              <button type="submit" className={buttonClass("secondary", "lg", "w-full")}>
                Cancel and release the tickets
              </button>
            </form>
          </div>
        </>
      ) : (
        <div className="mt-4">
          <p className="text-sm text-stone-700">
            This order is <strong className="font-semibold">{order.status.toLowerCase().replace("_", " ")}</strong>: there is nothing to pay.
          </p>
          <Link href={`/orders/${order.id}`} className={buttonClass("primary", "lg", "mt-4 w-full")}>
            See the order
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
