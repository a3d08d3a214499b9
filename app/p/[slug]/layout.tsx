import type { ReactNode } from "react";
import { loadPost } from "./load";

/**
 * The post is looked up here, above the page's loading boundary, so a dead link answers 404
 * before anything streams (under the boundary it would answer 200, and link previews keep it).
 */
export default async function PostLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await loadPost((await params).slug);
  return children;
}
