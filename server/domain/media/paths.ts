// Naming of the sizes of an uploaded poster, shared by the server and pages: the event keeps
// `/media/posters/<id>/1200.webp`; a card asks for the 400 px one, a share card for og.jpg.
const UPLOADED_POSTER = /^(.*\/posters\/[0-9a-f-]{36})\/1200\.webp$/;

export type PosterSize = "400" | "1200" | "og";

const FILES: Record<PosterSize, string> = { "400": "400.webp", "1200": "1200.webp", og: "og.jpg" };

/** The same poster in another size; other images (any URL, demo SVGs) are returned as they are. */
export function posterSize(src: string, size: PosterSize): string {
  const match = UPLOADED_POSTER.exec(src);
  return match ? `${match[1]}/${FILES[size]}` : src;
}

export function posterKey(id: string, size: PosterSize): string {
  return `posters/${id}/${FILES[size]}`;
}
