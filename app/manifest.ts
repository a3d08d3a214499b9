import type { MetadataRoute } from "next";

/** The door as an installable app: it opens on the staff member's doors and works offline there (worker/door-sw.ts). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Marquee Door",
    short_name: "Door",
    description: "Scan tickets at the door, with or without network.",
    start_url: "/door",
    scope: "/door",
    display: "standalone",
    orientation: "portrait",
    background_color: "#0b0a12",
    theme_color: "#0b0a12",
    icons: [
      { src: "/icons/door-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/door-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/door-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
