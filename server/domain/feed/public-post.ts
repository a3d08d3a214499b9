// The public post page (/p/<slug>): what anyone with the link sees, signed in or not.
// The post's own fields are the promoter's post as it was last synced (or frozen, with sync
// off); the event's live facts that a guest relies on (status, when and where, lineup) come
// from the event itself. The location only once the address is revealed. It reads both areas,
// posts and events, so it lives here with the feed, which is built on both.
import { z } from "zod";
import type { Db } from "../../db/client";
import { AppError } from "../../errors";
import { EventStatus } from "../../generated/prisma/enums";
import { addressRevealMoment, isAddressRevealed } from "../events/address-reveal";
import { eventViewSelect, toEventView } from "../events/views";
import { ZTicketPriceView } from "../posts/schema";
import { postViewSelect, toPostView } from "../posts/views";

export const ZPostSlug = z.strictObject({
  slug: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "is not a post link" }),
});

export const ZPublicPost = z.object({
  slug: z.string(),
  headline: z.string(),
  title: z.string(),
  subTitle: z.string(),
  caption: z.string().nullable(),
  creatorName: z.string(),
  coverImages: z.array(z.object({ src: z.string() })),
  ticketPrices: z.array(ZTicketPriceView),
  event: z
    .object({
      /** What the page's ticket sale (orders.availability, orders.place) is keyed by. */
      id: z.uuid(),
      status: z.enum(EventStatus),
      startDate: z.date(),
      endDate: z.date().nullable(),
      timezone: z.string(),
      venue: z.string(),
      /** Null until the address is revealed. */
      location: z.string().nullable(),
      /** When a held-back address will be shown; null once shown (or never held back). */
      addressRevealsAt: z.date().nullable(),
      lineups: z.array(z.object({ title: z.string(), introduction: z.string().nullable(), isHeadliner: z.boolean() })),
    })
    .nullable(),
});
export type PublicPost = z.infer<typeof ZPublicPost>;

export async function getPublicPost(db: Db, slug: string, now: Date = new Date()): Promise<PublicPost> {
  const row = await db.post.findFirst({
    where: { slug, deletedAt: null },
    select: {
      ...postViewSelect,
      event: {
        select: {
          ...eventViewSelect,
          deletedAt: true,
          lineups: {
            orderBy: [{ order: "asc" }, { id: "asc" }],
            select: { title: true, introduction: true, isHeadliner: true },
          },
        },
      },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such post: the link may be mistyped, or the post was removed");
  const eventRow = row.event;
  const post = toPostView(row);
  let event: PublicPost["event"] = null;
  if (eventRow && !eventRow.deletedAt) {
    const { lineups, deletedAt: _deleted, ...viewRow } = eventRow;
    const view = toEventView(viewRow);
    const revealed = isAddressRevealed(view, now);
    event = {
      id: view.id,
      status: view.status,
      startDate: view.startDate,
      endDate: view.endDate,
      timezone: view.timezone,
      venue: view.venue,
      location: revealed ? view.location : null,
      addressRevealsAt: revealed ? null : addressRevealMoment(view),
      lineups,
    };
  }
  return {
    slug: post.slug,
    headline: post.headline,
    title: post.title,
    subTitle: post.subTitle,
    caption: post.caption,
    creatorName: post.creatorName,
    coverImages: post.coverImages,
    ticketPrices: post.ticketPrices,
    event,
  };
}
