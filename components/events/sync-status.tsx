import Link from "next/link";
import type { ReactNode } from "react";
import type { EventDetails } from "@/server/domain/events/schema";
import { formatEventStart } from "../format";
import { Badge, type BadgeTone } from "../ui/badge";

/**
 * Where the event's copies stand: promoters' synced posts, the Shopify product, and background
 * work that failed. A curator with a sold-out night needs to see at a glance that what
 * promoters and buyers see is what they saved, and why not when it is not.
 */
export function SyncStatus({ details }: { details: EventDetails }) {
  const { event, product, postSync, jobs } = details;
  const shopify = shopifyState(product, event.timezone);
  return (
    <dl className="flex flex-col gap-4 text-sm">
      <div className="flex flex-col gap-1">
        <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Synced posts</dt>
        <dd className="flex flex-wrap gap-1.5" data-testid="post-sync-summary">
          {postSync.current + postSync.behind + postSync.off === 0 ? (
            <span className="text-stone-600">No posts yet</span>
          ) : (
            <>
              <Badge tone="green">{postSync.current} up to date</Badge>
              {postSync.behind ? <Badge tone="amber">{postSync.behind} updating…</Badge> : null}
              {postSync.off ? <Badge tone="neutral">{postSync.off} sync off</Badge> : null}
            </>
          )}
        </dd>
      </div>
      <div className="flex flex-col gap-1">
        <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Shopify product</dt>
        <dd className="flex flex-col items-start gap-1" data-testid="shopify-state">
          <Badge tone={shopify.tone}>{shopify.label}</Badge>
          <span className="text-stone-600">{shopify.detail}</span>
        </dd>
      </div>
      {jobs.lastError ? (
        <div className="flex flex-col gap-1" role="alert">
          <dt className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Background work</dt>
          <dd className="rounded-xl bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-600/20">
            <p className="font-semibold">
              {jobs.failed ? `${jobs.failed} failed` : null}
              {jobs.failed && jobs.retrying ? " · " : null}
              {jobs.retrying ? `${jobs.retrying} retrying` : null}
            </p>
            <p className="mt-0.5 break-words">
              {jobLabel(jobs.lastError.job)}: {jobs.lastError.error}
              {jobs.lastError.willRetry ? " (will be tried again)" : ""}
            </p>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function shopifyState(product: EventDetails["product"], timezone: string): { tone: BadgeTone; label: string; detail: ReactNode } {
  switch (product.shopifyStatus) {
    case "SYNCED":
      return {
        tone: "green",
        label: "In your store",
        detail: product.shopifySyncedAt ? `Last pushed ${formatEventStart(product.shopifySyncedAt, timezone)}` : "Pushed",
      };
    case "FAILED":
      return {
        tone: "red",
        label: "Push failed",
        detail: product.shopifyError ?? "Shopify refused the product; saving the event pushes it again.",
      };
    case "SKIPPED":
      return {
        tone: "neutral",
        label: "No store connected",
        detail: (
          <>
            <Link href="/settings" className="font-medium text-marquee-700 underline underline-offset-2">
              Connect Shopify
            </Link>{" "}
            to sell these tickets there.
          </>
        ),
      };
    default:
      return product.shopifyError
        ? { tone: "amber", label: "Retrying", detail: product.shopifyError }
        : { tone: "neutral", label: "Pending", detail: "The first push to Shopify is on its way." };
  }
}

const JOB_LABELS: Record<string, string> = {
  "post-sync": "Post sync",
  "product-status": "Ticket sales status",
  "shopify-push": "Shopify push",
  "completion-sweep": "Automatic completion",
};

function jobLabel(job: string): string {
  return JOB_LABELS[job] ?? job;
}
