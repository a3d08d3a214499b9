import type { ReactNode } from "react";
import { auth } from "@/server/auth";
import { EVENT_MANAGER_ROLES } from "@/server/auth/policy";
import { loadEventDetails } from "./load";

/**
 * The event is looked up here, above its pages' loading boundaries, so an unknown or deleted
 * event answers 404 before anything streams. Signed-out visitors and other roles pass through:
 * each page sends them to sign-in (back to that page) or says who may see it.
 */
export default async function EventLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = (await auth())?.user;
  if (user?.id && EVENT_MANAGER_ROLES.includes(user.role)) await loadEventDetails(id);
  return children;
}
