"use client";

import Link from "next/link";
import { useDeferredValue, useState } from "react";
import type { OrderList, OrderView, SalesTotals } from "@/server/domain/orders/sales-schema";
import type { OrderStatus } from "@/server/generated/prisma/enums";
import { formatMoney } from "../format";
import { trpc } from "../trpc";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";

const PAGE = 25;

const STATUS: Record<OrderStatus, { label: string; tone: BadgeTone }> = {
  PAID: { label: "Paid", tone: "green" },
  PENDING_PAYMENT: { label: "Awaiting payment", tone: "amber" },
  EXPIRED: { label: "Expired", tone: "neutral" },
  CANCELED: { label: "Canceled", tone: "neutral" },
  REFUNDED: { label: "Refunded", tone: "red" },
};

/**
 * The event's sales, live while it sells: what each ticket type sold, held and has left, the
 * money, the orders (searchable, by status) and a table by promoter with their commission.
 */
export function EventSales({ eventId, initialOrders, live }: { eventId: string; initialOrders: OrderList; live: boolean }) {
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<OrderStatus | "">("");
  const deferredSearch = useDeferredValue(search.trim());
  const filtered = deferredSearch !== "" || status !== "";
  const orders = trpc.sales.orders.useInfiniteQuery(
    { id: eventId, limit: PAGE, ...(deferredSearch && { search: deferredSearch }), ...(status && { status }) },
    {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      initialData: filtered ? undefined : { pages: [initialOrders], pageParams: [undefined] },
      placeholderData: (previous) => previous,
      refetchInterval: live ? 10_000 : false,
      refetchOnWindowFocus: true,
    },
  );
  const totals = orders.data?.pages[0]?.totals ?? initialOrders.totals;
  const rows = orders.data?.pages.flatMap((p) => p.orders) ?? [];
  const money = (n: number) => formatMoney(n, totals.currency);

  return (
    <div className="flex flex-col gap-6">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Sales totals">
        <Figure label="Revenue" value={money(totals.revenue)} detail={totals.tax ? `incl. ${money(totals.tax)} tax` : "paid orders"} />
        <Figure
          label="Tickets sold"
          value={totals.tickets.toLocaleString("en-GB")}
          detail={`${totals.orders} ${totals.orders === 1 ? "order" : "orders"}`}
        />
        <Figure label="Commission" value={money(totals.commission)} detail="earned by promoters" />
        <Figure
          label="Refunded"
          value={totals.refunded.orders.toLocaleString("en-GB")}
          detail={totals.refunded.orders ? `${money(totals.refunded.total)} · not in revenue` : "orders"}
        />
      </dl>

      <div>
        <h3 className="mb-2 text-sm font-semibold text-ink-950">By ticket type</h3>
        <ul className="flex flex-col gap-3" aria-label="Sales by ticket type">
          {totals.byVariant.map((v) => (
            <li key={v.variantId} data-testid="variant-sales">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                <span className="font-medium text-ink-950">{v.name}</span>
                <span className="text-stone-600 tabular-nums">
                  <strong className="text-ink-950">{v.sold}</strong> sold · {v.held} held · <strong className="text-ink-950">{v.left}</strong> left of{" "}
                  {v.quantity}
                </span>
              </div>
              <CapacityBar sold={v.sold} held={v.held} quantity={v.quantity} name={v.name} />
            </li>
          ))}
        </ul>
      </div>

      <div>
        <h3 className="mb-2 text-sm font-semibold text-ink-950">By promoter</h3>
        <PromoterTable rows={totals.byPromoter} money={money} />
      </div>

      <div>
        <h3 className="mb-2 text-sm font-semibold text-ink-950">Orders</h3>
        <div className="mb-3 flex flex-col gap-2 sm:flex-row">
          <label className="flex-1">
            <span className="sr-only">Search orders by buyer name or email</span>
            <input
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Search buyer name or email"
              className={inputClass}
            />
          </label>
          <label className="sm:w-48">
            <span className="sr-only">Order status</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as OrderStatus | "")} className={inputClass}>
              <option value="">Every status</option>
              {Object.entries(STATUS).map(([value, { label }]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {rows.length === 0 ? (
          <p className="rounded-xl border-2 border-dashed border-stone-300 bg-stone-50 px-4 py-6 text-center text-sm text-stone-600">
            {filtered ? "No orders match." : "No orders yet. Sales through the public page and promoters' posts show up here."}
          </p>
        ) : (
          <OrdersTable rows={rows} />
        )}
        {orders.hasNextPage ? (
          <div className="mt-3">
            <Button variant="secondary" onClick={() => void orders.fetchNextPage()} pending={orders.isFetchingNextPage}>
              Show more orders
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="min-w-0 rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200">
      <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-xl font-bold text-ink-950 tabular-nums">{value}</dd>
      <dd className="truncate text-xs text-stone-500">{detail}</dd>
    </div>
  );
}

function CapacityBar({ sold, held, quantity, name }: { sold: number; held: number; quantity: number; name: string }) {
  const pct = (n: number) => (quantity > 0 ? `${Math.min(100, (n / quantity) * 100)}%` : "0%");
  return (
    <div
      role="img"
      aria-label={`${name}: ${sold} sold, ${held} held, ${Math.max(0, quantity - sold - held)} left of ${quantity}`}
      className="mt-1 flex h-2.5 overflow-hidden rounded-full bg-stone-200"
    >
      <span className="bg-emerald-600" style={{ width: pct(sold) }} />
      <span className="bg-amber-400" style={{ width: pct(held) }} />
    </div>
  );
}

function PromoterTable({ rows, money }: { rows: SalesTotals["byPromoter"]; money: (n: number) => string }) {
  if (rows.length === 0) return <p className="text-sm text-stone-500">No paid orders yet.</p>;
  return (
    <ul className="flex flex-col divide-y divide-stone-100" aria-label="Sales by promoter">
      {rows.map((row) => (
        <li key={`${row.promoterId}-${row.postId}`} className="flex items-start justify-between gap-4 py-2.5" data-testid="promoter-sales">
          <div className="min-w-0">
            <p className="font-medium text-ink-950">{row.promoterName ?? "Not through a post"}</p>
            {row.postSlug ? (
              <Link href={`/p/${row.postSlug}`} className="block text-xs text-marquee-700 hover:underline">
                /p/{row.postSlug}
              </Link>
            ) : null}
            <p className="text-xs text-stone-600 tabular-nums">
              {row.orders} {row.orders === 1 ? "order" : "orders"} · {row.tickets} {row.tickets === 1 ? "ticket" : "tickets"} · {money(row.revenue)}
            </p>
          </div>
          <div className="shrink-0 text-right">
            <p className="font-semibold text-ink-950 tabular-nums">{money(row.commission)}</p>
            <p className="text-xs text-stone-500">commission</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function OrdersTable({ rows }: { rows: OrderView[] }) {
  return (
    <ul className="flex flex-col divide-y divide-stone-100" aria-label="Orders">
      {rows.map((order) => (
        <li key={order.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-2.5" data-testid="order-row">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 font-medium text-ink-950">
              {order.buyer.firstName} {order.buyer.lastName}
              <Badge tone={STATUS[order.status].tone}>{STATUS[order.status].label}</Badge>
            </p>
            <p className="truncate text-xs text-stone-500">{order.buyer.email}</p>
            <p className="text-xs text-stone-600">
              {order.items.map((item) => `${item.quantity} × ${item.name}`).join(", ")}
              {order.via ? (
                <>
                  {" "}
                  · via <span className="font-medium">{order.via.promoterName ?? "a post"}</span> (/p/{order.via.postSlug})
                </>
              ) : order.channel === "SHOPIFY" ? (
                " · on Shopify"
              ) : null}
            </p>
            {order.cancelReason ? (
              <p className="text-xs text-red-700" data-testid="order-cancel-reason">
                {order.cancelReason}
              </p>
            ) : null}
          </div>
          <div className="text-right">
            <p className={`font-semibold tabular-nums ${order.status === "REFUNDED" ? "text-stone-400 line-through" : "text-ink-950"}`}>
              {formatMoney(order.total, order.currency)}
            </p>
            <p className="text-xs text-stone-500 tabular-nums">
              {order.tickets} {order.tickets === 1 ? "ticket" : "tickets"}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
