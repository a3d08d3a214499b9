// Prisma rows -> ZPostView, through an explicit select.
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { ZTicketPriceView, type PostView } from "./schema";

const ZStoredImages = z.array(z.object({ src: z.string() })).catch([]);
const ZStoredTicketPrices = z.array(ZTicketPriceView).catch([]);

export const postViewSelect = {
  id: true,
  creatorId: true,
  creator: { select: { name: true } },
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
  media: {
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, src: true, position: true, mediaType: true },
  },
} satisfies Prisma.PostSelect;

export type PostViewRow = Prisma.PostGetPayload<{ select: typeof postViewSelect }>;

export function toPostView({ creator, ...row }: PostViewRow): PostView {
  return {
    ...row,
    creatorName: creator.name,
    coverImages: ZStoredImages.parse(row.coverImages ?? []),
    ticketPrices: ZStoredTicketPrices.parse(row.ticketPrices ?? []),
  };
}
