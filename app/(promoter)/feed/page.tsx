import type { Metadata } from "next";
import { FeedView } from "@/components/feed/feed-view";
import { PageHeader, PageShell } from "@/components/ui/page";
import { RoleGate } from "@/components/ui/role-gate";
import { requirePageUser } from "@/server/auth/page-access";
import { POSTING_ROLES } from "@/server/auth/policy";
import { api } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Feed" };

export default async function FeedPage() {
  const user = await requirePageUser("/feed");
  if (!POSTING_ROLES.includes(user.role)) return <RoleGate role={user.role} needed={["PROMOTER"]} what="the promoter feed" />;
  const [events, posts] = await Promise.all([api.feed.events(), api.feed.myPosts()]);
  return (
    <PageShell>
      <PageHeader
        title="Feed"
        description={
          user.role === "CURATOR"
            ? "Your upcoming events, ready to post from, and your posts."
            : "Events you can promote, and your posts with their share links."
        }
      />
      <FeedView initialEvents={events} initialPosts={posts} />
    </PageShell>
  );
}
