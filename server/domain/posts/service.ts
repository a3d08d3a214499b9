// Posts made from events: the curator's auto-post (written by createEvent), "post from
// event" by promoters and curators, and the sync switch. The event-derived fields always
// come from the one mapping in event-mapping.ts.
import { randomBytes } from "node:crypto";
import type { Actor } from "../../auth/actor";
import { mayPost, seesEvent } from "../../auth/policy";
import type { Db, Tx } from "../../db/client";
import { shareLockLiveEvent } from "../../db/sql/events";
import { query } from "../../db/sql/statement";
import { AppError } from "../../errors";
import { EventStatus, PostType } from "../../generated/prisma/enums";
import { liveVariantsArgs, ticketProductArgs } from "../products/views";
import { postFieldsFromEvent, postMediaFromEvent, type EventForPost, type MediaForPost, type VariantForPost } from "./event-mapping";
import type { PostView, TCreatePostFromEventInput, TToggleSyncInput } from "./schema";
import { postColumnsSelect, postMediaViewSelect, postViewSelect, toPostView } from "./views";

/** 10 characters of a CSPRNG for short, unguessable share links (/p/<slug>). */
function newSlug(): string {
  return randomBytes(7).toString("base64url");
}

/**
 * Writes a post of `creator` from an event (Post, then its PostMedia), inside the caller's
 * transaction, and answers its view, built from what the INSERTs returned (reading it back
 * cost four more queries). Callers hold the event row (FOR UPDATE or FOR SHARE) so the
 * copied data is the event's current version.
 */
export async function insertEventPost(
  tx: Tx,
  {
    event,
    medias,
    variants,
    creator,
    caption,
    syncEnabled,
  }: {
    event: EventForPost & { id: string };
    medias: readonly MediaForPost[];
    variants: readonly VariantForPost[];
    creator: { id: string; name: string };
    caption?: string;
    syncEnabled: boolean;
  },
): Promise<PostView> {
  const now = new Date();
  const post = await tx.post.create({
    data: {
      ...postFieldsFromEvent(event, medias, variants),
      creatorId: creator.id,
      postType: PostType.EVENT,
      createFromEventId: event.id,
      slug: newSlug(),
      caption: caption || null,
      syncEnabled,
      syncedAt: now,
      // Millisecond precision on purpose: the related-posts cursor (pagination.ts) carries a JS Date.
      createdAt: now,
    },
    select: postColumnsSelect,
  });
  const media = postMediaFromEvent(medias);
  const mediaRows =
    media.length > 0
      ? await tx.postMedia.createManyAndReturn({ data: media.map((m) => ({ ...m, postId: post.id })), select: postMediaViewSelect })
      : [];
  return toPostView({
    ...post,
    creator: { name: creator.name },
    event: { version: event.version },
    media: mediaRows.sort((a, b) => a.position - b.position),
  });
}

export async function readPostView(tx: Tx | Db, postId: string): Promise<PostView> {
  return toPostView(await tx.post.findUniqueOrThrow({ where: { id: postId }, select: postViewSelect }));
}

/**
 * Takes a share lock on a live event, so an update (which holds FOR UPDATE) cannot commit
 * between our reading the event and our post being written with its version. Answers the
 * event's data a post needs, or null when there is no such live event.
 */
async function readEventForPost(tx: Tx, eventId: string) {
  const locked = await query(tx, shareLockLiveEvent({ eventId }));
  if (locked.length === 0) return null;
  return tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: {
      id: true,
      curatorId: true,
      status: true,
      title: true,
      venue: true,
      startDate: true,
      timezone: true,
      version: true,
      medias: { select: { src: true, position: true, mediaType: true } },
      product: { ...ticketProductArgs, select: { variants: liveVariantsArgs } },
    },
  });
}

/**
 * POST /posts/curator/from-event: the caller's own post from an UPCOMING event, carrying
 * its current title, venue and date, poster and ticket prices.
 *
 * Who: promoters may post from any curator's upcoming event (that is their job); admins
 * too. A curator may post only from their own events: another curator's event answers
 * NOT_FOUND, exactly as for an unknown id, because curators never see each other's events
 * (the home page shows a curator only their own) and a different answer would tell them
 * which ids exist. Door staff have no posts: FORBIDDEN.
 */
export async function createPostFromEvent(db: Db, actor: Actor, input: TCreatePostFromEventInput): Promise<{ post: PostView }> {
  if (!mayPost(actor)) {
    throw new AppError("FORBIDDEN", "Only promoters, curators and admins can post from events");
  }
  return db.$transaction(async (tx) => {
    const event = await readEventForPost(tx, input.eventId);
    if (!event || !seesEvent(actor, event)) {
      throw new AppError("NOT_FOUND", `No event ${input.eventId}`);
    }
    if (event.status !== EventStatus.UPCOMING) {
      throw new AppError("CONFLICT", `Posts can only be made from upcoming events; this event is ${event.status}`, {
        extra: { currentStatus: event.status },
      });
    }
    const post = await insertEventPost(tx, {
      event,
      medias: event.medias,
      variants: event.product[0]?.variants ?? [],
      creator: { id: actor.userId, name: actor.name },
      caption: input.caption,
      syncEnabled: input.syncEnabled ?? true,
    });
    return { post };
  });
}

/**
 * POST /posts/curator/toggle-sync: only the post's creator may switch it (anyone else gets
 * NOT_FOUND). Turning sync on brings the post to the event's current version at once, in
 * the same transaction; turning it off freezes the post as it is.
 */
export async function toggleSync(db: Db, actor: Actor, input: TToggleSyncInput): Promise<{ post: PostView }> {
  return db.$transaction(async (tx) => {
    const post = await tx.post.findFirst({
      where: { id: input.postId, creatorId: actor.userId, deletedAt: null },
      select: { id: true, syncEnabled: true, syncedEventVersion: true, createFromEventId: true },
    });
    if (!post) throw new AppError("NOT_FOUND", `No post ${input.postId}`);

    if (!input.syncEnabled) {
      if (post.syncEnabled) {
        await tx.post.update({ where: { id: post.id }, data: { syncEnabled: false } });
      }
      return { post: await readPostView(tx, post.id) };
    }

    if (!post.createFromEventId) {
      throw new AppError("UNPROCESSABLE", "This post was not made from an event, so there is nothing to sync it with");
    }
    const event = await readEventForPost(tx, post.createFromEventId);
    if (!event) {
      throw new AppError("UNPROCESSABLE", "The event this post was made from no longer exists");
    }
    if (post.syncEnabled && post.syncedEventVersion === event.version) {
      return { post: await readPostView(tx, post.id) }; // already on and current: nothing to do
    }
    await tx.post.update({
      where: { id: post.id },
      data: {
        ...postFieldsFromEvent(event, event.medias, event.product[0]?.variants ?? []),
        syncEnabled: true,
        syncedAt: new Date(),
      },
    });
    await tx.postMedia.deleteMany({ where: { postId: post.id } });
    const media = postMediaFromEvent(event.medias);
    if (media.length > 0) {
      await tx.postMedia.createMany({ data: media.map((m) => ({ ...m, postId: post.id })) });
    }
    return { post: await readPostView(tx, post.id) };
  });
}
