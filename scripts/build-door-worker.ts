// After `next build`: builds the door's service worker (worker/door-sw.ts) into public/sw.js,
// with the door pages' own scripts and styles as its precache list. Next 16 builds with
// Turbopack, which Serwist's webpack plugin cannot hook into, so the worker is bundled here with
// esbuild and Serwist's injectManifest adds the list (the way Serwist's own CLI does it).
// The list: every chunk the door pages' manifests name, and the chunks those load (jsQR, ...).
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { injectManifest } from "@serwist/build";
import { build } from "esbuild";

const NEXT_DIR = ".next";
const DOOR_PAGES = ["door/page", "door/[eventId]/page"];
const CHUNK = /static\/chunks\/[\w.-]+\.(?:js|css)/g;

async function doorChunks(): Promise<string[]> {
  const found = new Set<string>();
  for (const page of DOOR_PAGES) {
    const pageDir = path.join(NEXT_DIR, "server/app", page);
    // The scripts every page starts with (the polyfills, for browsers without modules, are left out).
    const { rootMainFiles } = JSON.parse(await readFile(path.join(pageDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
    for (const chunk of rootMainFiles) found.add(chunk);
    // The page's own client components and styles.
    const clientManifest = await readFile(`${pageDir}_client-reference-manifest.js`, "utf8");
    for (const [chunk] of clientManifest.matchAll(CHUNK)) found.add(chunk);
  }
  // Chunks load others by name (dynamic imports): follow them.
  for (const chunk of found) {
    if (!chunk.endsWith(".js")) continue;
    const text = await readFile(path.join(NEXT_DIR, chunk), "utf8");
    for (const [more] of text.matchAll(CHUNK)) found.add(more);
  }
  return [...found].sort();
}

const bundled = path.join(NEXT_DIR, "door-sw.js");
await build({
  entryPoints: ["worker/door-sw.ts"],
  outfile: bundled,
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
const chunks = await doorChunks();
const { count, size, warnings } = await injectManifest({
  swSrc: bundled,
  swDest: "public/sw.js",
  globDirectory: NEXT_DIR,
  globPatterns: chunks,
  // Content-hashed names: no revision needed.
  dontCacheBustURLsMatching: /^static\//,
  modifyURLPrefix: { "static/": "/_next/static/" },
});
await rm(bundled);
for (const warning of warnings) console.warn(warning);
console.log(`public/sw.js: ${count} door files precached (${Math.round(size / 1024)} KB)`);
