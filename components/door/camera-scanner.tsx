"use client";

// The camera half of the door: the back camera's picture, and every QR code seen in it handed
// to `onCode` (several times a second while it stays in view; the door tells scans apart).
// Phones with the browser's BarcodeDetector decode natively; elsewhere (Chromium on desktop
// Linux and Windows, Firefox) the jsQR library is fetched the first time it is needed.
import { useEffect, useEffectEvent, useRef, useState } from "react";

type Decode = (video: HTMLVideoElement) => Promise<string | null>;

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
  getSupportedFormats(): Promise<string[]>;
}

/** Frames are scaled down to this width for jsQR: enough for a ticket held up, and fast on phones. */
const DECODE_WIDTH = 640;
const FRAME_INTERVAL_MS = 150;

async function createDecoder(): Promise<Decode> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector && (await Detector.getSupportedFormats()).includes("qr_code")) {
    const detector = new Detector({ formats: ["qr_code"] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (!context || !width || !height) return null;
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    context.drawImage(video, 0, 0, width, height);
    return jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: "dontInvert" })?.data ?? null;
  };
}

type CameraState = { kind: "starting" } | { kind: "scanning" } | { kind: "blocked" } | { kind: "unavailable"; reason: string };

function cameraProblem(error: unknown): CameraState {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return { kind: "blocked" };
  if (name === "NotFoundError" || name === "OverconstrainedError") return { kind: "unavailable", reason: "This device has no camera we can use." };
  if (name === "NotReadableError") return { kind: "unavailable", reason: "Another app is using the camera. Close it, then try again." };
  return { kind: "unavailable", reason: "The camera didn't start." };
}

export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  // The latest onCode, called from the frame loop without restarting the camera.
  const codeSeen = useEffectEvent(onCode);
  const [state, setState] = useState<CameraState>({ kind: "starting" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let frame: ReturnType<typeof setTimeout> | undefined;

    async function start() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState({ kind: "unavailable", reason: "This browser can't use the camera here (it needs a secure https page)." });
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
      } catch (error) {
        if (!stopped) setState(cameraProblem(error));
        return;
      }
      const element = video.current;
      if (stopped || !element) return stream.getTracks().forEach((t) => t.stop());
      element.srcObject = stream;
      await element.play().catch(() => undefined); // autoplay of a muted inline video is allowed
      const decode = await createDecoder();
      if (stopped) return;
      setState({ kind: "scanning" });
      const tick = async () => {
        if (stopped) return;
        if (document.visibilityState === "visible" && element.readyState >= element.HAVE_CURRENT_DATA) {
          const code = await decode(element).catch(() => null);
          if (code && !stopped) codeSeen(code);
        }
        frame = setTimeout(() => void tick(), FRAME_INTERVAL_MS);
      };
      void tick();
    }

    void start();
    return () => {
      stopped = true;
      clearTimeout(frame);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [attempt]);

  const problem = state.kind === "blocked" || state.kind === "unavailable";
  return (
    <section aria-labelledby="camera-heading" className="relative overflow-hidden rounded-3xl bg-black ring-1 ring-white/10">
      <h2 id="camera-heading" className="sr-only">
        Camera
      </h2>
      <div className={problem ? "hidden" : ""}>
        <div className="relative aspect-[4/3] w-full overflow-hidden">
          <video ref={video} muted playsInline className="size-full object-cover" aria-hidden="true" />
          {/* The frame to aim at. */}
          <div aria-hidden="true" className="pointer-events-none absolute inset-0 grid place-items-center">
            <div className="aspect-square h-4/5 rounded-3xl shadow-[0_0_0_100vmax_rgba(0,0,0,0.4)] ring-4 ring-white/90" />
          </div>
        </div>
        <p className="px-4 py-3 text-center text-base font-semibold text-white" role="status">
          {state.kind === "starting" ? "Starting the camera…" : "Hold the ticket's QR code in the frame"}
        </p>
      </div>
      {problem ? (
        <div role="alert" className="flex flex-col items-start gap-3 p-5 text-white">
          <p className="text-xl font-bold">{state.kind === "blocked" ? "Camera access is blocked" : "No camera"}</p>
          <p className="text-base text-stone-300">
            {state.kind === "blocked" ? "Allow the camera for this site in the browser's settings, then try again." : state.reason} You can still find
            guests by name below.
          </p>
          <button
            type="button"
            onClick={() => {
              setState({ kind: "starting" });
              setAttempt((n) => n + 1);
            }}
            className="min-h-12 rounded-xl bg-white px-5 text-base font-bold text-ink-950 active:scale-[0.98]"
          >
            Try the camera again
          </button>
        </div>
      ) : null}
    </section>
  );
}
