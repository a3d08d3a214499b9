// Where uploaded media live. Pages and events only ever hold a path (`/media/<key>`), so
// moving to object storage (S3, R2, GCS) means one more implementation of MediaStorage and
// a `publicUrl` pointing at its CDN; nothing else changes.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export interface StoredMedia {
  body: Buffer;
  contentType: string;
}

export interface MediaStorage {
  /** Stores `body` under `key` (e.g. `posters/<uuid>/1200.webp`); keys are never reused. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredMedia | null>;
  /** The URL (or app path) pages use for `key`. */
  publicUrl(key: string): string;
}

/** Lower-case segments of letters, digits, `-`, `_` and `.`, never `..`: no escaping the root. */
const KEY = /^[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9_.-]*)*$/;

export function isValidMediaKey(key: string): boolean {
  return KEY.test(key) && !key.split("/").some((segment) => segment === ".." || segment === ".");
}

const CONTENT_TYPES: Record<string, string> = {
  ".webp": "image/webp",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".avif": "image/avif",
  ".gif": "image/gif",
};

export function contentTypeOf(key: string): string {
  return CONTENT_TYPES[path.extname(key).toLowerCase()] ?? "application/octet-stream";
}

const NOT_A_FILE = new Set(["ENOENT", "EISDIR", "ENOTDIR", "ENAMETOOLONG"]);

/**
 * Files under a directory (by default the git-ignored `.data/uploads`), served by the app at
 * `/media/<key>`. `public/` is not used: a production build serves it as it was at build time.
 */
export class DiskMediaStorage implements MediaStorage {
  constructor(
    private readonly root: string,
    private readonly urlPrefix = "/media",
  ) {}

  private file(key: string): string {
    if (!isValidMediaKey(key)) throw new Error(`Invalid media key: ${key}`);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, body: Buffer, _contentType: string): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, body);
    await rename(temp, file);
  }

  async get(key: string): Promise<StoredMedia | null> {
    if (!isValidMediaKey(key)) return null;
    try {
      return { body: await readFile(this.file(key)), contentType: contentTypeOf(key) };
    } catch (error) {
      // No such file: also a directory, a path through a file (`1200.webp/x`), a name too long.
      if (NOT_A_FILE.has((error as NodeJS.ErrnoException).code ?? "")) return null;
      throw error;
    }
  }

  publicUrl(key: string): string {
    return `${this.urlPrefix}/${key}`;
  }
}

let storage: MediaStorage | undefined;

/** The app's media storage: on disk under MEDIA_DIR, or `.data/uploads` of the working directory. */
export function mediaStorage(): MediaStorage {
  storage ??= new DiskMediaStorage(
    path.resolve(/*turbopackIgnore: true*/ process.env.MEDIA_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "uploads")),
  );
  return storage;
}
