import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api } from "@/server/trpc/server";

/** The public post for this render; an unknown, malformed or deleted slug is a 404 page. */
export const loadPost = cache(async (slug: string) => {
  try {
    return await api.publicPosts.bySlug({ slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

/** What the post's event sells now; null when the post has no live event to sell. */
export const loadAvailability = cache(async (eventId: string) => {
  try {
    return await api.orders.availability({ eventId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  }
});
