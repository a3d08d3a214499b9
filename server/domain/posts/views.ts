// Prisma rows -> ZPostView, through an explicit select.
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { ZTicketPriceView, type PostSyncState, type PostView } from "./schema";

const ZStoredImages = z.array(z.object({ src: z.string() })).catch([]);
const ZStoredTicketPrices = z.array(ZTicketPriceView).catch([]);

/** A post view's own columns; its creator's name, event version and media come from elsewhere. */
export const postColumnsSelect = {
  id: true,
  creatorId: true,
  postType: true,
  createFromEventId: true,
  slug: true,
  headline: true,
  title: true,
  subTitle: true,
  caption: true,
  coverImages: true,
  ticketPrices: true,
  syncEnabled: true,
  syncedEventVersion: true,
  syncedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.PostSelect;

export const postMediaViewSelect = { id: true, src: true, position: true, mediaType: true } satisfies Prisma.PostMediaSelect;

export const postViewSelect = {
  ...postColumnsSelect,
  creator: { select: { name: true } },
  event: { select: { version: true } },
  media: { orderBy: [{ position: "asc" }, { id: "asc" }], select: postMediaViewSelect },
} satisfies Prisma.PostSelect;

export type PostViewRow = Prisma.PostGetPayload<{ select: typeof postViewSelect }>;

/** `current`, `behind` or `off`: a post's synced version against its event's version. */
export function postSyncState(post: { syncEnabled: boolean; syncedEventVersion: number | null; eventVersion: number | null }): PostSyncState {
  if (!post.syncEnabled || post.eventVersion === null) return "off";
  return post.syncedEventVersion !== null && post.syncedEventVersion >= post.eventVersion ? "current" : "behind";
}

export function toPostView({ creator, event, ...row }: PostViewRow): PostView {
  return {
    ...row,
    syncState: postSyncState({ ...row, eventVersion: event?.version ?? null }),
    creatorName: creator.name,
    coverImages: ZStoredImages.parse(row.coverImages ?? []),
    ticketPrices: ZStoredTicketPrices.parse(row.ticketPrices ?? []),
  };
}
