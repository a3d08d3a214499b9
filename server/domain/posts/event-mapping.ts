// The one mapping from an event to the fields of a post made from it (spec section 6):
//   title -> headline, title;  venue + date -> subTitle;  poster -> media, coverImages;
//   ticket types -> ticketPrices;  and the event version the post now reflects.
// The auto-post, "post from event", turning sync back on and the background post sync all
// use it, so a post looks the same whichever way it got its data.
import type { MediaType } from "../../generated/prisma/enums";

export interface EventForPost {
  title: string;
  venue: string;
  startDate: Date;
  /** IANA zone: the date on a post is the guests' wall-clock time. */
  timezone: string;
  version: number;
}

export interface MediaForPost {
  src: string;
  position: number;
  mediaType: MediaType;
}

export interface VariantForPost {
  id: string;
  name: string;
  price: number;
  currency: string;
  position: number;
}

export interface PostFieldsFromEvent {
  headline: string;
  title: string;
  subTitle: string;
  coverImages: { src: string }[];
  ticketPrices: { variantId: string; name: string; price: number; currency: string }[];
  syncedEventVersion: number;
}

/**
 * "Halle Süd · Fri 12 Dec, 23:00": the venue and the event's local start time. Never the
 * location: posts are public, and an event with address reveal keeps its address back.
 */
export function eventSubTitle(event: Pick<EventForPost, "venue" | "startDate" | "timezone">): string {
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone: event.timezone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(event.startDate);
  return `${event.venue} · ${when}`;
}

function byPosition<T extends { position: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position);
}

/** A post's event-derived fields. Pass the live (not soft-deleted) media and variants. */
export function postFieldsFromEvent(event: EventForPost, medias: readonly MediaForPost[], variants: readonly VariantForPost[]): PostFieldsFromEvent {
  return {
    headline: event.title,
    title: event.title,
    subTitle: eventSubTitle(event),
    coverImages: byPosition(medias).map((m) => ({ src: m.src })),
    ticketPrices: byPosition(variants).map((v) => ({
      variantId: v.id,
      name: v.name,
      price: v.price,
      currency: v.currency,
    })),
    syncedEventVersion: event.version,
  };
}

/** The PostMedia rows (without postId) copied from the event's media, in order. */
export function postMediaFromEvent(medias: readonly MediaForPost[]): MediaForPost[] {
  return byPosition(medias).map((m, position) => ({ src: m.src, position, mediaType: m.mediaType }));
}
