// The public page behind a promoter's share link. No sign-in; Open Graph and Twitter card
// tags (absolute URLs from APP_URL) so a shared link shows the poster and the title.
import type { Metadata } from "next";
import { PublicPostView } from "@/components/posts/public-post";
import { posterSize } from "@/server/domain/media/paths";
import { env } from "@/server/env";
import { loadAvailability, loadPost } from "./load";

type Params = Promise<{ slug: string }>;

function absolute(pathOrUrl: string): string {
  return new URL(pathOrUrl, env().APP_URL).toString();
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  const post = await loadPost(slug);
  const url = absolute(`/p/${post.slug}`);
  const description = [post.subTitle, post.caption].filter(Boolean).join(" — ").slice(0, 300);
  const cover = post.coverImages[0]?.src;
  const image = cover
    ? { url: absolute(posterSize(cover, "og")), ...(posterSize(cover, "og") !== cover ? { width: 1200, height: 630 } : {}), alt: post.title }
    : null;
  return {
    title: post.title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "website",
      siteName: "Marquee",
      url,
      title: post.title,
      description,
      images: image ? [image] : [],
    },
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title: post.title,
      description,
      images: image ? [image.url] : [],
    },
  };
}

export default async function PublicPostPage({ params }: { params: Params }) {
  const { slug } = await params;
  const post = await loadPost(slug);
  const availability = post.event ? await loadAvailability(post.event.id) : null;
  return <PublicPostView post={post} availability={availability} />;
}
