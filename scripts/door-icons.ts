// Writes the door app's icons (public/icons/*.png) from public/icons/door.svg: 192 and 512 px,
// and a maskable 512 px one (the drawing stays inside the safe zone, the background fills the rest).
// Run again after changing the SVG: npx tsx scripts/door-icons.ts
import sharp from "sharp";

const svg = "public/icons/door.svg";
for (const size of [192, 512]) await sharp(svg, { density: 300 }).resize(size, size).png().toFile(`public/icons/door-${size}.png`);
await sharp(svg, { density: 300 }).resize(512, 512).png().toFile("public/icons/door-maskable-512.png");
