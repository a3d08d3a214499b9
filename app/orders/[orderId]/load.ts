import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { db } from "@/server/db";
import { getOrderTicketEvent } from "@/server/domain/guests/public-ticket";
import { api } from "@/server/trpc/server";

/**
 * The order and its event for this render, and whether its hold ran out before the hold-expiry
 * sweep (every minute) released it; an unknown or malformed order id is a 404 page.
 */
export const loadOrder = cache(async (orderId: string) => {
  try {
    const order = await api.orders.get({ orderId });
    const holdRanOut = order.status === "PENDING_PAYMENT" && (!order.expiresAt || order.expiresAt <= new Date());
    return { order, holdRanOut, ...(await getOrderTicketEvent(db, order.id)) };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});
