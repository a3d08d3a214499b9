// GET /media/<key>: uploaded media from the app's MediaStorage. Keys are never reused (each
// upload gets a new id), so answers can be cached for good.
import { mediaStorage } from "@/server/domain/media/storage";

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  const media = await mediaStorage().get(path.join("/"));
  if (!media) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(new Uint8Array(media.body), {
    headers: {
      "content-type": media.contentType,
      "content-length": String(media.body.length),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
