// Poster uploads: any common image in, three sizes out. Decoding with sharp (libvips) both
// checks that the bytes are an image of an allowed kind (never trusting the file name or the
// browser's type) and strips metadata such as GPS positions from phone photos.
import { randomUUID } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { AppError } from "../../errors";
import { posterKey, type PosterSize } from "./paths";
import type { MediaStorage } from "./storage";

export const POSTER_MAX_BYTES = 10 * 1024 * 1024;
/** Decoding bombs (a tiny file claiming 100 000 x 100 000 px) stop here. */
const MAX_INPUT_PIXELS = 60_000_000;
const MIN_SIDE_PX = 200;
const ALLOWED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "avif", "heif"]);

export interface StoredPoster {
  /** What an event's `poster` holds: the 1200 px wide WebP. */
  src: string;
  sizes: Record<PosterSize, string>;
  width: number;
  height: number;
}

function unsupported(): AppError {
  return new AppError("UNSUPPORTED_MEDIA_TYPE", "Upload a JPEG, PNG, WebP, GIF or AVIF image");
}

/** Validates and resizes an uploaded image, stores its sizes, and answers their paths. */
export async function storePoster(storage: MediaStorage, bytes: Buffer): Promise<StoredPoster> {
  if (bytes.length === 0) throw new AppError("INVALID_INPUT", "The file is empty", { errors: [{ path: "file", message: "is empty" }] });
  if (bytes.length > POSTER_MAX_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Images may be at most ${POSTER_MAX_BYTES / 1024 / 1024} MB`);
  }
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" as const };
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, options).metadata();
  } catch {
    throw unsupported();
  }
  if (!metadata.format || !ALLOWED_FORMATS.has(metadata.format)) throw unsupported();
  // EXIF orientation turns a portrait phone photo's stored width into its height.
  const rotated = (metadata.orientation ?? 1) >= 5;
  const width = (rotated ? metadata.height : metadata.width) ?? 0;
  const height = (rotated ? metadata.width : metadata.height) ?? 0;
  if (width < MIN_SIDE_PX || height < MIN_SIDE_PX) {
    throw new AppError("UNPROCESSABLE", `The image is ${width}×${height} px; posters need at least ${MIN_SIDE_PX} px a side`);
  }

  const id = randomUUID();
  const base = () => sharp(bytes, options).rotate(); // first frame only, upright
  let outputs: [PosterSize, Buffer, string][];
  try {
    outputs = await Promise.all([
      base().resize({ width: 1200, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer(),
      base().resize({ width: 400, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer(),
      // Link previews (Open Graph, Twitter cards) want 1.91:1, and JPEG is read everywhere.
      base()
        .resize({ width: 1200, height: 630, fit: "cover", position: "attention" })
        .flatten({ background: "#0b0a12" })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer(),
    ]).then(([large, small, og]) => [
      ["1200", large, "image/webp"],
      ["400", small, "image/webp"],
      ["og", og, "image/jpeg"],
    ]);
  } catch {
    throw unsupported();
  }
  for (const [size, body, type] of outputs) await storage.put(posterKey(id, size), body, type);
  const sizes = {
    "1200": storage.publicUrl(posterKey(id, "1200")),
    "400": storage.publicUrl(posterKey(id, "400")),
    og: storage.publicUrl(posterKey(id, "og")),
  };
  return { src: sizes["1200"], sizes, width, height };
}
