import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api } from "@/server/trpc/server";

/** The event's details for this render; an unknown, malformed or not-yours id is a 404 page. */
export const loadEventDetails = cache(async (id: string) => {
  try {
    return await api.events.details({ id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});
