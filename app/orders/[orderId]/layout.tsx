import type { ReactNode } from "react";
import { loadOrder } from "./load";

/**
 * The order is looked up here, above the page's loading boundary, so an unknown or malformed
 * order id answers 404 before anything streams.
 */
export default async function OrderLayout({ children, params }: { children: ReactNode; params: Promise<{ orderId: string }> }) {
  await loadOrder((await params).orderId);
  return children;
}
