"use client";

import Link from "next/link";
import type { RelatedPosts as RelatedPostsPage } from "@/server/domain/events/schema";
import { posterSize } from "@/server/domain/media/paths";
import { readServerError } from "../forms/field-errors";
import { formatMoney, initials } from "../format";
import { ShareButton } from "../posts/share-button";
import { SyncBadge, syncStateOf } from "../posts/sync-state";
import { trpc } from "../trpc";
import { Button } from "../ui/button";
import { Switch } from "../ui/switch";

const PAGE_SIZE = 10;

/**
 * Posts made from the event (the curator's own and promoters'), newest first, each with its
 * sync state. Only a post's creator may switch its sync; everyone else's shows their choice.
 * While any synced post is behind, the list refreshes every two seconds until it catches up.
 */
export function RelatedPosts({
  eventId,
  eventVersion,
  viewerId,
  initialPage,
}: {
  eventId: string;
  eventVersion: number;
  viewerId: string;
  initialPage: RelatedPostsPage;
}) {
  const query = trpc.events.relatedPosts.useInfiniteQuery(
    { id: eventId, limit: PAGE_SIZE },
    {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      initialData: { pages: [initialPage], pageParams: [undefined] },
      refetchInterval: (q) => {
        const pages = q.state.data?.pages ?? [];
        const behind = pages.some((p) => p.posts.some((post) => syncStateOf(post, eventVersion) === "behind"));
        return behind ? 2_000 : false;
      },
    },
  );
  const posts = query.data?.pages.flatMap((p) => p.posts) ?? [];

  if (posts.length === 0) {
    return (
      <div className="rounded-xl border-2 border-dashed border-stone-300 bg-stone-50 px-4 py-8 text-center">
        <p className="text-sm font-medium text-stone-700">No posts yet</p>
        <p className="mt-1 text-sm text-stone-500">Promoters' posts from this event show up here, newest first.</p>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col divide-y divide-stone-100" aria-label="Posts from this event">
        {posts.map((post) => (
          <PostRow key={post.id} post={post} eventId={eventId} eventVersion={eventVersion} own={post.creatorId === viewerId} />
        ))}
      </ul>
      {query.hasNextPage ? (
        <div>
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} pending={query.isFetchingNextPage}>
            Show more posts
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function PostRow({
  post,
  eventId,
  eventVersion,
  own,
}: {
  post: RelatedPostsPage["posts"][number];
  eventId: string;
  eventVersion: number;
  own: boolean;
}) {
  const utils = trpc.useUtils();
  const toggle = trpc.posts.toggleSync.useMutation({
    onSuccess: () => utils.events.relatedPosts.invalidate({ id: eventId }),
  });
  const state = syncStateOf(post, eventVersion);
  const cover = post.coverImages[0]?.src;
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-center" data-testid="related-post">
      <div className="flex min-w-0 flex-1 gap-3">
        <div className="h-16 w-13 shrink-0 overflow-hidden rounded-lg bg-ink-900">
          {cover ? (
            <img src={posterSize(cover, "400")} alt="" loading="lazy" className="size-full object-cover" />
          ) : (
            <div
              aria-hidden="true"
              className="grid size-full place-items-center bg-gradient-to-br from-spotlight-600 to-marquee-600 text-xs font-black text-white/80"
            >
              {initials(post.title)}
            </div>
          )}
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <p className="font-semibold text-ink-950">
              {post.creatorName}
              {own ? <span className="font-normal text-stone-500"> (you)</span> : null}
            </p>
            <SyncBadge state={state} syncedVersion={post.syncedEventVersion} eventVersion={eventVersion} />
          </div>
          <p className="truncate text-sm text-stone-700" data-testid="related-post-title">
            {post.title}
          </p>
          {post.caption ? <p className="line-clamp-2 text-sm text-stone-500">“{post.caption}”</p> : null}
          <p className="mt-0.5 text-xs text-stone-400">
            <Link href={`/p/${post.slug}`} className="font-medium text-marquee-700 hover:underline">
              /p/{post.slug}
            </Link>
          </p>
          <p className="mt-0.5 text-xs text-stone-600" data-testid="related-post-sales">
            {post.sales.orders} {post.sales.orders === 1 ? "order" : "orders"} · {post.sales.tickets}{" "}
            {post.sales.tickets === 1 ? "ticket" : "tickets"}
            {post.ticketPrices[0] ? (
              <>
                {" "}
                · {formatMoney(post.sales.revenue, post.ticketPrices[0].currency)} · commission{" "}
                {formatMoney(post.sales.commission, post.ticketPrices[0].currency)}
              </>
            ) : null}
          </p>
        </div>
      </div>
      <div className="flex items-center justify-between gap-3 sm:w-80 sm:justify-end">
        {own ? (
          <div className="w-52">
            <Switch
              id={`sync-${post.id}`}
              label="Sync with event"
              checked={post.syncEnabled}
              pending={toggle.isPending}
              onChange={(syncEnabled) => toggle.mutate({ postId: post.id, syncEnabled })}
            />
            {toggle.error ? (
              <p role="alert" className="mt-1 text-xs font-medium text-red-700">
                {readServerError(toggle.error).message}
              </p>
            ) : null}
          </div>
        ) : (
          <p className="text-xs text-stone-500">{post.syncEnabled ? "Synced by its promoter" : "Its promoter turned sync off"}</p>
        )}
        <ShareButton path={`/p/${post.slug}`} title={post.title} size="sm" label="Share" />
      </div>
    </li>
  );
}
