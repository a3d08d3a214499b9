import type { ReactNode } from "react";
import { requirePageUser } from "@/server/auth/page-access";
import { loadDoor } from "./load";

/**
 * Sign-in and the door are checked here, above the page's loading boundary, so a door that
 * isn't there answers 404 (and a signed-out visitor a redirect) before anything streams.
 */
export default async function DoorEventLayout({ children, params }: { children: ReactNode; params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  await requirePageUser(`/door/${eventId}`);
  await loadDoor(eventId);
  return children;
}
