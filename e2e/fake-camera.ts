// A camera for door tests: Chromium's fake capture device plays a YUV4MPEG2 (.y4m) file to
// getUserMedia. This writes one showing a ticket's QR image held still in front of the lens,
// without ffmpeg: the picture's luma becomes the Y plane, and a neutral chroma (U = V = 128)
// leaves it grey.
import { writeFile } from "node:fs/promises";
import { chromium, type Browser } from "@playwright/test";
import sharp from "sharp";

const WIDTH = 640;
const HEIGHT = 480;
/** The QR code's side in the picture: most of the frame, as a guest holds their phone up close. */
const QR_SIDE = 400;
/** One second at 10 fps; Chromium plays the file in a loop. */
const FRAMES = 10;

/** Writes `file` (.y4m): the QR PNG, centred on white, as a still video. */
export async function writeFakeCamera(qrPng: Buffer, file: string): Promise<void> {
  const { data: luma, info } = await sharp(qrPng)
    .flatten({ background: "#ffffff" })
    .resize(QR_SIDE, QR_SIDE, { kernel: "nearest" })
    .extend({
      top: (HEIGHT - QR_SIDE) / 2,
      bottom: (HEIGHT - QR_SIDE) / 2,
      left: (WIDTH - QR_SIDE) / 2,
      right: (WIDTH - QR_SIDE) / 2,
      background: "#ffffff",
    })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== WIDTH || info.height !== HEIGHT || info.channels !== 1) {
    throw new Error(`expected a ${WIDTH}x${HEIGHT} single-channel image, got ${info.width}x${info.height}x${info.channels}`);
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128); // U then V, 4:2:0
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  await writeFile(file, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}

/** The PNG bytes of a `data:image/png;base64,...` URL. */
export function pngFromDataUrl(dataUrl: string): Buffer {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match?.[1]) throw new Error("not a PNG data URL");
  return Buffer.from(match[1], "base64");
}

/** Chromium whose camera plays `video` (or a test pattern): launch flags are per browser. */
export function launchWithCamera(video?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", ...(video ? [`--use-file-for-fake-video-capture=${video}`] : [])],
  });
}
