import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posterSize } from "./paths";
import { storePoster } from "./posters";
import { DiskMediaStorage, isValidMediaKey } from "./storage";

let root: string;
let storage: DiskMediaStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "marquee-media-"));
  storage = new DiskMediaStorage(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function png(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: "#f5780b" } })
    .png()
    .toBuffer();
}

describe("storePoster", () => {
  it("stores a 1200 px and a 400 px WebP and a 1200x630 JPEG for link previews", async () => {
    const poster = await storePoster(storage, await png(1600, 2000));
    expect(poster.src).toMatch(/^\/media\/posters\/[0-9a-f-]{36}\/1200\.webp$/);
    expect(poster).toMatchObject({ width: 1600, height: 2000 });
    expect(posterSize(poster.src, "400")).toBe(poster.sizes["400"]);
    expect(posterSize(poster.src, "og")).toBe(poster.sizes.og);

    const read = async (src: string) => {
      const media = await storage.get(src.replace(/^\/media\//, ""));
      expect(media).not.toBeNull();
      return { type: media!.contentType, meta: await sharp(media!.body).metadata() };
    };
    expect(await read(poster.sizes["1200"])).toMatchObject({ type: "image/webp", meta: { format: "webp", width: 1200, height: 1500 } });
    expect(await read(poster.sizes["400"])).toMatchObject({ type: "image/webp", meta: { width: 400, height: 500 } });
    expect(await read(poster.sizes.og)).toMatchObject({ type: "image/jpeg", meta: { format: "jpeg", width: 1200, height: 630 } });
  });

  it("never enlarges a small image", async () => {
    const poster = await storePoster(storage, await png(300, 300));
    const media = await storage.get(poster.src.replace(/^\/media\//, ""));
    expect((await sharp(media!.body).metadata()).width).toBe(300);
  });

  it("refuses what is not an image, tiny images and empty files", async () => {
    await expect(storePoster(storage, Buffer.from("<svg onload=alert(1)>"))).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    await expect(storePoster(storage, Buffer.from("%PDF-1.7 not an image"))).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    await expect(storePoster(storage, await png(40, 40))).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await expect(storePoster(storage, Buffer.alloc(0))).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("DiskMediaStorage", () => {
  it("keeps keys inside its folder", async () => {
    expect(isValidMediaKey("posters/abc/1200.webp")).toBe(true);
    for (const key of ["../secret", "posters/../../etc/passwd", "/etc/passwd", "posters//x", "Posters/X.webp", ""]) {
      expect(isValidMediaKey(key)).toBe(false);
    }
    expect(await storage.get("../../etc/passwd")).toBeNull();
    expect(await storage.get("posters/missing/1200.webp")).toBeNull();
  });
});
