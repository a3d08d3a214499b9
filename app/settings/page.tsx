import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { ApiKeys } from "@/components/settings/api-keys";
import { PartnerWebhooks } from "@/components/settings/partner-webhooks";
import { ShopifyConnection } from "@/components/settings/shopify-connection";
import { PageHeader, PageShell, Section } from "@/components/ui/page";
import { RoleBadge } from "@/components/ui/role-badge";
import { requirePageUser } from "@/server/auth/page-access";
import { managesEvents } from "@/server/auth/policy";
import { api } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser("/settings");
  const isCurator = user.role === "CURATOR";
  const keepsWebhooks = managesEvents({ userId: user.id, role: user.role });
  const [keys, shopify, webhooks] = await Promise.all([
    api.apiKeys.list(),
    // A curator without a merchant account (none in practice) has no store to connect.
    isCurator
      ? api.shopify.connection().catch((error: unknown) => {
          if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
          throw error;
        })
      : null,
    keepsWebhooks ? api.webhooks.endpoints() : null,
  ]);

  return (
    <PageShell width="narrow">
      <PageHeader title="Settings" description="Your account, keys for scripts and partner systems, and your store." />
      <div className="flex flex-col gap-6">
        <Section id="account" title="Account">
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Name</dt>
              <dd className="mt-0.5 font-medium text-ink-950">{user.name}</dd>
            </div>
            <div className="min-w-0">
              <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Email</dt>
              <dd className="mt-0.5 truncate text-ink-950">{user.email}</dd>
            </div>
            <div>
              <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Role</dt>
              <dd className="mt-1">
                <RoleBadge role={user.role} />
              </dd>
            </div>
          </dl>
        </Section>

        <Section
          id="api-keys"
          title="API keys"
          description="For scripts and partner systems calling the REST API. A key acts as you, with your role."
        >
          <ApiKeys initialKeys={keys} />
        </Section>

        {webhooks ? (
          <Section
            id="webhooks"
            title="Webhooks"
            description="Partner systems hear about paid orders, check-ins and changes to your events as they happen."
          >
            <PartnerWebhooks initialEndpoints={webhooks.endpoints} />
          </Section>
        ) : null}

        {shopify ? (
          <Section id="shopify" title="Shopify" description="Sell your tickets through your own Shopify store too.">
            <ShopifyConnection initial={shopify} />
          </Section>
        ) : null}
      </div>
    </PageShell>
  );
}
