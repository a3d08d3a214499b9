"use client";

import { useState } from "react";
import { ZConnectShopifyInput, type ShopifyConnection as Connection } from "@/server/domain/shopify/schema";
import { issuesToFieldErrors, readServerError, type FieldErrors } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { describedBy, Field, TextInput } from "../ui/field";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** The curator's Shopify store: connect with a custom app's Admin API token, replace it, disconnect. */
export function ShopifyConnection({ initial }: { initial: Connection }) {
  const utils = trpc.useUtils();
  const { data: connection = initial } = trpc.shopify.connection.useQuery(undefined, { initialData: initial });
  const [editing, setEditing] = useState(false);
  const [shopDomain, setShopDomain] = useState("");
  const [adminToken, setAdminToken] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);

  const connect = trpc.shopify.connect.useMutation({
    onSuccess: async (result) => {
      setEditing(false);
      setAdminToken("");
      setWebhookSecret("");
      setMessage({ tone: "ok", text: `Connected to ${result.shopDomain}. Ticket products are pushed there from now on.` });
      await utils.shopify.connection.invalidate();
    },
    onError: (error) => {
      const { message: text, fieldErrors } = readServerError(error);
      setErrors(fieldErrors);
      if (!Object.keys(fieldErrors).length) setMessage({ tone: "error", text });
    },
  });
  const disconnect = trpc.shopify.disconnect.useMutation({
    onSuccess: async () => {
      setConfirmDisconnect(false);
      setMessage({ tone: "ok", text: "Store disconnected. Nothing more is pushed to it." });
      await utils.shopify.connection.invalidate();
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const input = { shopDomain, adminToken, ...(webhookSecret.trim() ? { webhookSecret } : {}) };
    const result = ZConnectShopifyInput.safeParse(input);
    if (!result.success) return setErrors(issuesToFieldErrors(result.error.issues));
    setErrors({});
    connect.mutate(input);
  }

  const showForm = !connection.connected || editing;

  return (
    <div className="flex flex-col gap-4">
      {connection.connected ? (
        <div className="flex flex-col gap-3 rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200 sm:flex-row sm:items-center">
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <p className="font-semibold text-ink-950">{connection.shopDomain}</p>
              <Badge tone="green">Connected</Badge>
            </div>
            {connection.connectedAt ? <p className="text-sm text-stone-500">Since {dateFormat.format(connection.connectedAt)}</p> : null}
            <p className="text-sm text-stone-500">
              {connection.receivesOrders
                ? "Orders paid in the store issue tickets here."
                : "Add the app's API secret key to receive the store's orders."}
            </p>
          </div>
          {!editing ? (
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                onClick={() => {
                  setEditing(true);
                  setShopDomain(connection.shopDomain ?? "");
                }}
              >
                Replace token
              </Button>
              <Button variant="dangerGhost" size="sm" onClick={() => setConfirmDisconnect(true)}>
                Disconnect
              </Button>
            </div>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-stone-600">
          Not connected. Connect a store and every event's tickets are created there as a product, with a variant per ticket type, and kept in step.
        </p>
      )}

      {showForm ? (
        <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
          <Field id="shopify-domain" label="Store domain" hint="The myshopify.com address, e.g. my-shop.myshopify.com." error={errors.shopDomain}>
            <TextInput
              {...describedBy("shopify-domain", { hint: true, error: errors.shopDomain })}
              value={shopDomain}
              onChange={(e) => setShopDomain(e.target.value)}
              placeholder="my-shop.myshopify.com"
              autoComplete="off"
              inputMode="url"
            />
          </Field>
          <Field
            id="shopify-token"
            label="Admin API access token"
            hint="From a custom app with product, inventory and order access. Stored encrypted; never shown again."
            error={errors.adminToken}
          >
            <TextInput
              {...describedBy("shopify-token", { hint: true, error: errors.adminToken })}
              type="password"
              value={adminToken}
              onChange={(e) => setAdminToken(e.target.value)}
              placeholder="shpat_…"
              autoComplete="off"
            />
          </Field>
          <Field
            id="shopify-webhook-secret"
            label="API secret key"
            hint={`The same app's client secret: it signs the orders/paid webhooks that issue tickets for Shopify orders. Stored encrypted${connection.receivesOrders ? "; leave empty to keep the saved one" : ""}.`}
            error={errors.webhookSecret}
          >
            <TextInput
              {...describedBy("shopify-webhook-secret", { hint: true, error: errors.webhookSecret })}
              type="password"
              value={webhookSecret}
              onChange={(e) => setWebhookSecret(e.target.value)}
              autoComplete="off"
            />
          </Field>
          <div className="flex gap-2 sm:col-span-2">
            <Button type="submit" pending={connect.isPending}>
              {connection.connected ? "Save new token" : "Connect store"}
            </Button>
            {editing ? (
              <Button
                variant="ghost"
                onClick={() => {
                  setEditing(false);
                  setErrors({});
                }}
              >
                Cancel
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}

      <p aria-live="polite" className={`text-sm ${message?.tone === "error" ? "font-medium text-red-700" : "text-emerald-700"}`}>
        {message?.text}
      </p>

      <Dialog open={confirmDisconnect} onClose={() => !disconnect.isPending && setConfirmDisconnect(false)} title="Disconnect your store?">
        <p className="text-sm text-stone-700">
          New events and changes stop reaching {connection.shopDomain}. Products already there stay; reconnect any time.
        </p>
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setConfirmDisconnect(false)}>
            Stay connected
          </Button>
          <Button variant="danger" pending={disconnect.isPending} onClick={() => disconnect.mutate()}>
            Disconnect
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
