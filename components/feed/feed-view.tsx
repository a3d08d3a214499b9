"use client";

import Link from "next/link";
import { useState } from "react";
import type { OwnPost, PromotableEvent } from "@/server/domain/feed/schema";
import { posterSize } from "@/server/domain/media/paths";
import { readServerError } from "../forms/field-errors";
import { EventStatusBadge } from "../events/status-badge";
import { formatEventStart, formatMoney, formatPriceRange, initials } from "../format";
import { ShareButton } from "../posts/share-button";
import { SyncBadge, syncStateOf } from "../posts/sync-state";
import { trpc } from "../trpc";
import { Button, buttonClass } from "../ui/button";
import { Switch } from "../ui/switch";
import { CreatePostDialog } from "./create-post-dialog";

type Tab = "events" | "posts";

/**
 * The promoter's feed: events open for promotion and their own posts. Phones switch between
 * the two with tabs; desktops show both side by side.
 */
export function FeedView({ initialEvents, initialPosts }: { initialEvents: PromotableEvent[]; initialPosts: OwnPost[] }) {
  const { data: events = initialEvents } = trpc.feed.events.useQuery(undefined, { initialData: initialEvents });
  const { data: posts = initialPosts } = trpc.feed.myPosts.useQuery(undefined, {
    initialData: initialPosts,
    // Sales come in live: every 10 s (2 s while a synced post catches up), and on coming back to the tab.
    refetchInterval: (q) => (q.state.data?.some((p) => syncStateOf(p.post, p.event?.version ?? null) === "behind") ? 2_000 : 10_000),
    refetchOnWindowFocus: true,
  });
  const [tab, setTab] = useState<Tab>("events");
  // The dialog stays mounted between uses, so closing it hands focus back to its button.
  const [dialogEvent, setDialogEvent] = useState<PromotableEvent | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  // Each opening is a fresh form: a reopened dialog never shows the last post or its choices.
  const [openings, setOpenings] = useState(0);

  return (
    <>
      <div role="tablist" aria-label="Feed" className="mb-5 grid grid-cols-2 rounded-xl bg-stone-200/70 p-1 lg:hidden">
        <TabButton id="events" selected={tab === "events"} onSelect={setTab}>
          Events <Count n={events.length} />
        </TabButton>
        <TabButton id="posts" selected={tab === "posts"} onSelect={setTab}>
          My posts <Count n={posts.length} />
        </TabButton>
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-10">
        <section id="feed-panel-events" role="tabpanel" aria-labelledby="feed-heading-events" className={tab === "events" ? "" : "hidden lg:block"}>
          <h2 id="feed-heading-events" className="mb-3 text-lg font-semibold text-ink-950">
            Open for promotion
          </h2>
          {events.length === 0 ? (
            <Empty title="Nothing to promote right now" body="When curators put events on sale, they show up here, soonest first." />
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2" aria-label="Events open for promotion">
              {events.map((event) => (
                <li key={event.id} id={`event-${event.id}`} className="scroll-mt-24">
                  <PromotableEventCard
                    event={event}
                    onCreate={() => {
                      setDialogEvent(event);
                      setOpenings((n) => n + 1);
                      setDialogOpen(true);
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        <section id="feed-panel-posts" role="tabpanel" aria-labelledby="feed-heading-posts" className={tab === "posts" ? "" : "hidden lg:block"}>
          <h2 id="feed-heading-posts" className="mb-3 text-lg font-semibold text-ink-950">
            My posts
          </h2>
          {posts.length === 0 ? (
            <Empty title="No posts yet" body="Pick an event and create your post. Its link is yours to share anywhere." />
          ) : (
            <ul className="flex flex-col gap-3" aria-label="My posts">
              {posts.map((item) => (
                <li key={item.post.id}>
                  <OwnPostCard item={item} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {dialogEvent ? (
        <CreatePostDialog key={`${dialogEvent.id}:${openings}`} event={dialogEvent} open={dialogOpen} onClose={() => setDialogOpen(false)} />
      ) : null}
    </>
  );
}

function TabButton({ id, selected, onSelect, children }: { id: Tab; selected: boolean; onSelect: (t: Tab) => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      role="tab"
      id={`feed-tab-${id}`}
      aria-selected={selected}
      aria-controls={`feed-panel-${id}`}
      onClick={() => onSelect(id)}
      className={`min-h-10 rounded-lg text-sm font-semibold transition ${selected ? "bg-white text-ink-950 shadow-sm" : "text-stone-600"}`}
    >
      {children}
    </button>
  );
}

function Count({ n }: { n: number }) {
  return <span className="ml-1 rounded-full bg-stone-100 px-1.5 text-xs text-stone-600 tabular-nums">{n}</span>;
}

function Empty({ title, body }: { title: string; body: string }) {
  return (
    <div className="rounded-2xl border-2 border-dashed border-stone-300 bg-white px-6 py-10 text-center">
      <p className="font-semibold text-ink-950">{title}</p>
      <p className="mt-1 text-sm text-stone-600">{body}</p>
    </div>
  );
}

function Poster({ src, title, className }: { src: string | null | undefined; title: string; className: string }) {
  return (
    <div className={`overflow-hidden bg-ink-900 ${className}`}>
      {src ? (
        <img src={posterSize(src, "400")} alt="" loading="lazy" className="size-full object-cover" />
      ) : (
        <div
          aria-hidden="true"
          className="grid size-full place-items-center bg-gradient-to-br from-spotlight-600 via-ink-800 to-marquee-600 text-2xl font-black text-white/80"
        >
          {initials(title)}
        </div>
      )}
    </div>
  );
}

/** The whole portrait poster on a wide card: sharp in the middle, blurred to fill the sides. */
function PosterStage({ src, title }: { src: string | null; title: string }) {
  if (!src) return <Poster src={null} title={title} className="aspect-[16/10] w-full" />;
  const small = posterSize(src, "400");
  return (
    <div className="relative isolate aspect-[16/10] w-full overflow-hidden bg-ink-900">
      <img aria-hidden="true" src={small} alt="" className="absolute inset-0 -z-10 size-full scale-125 object-cover opacity-70 blur-2xl" />
      <img src={src} alt="" loading="lazy" className="mx-auto h-full w-auto object-contain py-3 drop-shadow-[0_10px_20px_rgba(0,0,0,0.5)]" />
    </div>
  );
}

function PromotableEventCard({ event, onCreate }: { event: PromotableEvent; onCreate: () => void }) {
  const price = formatPriceRange(event.price);
  return (
    <article className="flex h-full flex-col overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="feed-event">
      <div className="relative">
        <PosterStage src={event.posterSrc} title={event.title} />
        {event.invited ? (
          <span className="absolute top-3 left-3 rounded-full bg-marquee-500 px-2.5 py-1 text-xs font-bold text-ink-950 shadow">You're invited</span>
        ) : null}
        {price ? (
          <span className="absolute right-3 bottom-3 rounded-full bg-white/95 px-2.5 py-1 text-sm font-bold text-ink-950 shadow">{price}</span>
        ) : null}
      </div>
      <div className="flex flex-1 flex-col gap-1 p-4">
        <p className="text-sm font-semibold text-marquee-700">
          <time dateTime={event.startDate.toISOString()}>{formatEventStart(event.startDate, event.timezone)}</time>
        </p>
        <h3 className="text-lg leading-snug font-semibold text-ink-950">{event.title}</h3>
        <p className="text-sm text-stone-600">
          {event.venue}
          <span className="text-stone-400"> · by {event.curatorName}</span>
        </p>
        {event.headliners.length ? (
          <p className="text-sm text-stone-600">
            <span aria-hidden="true">★ </span>
            <span className="sr-only">Headlining: </span>
            {event.headliners.join(", ")}
          </p>
        ) : null}
        <div className="mt-auto flex flex-col gap-2 pt-4">
          {event.myPost ? (
            <div className="grid grid-cols-2 gap-2">
              <ShareButton path={`/p/${event.myPost.slug}`} title={event.title} variant="accent" />
              <Link href={`/p/${event.myPost.slug}`} className={buttonClass("secondary")}>
                View my post
              </Link>
            </div>
          ) : null}
          <Button variant={event.myPost ? "ghost" : "accent"} onClick={onCreate} size={event.myPost ? "sm" : "md"}>
            {event.myPost ? "Create another post" : "Create my post"}
            <span className="sr-only"> for {event.title}</span>
          </Button>
        </div>
      </div>
    </article>
  );
}

/** What a post sold and earned, in its event's currency. */
function PostSales({ sales, currency }: { sales: OwnPost["sales"]; currency: string | null }) {
  const money = (n: number) => (currency ? formatMoney(n, currency) : String(n));
  const figures = [
    { label: "Orders", value: String(sales.orders) },
    { label: "Tickets", value: String(sales.tickets) },
    { label: "Revenue", value: money(sales.revenue) },
    { label: "Earned", value: money(sales.commission) },
  ];
  return (
    <dl
      className="mt-3 grid grid-cols-4 gap-1 rounded-xl bg-stone-50 p-2 text-center ring-1 ring-stone-200"
      aria-label="Sales through this post"
      data-testid="post-sales"
    >
      {figures.map((f) => (
        <div key={f.label} className="min-w-0">
          <dt className="text-[0.6875rem] font-semibold tracking-wide text-stone-500 uppercase">{f.label}</dt>
          <dd
            className={`truncate text-sm font-bold tabular-nums ${f.label === "Earned" && sales.commission > 0 ? "text-emerald-700" : "text-ink-950"}`}
          >
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function OwnPostCard({ item }: { item: OwnPost }) {
  const { post, event } = item;
  const utils = trpc.useUtils();
  const toggle = trpc.posts.toggleSync.useMutation({ onSuccess: () => utils.feed.myPosts.invalidate() });
  const state = syncStateOf(post, event?.version ?? null);
  return (
    <article className="rounded-2xl bg-white p-3 shadow-sm ring-1 ring-stone-200" data-testid="own-post">
      <div className="flex gap-3">
        <Poster src={post.coverImages[0]?.src} title={post.title} className="h-24 w-[4.75rem] shrink-0 rounded-lg" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-1.5">
            <SyncBadge state={state} syncedVersion={post.syncedEventVersion} eventVersion={event?.version ?? null} />
            {event && event.status !== "UPCOMING" ? <EventStatusBadge status={event.status} /> : null}
          </div>
          <h3 className="mt-1 leading-snug font-semibold text-ink-950" data-testid="own-post-title">
            <Link href={`/p/${post.slug}`} className="hover:text-marquee-700">
              {post.title}
            </Link>
          </h3>
          <p className="truncate text-sm text-stone-500">{post.subTitle}</p>
          {post.caption ? <p className="mt-1 line-clamp-2 text-sm text-stone-700">“{post.caption}”</p> : null}
        </div>
      </div>
      <PostSales sales={item.sales} currency={item.currency} />
      <div className="mt-3 flex items-center gap-3 border-t border-stone-100 pt-3">
        <div className="min-w-0 flex-1">
          {event ? (
            <Switch
              id={`own-sync-${post.id}`}
              label="Sync"
              checked={post.syncEnabled}
              pending={toggle.isPending}
              onChange={(syncEnabled) => toggle.mutate({ postId: post.id, syncEnabled })}
            />
          ) : (
            <p className="text-xs text-stone-500">The event was removed.</p>
          )}
          {toggle.error ? (
            <p role="alert" className="mt-1 text-xs font-medium text-red-700">
              {readServerError(toggle.error).message}
            </p>
          ) : null}
        </div>
        <ShareButton path={`/p/${post.slug}`} title={post.title} text={post.caption ?? undefined} size="sm" />
      </div>
    </article>
  );
}
