"use client";

// The public post's ticket sale: pickers per ticket type, the buyer's details, a live summary
// and one button. It talks to the server through a plain tRPC client (no React Query): this is
// the page a shared link opens on a phone, often on a slow network.
import { createTRPCClient, TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Availability } from "@/server/domain/orders/schema";
import type { AppRouter } from "@/server/trpc/root";
import { formatMoney } from "../format";
import { fieldId, readServerError, type FieldErrors } from "../forms/field-errors";
import { trpcLinks } from "../trpc-links";
import { PriceLines } from "./price-lines";
import { Button } from "../ui/button";
import { describedBy, Field, FieldError, TextInput } from "../ui/field";
import {
  applySoldOut,
  availabilityLabel,
  formatTaxRate,
  formFieldOf,
  maxPickable,
  orderItems,
  orderSummary,
  taxLine,
  type Quantities,
  type SaleVariant,
} from "./sale-model";

const client = createTRPCClient<AppRouter>({ links: trpcLinks("buy") });

/** The key that makes a repeated tap replay the first order instead of making a second one. */
function newOrderKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; a phone on a plain-http test address still gets 122 random bits.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const BUYER_FIELDS = {
  firstName: { label: "First name", autoComplete: "given-name", type: "text" },
  lastName: { label: "Last name", autoComplete: "family-name", type: "text" },
  email: { label: "Email", autoComplete: "email", type: "email" },
  phoneNumber: { label: "Phone", autoComplete: "tel", type: "tel" },
} as const;
type BuyerField = keyof typeof BUYER_FIELDS;

export function BuyTickets({
  slug,
  timeZone,
  availability: initial,
}: {
  /** The post's slug: the order's attribution. */
  slug: string;
  timeZone: string;
  availability: Availability;
}) {
  const router = useRouter();
  const [variants, setVariants] = useState<SaleVariant[]>(initial.variants);
  const [quantities, setQuantities] = useState<Quantities>({});
  const [buyer, setBuyer] = useState<Record<BuyerField, string>>({ firstName: "", lastName: "", email: "", phoneNumber: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<{ message: string; notes?: string[] } | null>(null);
  const [pending, setPending] = useState(false);
  const [orderKey, setOrderKey] = useState(newOrderKey);

  const summary = orderSummary({ variants, tax: initial.tax }, quantities);
  const onSale = variants.some((v) => maxPickable(v) > 0);

  function pick(variant: SaleVariant, quantity: number) {
    setQuantities((before) => ({ ...before, [variant.variantId]: Math.max(0, Math.min(quantity, maxPickable(variant))) }));
    setErrors(({ [`variant.${variant.variantId}`]: _gone, items: _items, ...rest }) => rest);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const items = orderItems(variants, quantities);
    if (items.length === 0) {
      setErrors({ items: "Choose at least one ticket" });
      setProblem(null);
      return;
    }
    setPending(true);
    setProblem(null);
    setErrors({});
    try {
      const order = await client.orders.place.mutate({
        eventId: initial.eventId,
        order: {
          items,
          buyer: {
            firstName: buyer.firstName,
            lastName: buyer.lastName,
            email: buyer.email,
            ...(buyer.phoneNumber.trim() ? { phoneNumber: buyer.phoneNumber } : {}),
          },
          ref: slug,
        },
        idempotencyKey: orderKey,
      });
      setOrderKey(newOrderKey());
      // The button stays disabled while the next page loads: a second tap has nothing to send.
      if (order.checkoutUrl) window.location.assign(order.checkoutUrl);
      else router.push(`/orders/${order.id}`);
    } catch (error) {
      setPending(false);
      showError(error, items);
    }
  }

  function showError(error: unknown, items: { variantId: string }[]) {
    const data = error instanceof TRPCClientError ? (error.data as { domainCode?: string; extra?: Record<string, unknown> } | undefined) : undefined;
    const { message, fieldErrors } = readServerError(error);
    if (data?.domainCode === "SOLD_OUT") {
      const left = (data.extra?.available ?? []) as { variantId: string; available: number }[];
      const next = applySoldOut(variants, quantities, left);
      setVariants(next.variants);
      setQuantities(next.quantities);
      setProblem({ message: "Not enough tickets left. We've updated what you can still get.", notes: next.notes });
      return;
    }
    if (data?.domainCode === "SALES_CLOSED") {
      const closed = new Set((data.extra?.variantIds ?? []) as string[]);
      setVariants((before) => before.map((v) => (closed.has(v.variantId) || closed.size === 0 ? { ...v, state: "NOT_ON_SALE" } : v)));
      setProblem({ message: "Ticket sales are closed for this right now, so nothing was bought." });
      return;
    }
    if (data?.domainCode === "IDEMPOTENCY_KEY_REUSED") setOrderKey(newOrderKey());
    const byField: FieldErrors = {};
    for (const [path, text] of Object.entries(fieldErrors)) byField[formFieldOf(path, items)] ??= text;
    setErrors(byField);
    setProblem(Object.keys(byField).length > 0 ? { message: "Check the highlighted fields." } : { message });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="tickets-heading" className="flex flex-col gap-5">
      <ul className="flex flex-col divide-y divide-stone-100" aria-label="Ticket types">
        {variants.map((variant) => (
          <TicketRow
            key={variant.variantId}
            variant={variant}
            timeZone={timeZone}
            quantity={quantities[variant.variantId] ?? 0}
            error={errors[`variant.${variant.variantId}`]}
            onPick={(quantity) => pick(variant, quantity)}
          />
        ))}
      </ul>
      {initial.tax ? (
        <p className="-mt-3 text-sm text-stone-600" data-testid="tax-note">
          {initial.tax.included ? "Prices include" : "Prices are before"} {initial.tax.label} {formatTaxRate(initial.tax)}
          {initial.tax.included ? "." : ", which is added to your total."}
        </p>
      ) : null}
      <FieldError id={`${fieldId("items")}-error`} error={errors.items} />

      {onSale ? (
        <>
          <fieldset className="flex flex-col gap-3 border-t border-stone-200 pt-4">
            <legend className="float-left mb-1 w-full text-base font-semibold">Your details</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <BuyerInput
                name="firstName"
                value={buyer.firstName}
                error={errors["buyer.firstName"]}
                onChange={(v) => setBuyer({ ...buyer, firstName: v })}
              />
              <BuyerInput
                name="lastName"
                value={buyer.lastName}
                error={errors["buyer.lastName"]}
                onChange={(v) => setBuyer({ ...buyer, lastName: v })}
              />
            </div>
            <BuyerInput
              name="email"
              value={buyer.email}
              error={errors["buyer.email"]}
              hint="Your tickets are sent here."
              onChange={(v) => setBuyer({ ...buyer, email: v })}
            />
            <BuyerInput
              name="phoneNumber"
              value={buyer.phoneNumber}
              error={errors["buyer.phoneNumber"]}
              hint="International format, e.g. +44 7700 900123."
              optional
              onChange={(v) => setBuyer({ ...buyer, phoneNumber: v })}
            />
          </fieldset>

          <Summary summary={summary} currency={initial.currency} tax={initial.tax} />

          {problem ? (
            <div role="alert" className="rounded-xl bg-red-50 p-3 text-sm font-medium text-red-800 ring-1 ring-red-200">
              <p>{problem.message}</p>
              {problem.notes?.length ? (
                <ul className="mt-1 list-disc pl-5" data-testid="sold-out-notes">
                  {problem.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}

          <Button type="submit" variant="accent" size="lg" pending={pending} className="w-full">
            {summary.tickets === 0
              ? "Get tickets"
              : summary.total === 0
                ? `Get ${summary.tickets === 1 ? "free ticket" : `${summary.tickets} free tickets`}`
                : `Pay ${formatMoney(summary.total, initial.currency)}`}
          </Button>
          {summary.tickets > 0 ? (
            <p className="-mt-2 text-center text-xs text-stone-500">
              {summary.total > 0 ? "You pay on the next page; your tickets are held for you meanwhile." : "Your tickets arrive by email at once."}
            </p>
          ) : null}
        </>
      ) : problem ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {problem.message}
        </p>
      ) : null}
    </form>
  );
}

function TicketRow({
  variant,
  timeZone,
  quantity,
  error,
  onPick,
}: {
  variant: SaleVariant;
  timeZone: string;
  quantity: number;
  error?: string;
  onPick: (quantity: number) => void;
}) {
  const max = maxPickable(variant);
  const label = availabilityLabel(variant, timeZone);
  const id = fieldId(`variant.${variant.variantId}`);
  const unavailable = variant.state !== "ON_SALE";
  return (
    <li className="flex flex-col gap-1 py-3" data-testid="ticket-price">
      <div className="flex items-center justify-between gap-3">
        <div className="flex min-w-0 flex-col">
          <span id={`${id}-name`} className={`font-semibold ${unavailable ? "text-stone-500" : ""}`}>
            {variant.name}
          </span>
          <span className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-lg font-bold tabular-nums">{variant.price === 0 ? "Free" : formatMoney(variant.price, variant.currency)}</span>
            {label ? (
              <span
                data-testid="ticket-availability"
                className={`text-sm font-medium ${variant.state === "ON_SALE" ? "text-marquee-700" : "text-stone-600"}`}
              >
                {label}
              </span>
            ) : null}
          </span>
        </div>
        {max > 0 ? (
          <div role="group" aria-labelledby={`${id}-name`} className="flex shrink-0 items-center gap-1" {...describedByError(id, error)}>
            <StepButton label={`Fewer ${variant.name} tickets`} disabled={quantity === 0} onClick={() => onPick(quantity - 1)}>
              −
            </StepButton>
            <output
              id={id}
              aria-live="polite"
              aria-label={`${variant.name} tickets`}
              data-testid="ticket-quantity"
              className="w-8 text-center text-lg font-bold tabular-nums"
            >
              {quantity}
            </output>
            <StepButton label={`More ${variant.name} tickets`} disabled={quantity >= max} onClick={() => onPick(quantity + 1)}>
              +
            </StepButton>
          </div>
        ) : null}
      </div>
      {max > 0 && quantity >= max && max < variant.available ? <p className="text-xs text-stone-500">At most {max} per order.</p> : null}
      <FieldError id={`${id}-error`} error={error} />
    </li>
  );
}

function describedByError(id: string, error?: string) {
  return error ? { "aria-describedby": `${id}-error` } : {};
}

function StepButton({ label, disabled, onClick, children }: { label: string; disabled: boolean; onClick: () => void; children: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className="grid size-11 place-items-center rounded-full text-2xl leading-none font-semibold text-ink-950 ring-1 ring-stone-300 transition ring-inset hover:bg-stone-100 active:scale-95 disabled:text-stone-300 disabled:ring-stone-200"
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}

function BuyerInput({
  name,
  value,
  error,
  hint,
  optional = false,
  onChange,
}: {
  name: BuyerField;
  value: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  onChange: (value: string) => void;
}) {
  const { label, autoComplete, type } = BUYER_FIELDS[name];
  const id = fieldId(`buyer.${name}`);
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <TextInput
        {...describedBy(id, { hint, error })}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={type === "email" ? "email" : type === "tel" ? "tel" : undefined}
        required={!optional}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

function Summary({ summary, currency, tax }: { summary: ReturnType<typeof orderSummary>; currency: string; tax: Availability["tax"] }) {
  if (summary.tickets === 0) return null;
  return (
    <section aria-label="Order summary" className="rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200" data-testid="order-summary">
      <PriceLines
        lines={summary.lines}
        subtotal={summary.subtotal}
        tax={tax ? { line: taxLine(tax), amount: summary.tax } : null}
        total={summary.total}
        currency={currency}
        tone="light"
        testIdPrefix="summary"
      />
    </section>
  );
}
