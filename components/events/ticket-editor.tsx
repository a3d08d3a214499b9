"use client";

import { fieldId, type FieldErrors } from "../forms/field-errors";
import { Button } from "../ui/button";
import { describedBy, FieldError, inputBaseClass, inputClass } from "../ui/field";
import { emptyTicket, type TicketDraft } from "./event-form-model";

export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD", "NZD", "JPY", "BRL", "MXN", "ZAR", "INR"];

/** When a ticket type is on sale and how many one order may take; folded away while left as they are. */
function SaleRules({
  index,
  ticket,
  errors,
  onChange,
  className,
}: {
  index: number;
  ticket: TicketDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<TicketDraft>) => void;
  className: string;
}) {
  const p = (field: string) => `tickets.${index}.${field}`;
  const failing = [p("saleStartsAt"), p("saleEndsAt"), p("maxPerOrder")].some((path) => errors[path]);
  const summary = [
    ticket.saleStarts || ticket.saleEnds ? "Sale window set" : "On sale until the event starts",
    `up to ${ticket.maxPerOrder || "?"} per order`,
  ].join(" · ");
  const field = (
    name: "saleStarts" | "saleEnds" | "maxPerOrder",
    path: string,
    label: string,
    input: React.InputHTMLAttributes<HTMLInputElement>,
  ) => {
    const id = fieldId(p(path));
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium text-stone-800">
          <span className="sr-only">Ticket {index + 1} </span>
          {label}
        </label>
        <input
          {...describedBy(id, { error: errors[p(path)] })}
          {...input}
          value={ticket[name]}
          onChange={(e) => onChange({ [name]: e.target.value })}
          className={inputClass}
        />
        <FieldError id={`${id}-error`} error={errors[p(path)]} />
      </div>
    );
  };
  return (
    <details className={`group rounded-lg ${className}`} open={failing || undefined}>
      <summary className="cursor-pointer py-1 text-sm text-stone-600 select-none hover:text-ink-950">
        <span className="font-medium text-marquee-700">Sale window &amp; limit</span> <span className="text-stone-500">· {summary}</span>
      </summary>
      <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_1fr_8rem]">
        {field("saleStarts", "saleStartsAt", "Sale opens", { type: "datetime-local" })}
        {field("saleEnds", "saleEndsAt", "Sale closes", { type: "datetime-local" })}
        {field("maxPerOrder", "maxPerOrder", "Max per order", { inputMode: "numeric", autoComplete: "off" })}
      </div>
      <p className="mt-1 text-xs text-stone-500">Empty: on sale from now until the event starts. In the event's time zone.</p>
    </details>
  );
}

/** Ticket types: name, price with its currency, and how many are on sale. At least one. */
export function TicketEditor({
  tickets,
  onChange,
  errors,
}: {
  tickets: TicketDraft[];
  onChange: (tickets: TicketDraft[]) => void;
  errors: FieldErrors;
}) {
  function update(index: number, patch: Partial<TicketDraft>) {
    onChange(tickets.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  }
  const lastCurrency = tickets[tickets.length - 1]?.currency ?? "EUR";

  return (
    <div className="flex flex-col gap-3">
      <div className="hidden grid-cols-[minmax(0,1fr)_13rem_8rem_2.5rem] gap-3 px-1 text-xs font-semibold tracking-wide text-stone-500 uppercase md:grid">
        <span>Name</span>
        <span>Price</span>
        <span>Quantity</span>
        <span className="sr-only">Remove</span>
      </div>
      <ol className="flex flex-col gap-3" aria-label="Ticket types">
        {tickets.map((ticket, index) => {
          const p = (field: string) => `tickets.${index}.${field}`;
          const nameId = fieldId(p("name"));
          const priceId = fieldId(p("price"));
          const currencyId = fieldId(p("currency"));
          const quantityId = fieldId(p("quantity"));
          const label = ticket.name.trim() || `ticket type ${index + 1}`;
          return (
            <li
              key={ticket.key}
              data-testid="ticket-row"
              className="grid grid-cols-[minmax(0,1fr)_6.5rem] gap-3 rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200 md:grid-cols-[minmax(0,1fr)_13rem_8rem_2.5rem] md:items-start md:bg-transparent md:p-1 md:ring-0"
            >
              <div className="col-span-2 flex flex-col gap-1 md:col-span-1">
                <label htmlFor={nameId} className="text-sm font-medium text-stone-800 md:sr-only">
                  <span className="sr-only">Ticket {index + 1} </span>
                  Name
                </label>
                <input
                  {...describedBy(nameId, { error: errors[p("name")] })}
                  value={ticket.name}
                  onChange={(e) => update(index, { name: e.target.value })}
                  placeholder="e.g. Early bird"
                  autoComplete="off"
                  className={inputClass}
                />
                <FieldError id={`${nameId}-error`} error={errors[p("name")]} />
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={priceId} className="text-sm font-medium text-stone-800 md:sr-only">
                  <span className="sr-only">Ticket {index + 1} </span>
                  Price
                </label>
                <div className="flex">
                  <label htmlFor={currencyId} className="sr-only">
                    Ticket {index + 1} currency
                  </label>
                  <select
                    id={currencyId}
                    value={ticket.currency}
                    onChange={(e) => update(index, { currency: e.target.value })}
                    className={`${inputBaseClass} w-[5.75rem] shrink-0 rounded-r-none border-r-0 bg-stone-50 pr-7 pl-2.5 font-medium`}
                  >
                    {[...new Set([ticket.currency, ...CURRENCIES])].map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                  <input
                    {...describedBy(priceId, { error: errors[p("price")] })}
                    value={ticket.price}
                    onChange={(e) => update(index, { price: e.target.value })}
                    inputMode="decimal"
                    placeholder="25.00"
                    autoComplete="off"
                    className={`${inputBaseClass} min-w-0 flex-1 rounded-l-none text-right tabular-nums`}
                  />
                </div>
                <FieldError id={`${priceId}-error`} error={errors[p("price")] ?? errors[p("currency")]} />
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={quantityId} className="text-sm font-medium text-stone-800 md:sr-only">
                  <span className="sr-only">Ticket {index + 1} </span>
                  Quantity
                </label>
                <input
                  {...describedBy(quantityId, { error: errors[p("quantity")] })}
                  value={ticket.quantity}
                  onChange={(e) => update(index, { quantity: e.target.value })}
                  inputMode="numeric"
                  placeholder="100"
                  autoComplete="off"
                  className={`${inputClass} text-right tabular-nums`}
                />
                <FieldError id={`${quantityId}-error`} error={errors[p("quantity")]} />
              </div>
              <SaleRules
                index={index}
                ticket={ticket}
                errors={errors}
                onChange={(patch) => update(index, patch)}
                className="col-span-2 md:col-span-3 md:col-start-1 md:row-start-2"
              />
              <div className="col-span-2 flex justify-end md:col-span-1 md:col-start-4 md:row-start-1">
                <button
                  type="button"
                  onClick={() => onChange(tickets.filter((_, i) => i !== index))}
                  disabled={tickets.length === 1}
                  title={tickets.length === 1 ? "An event needs at least one ticket type" : `Remove ${label}`}
                  className="inline-flex min-h-10 items-center gap-1.5 rounded-lg px-2 text-sm font-medium text-stone-500 transition hover:bg-red-50 hover:text-red-700 disabled:opacity-30 disabled:hover:bg-transparent disabled:hover:text-stone-500 md:size-10 md:justify-center md:px-0"
                >
                  <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
                    <path
                      fillRule="evenodd"
                      d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.443c-.795.077-1.584.176-2.365.298a.75.75 0 1 0 .23 1.482l.149-.022.841 10.518A2.75 2.75 0 0 0 7.596 19h4.807a2.75 2.75 0 0 0 2.742-2.53l.841-10.52.149.023a.75.75 0 0 0 .23-1.482A41.03 41.03 0 0 0 14 4.193V3.75A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.673.025 2.5.075V3.75c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.325C8.327 4.025 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z"
                      clipRule="evenodd"
                    />
                  </svg>
                  <span className="md:sr-only">Remove {label}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <FieldError id={`${fieldId("tickets")}-error`} error={errors.tickets} />
      <div>
        <Button variant="secondary" onClick={() => onChange([...tickets, emptyTicket(lastCurrency)])} disabled={tickets.length >= 50}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
          </svg>
          Add ticket type
        </Button>
      </div>
    </div>
  );
}
