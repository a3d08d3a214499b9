import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { api } from "@/server/trpc/server";

/** The door for this render; an unknown, malformed or not-theirs event id is a 404 page. */
export const loadDoor = cache(async (eventId: string) => {
  try {
    return await api.door.event({ eventId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});
