"use client";

import { useId, useRef, useState } from "react";
import { posterSize } from "@/server/domain/media/paths";
import { Spinner } from "../ui/button";
import { FieldError } from "../ui/field";

const MAX_POSTERS = 10;
const ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/avif";

/** Sends one image to POST /api/uploads; answers the poster's src or throws with a message to show. */
async function uploadPoster(file: File): Promise<string> {
  const form = new FormData();
  form.append("file", file);
  let response: Response;
  try {
    response = await fetch("/api/uploads", { method: "POST", body: form });
  } catch {
    throw new Error("The upload didn't reach Marquee. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => null)) as { src?: string; detail?: string } | null;
  if (!response.ok || !body?.src) throw new Error(body?.detail ?? `The upload failed (${response.status}).`);
  return body.src;
}

/**
 * The event's poster images: upload (pick or drop a file), reorder the cover, remove. The
 * first image is the cover that cards, posts and link previews show.
 */
export function PosterUpload({
  id,
  posters,
  onChange,
  error,
}: {
  id: string;
  posters: { src: string }[];
  onChange: (posters: { src: string }[]) => void;
  error?: string | null;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const hintId = useId();
  const full = posters.length >= MAX_POSTERS;

  async function upload(file: File | undefined) {
    if (!file || uploading) return;
    setUploadError(null);
    if (!file.type.startsWith("image/")) {
      setUploadError("That file isn't an image. Use a JPEG, PNG, WebP, GIF or AVIF.");
      return;
    }
    setUploading(true);
    setAnnouncement(`Uploading ${file.name}…`);
    try {
      const src = await uploadPoster(file);
      onChange([...posters, { src }]);
      setAnnouncement(posters.length === 0 ? "Poster uploaded. It is the cover." : "Image uploaded.");
    } catch (e) {
      setUploadError((e as Error).message);
      setAnnouncement("");
    } finally {
      setUploading(false);
      if (input.current) input.current.value = "";
    }
  }

  function remove(index: number) {
    onChange(posters.filter((_, i) => i !== index));
    setAnnouncement(index === 0 ? "Cover removed." : "Image removed.");
  }

  function makeCover(index: number) {
    const chosen = posters[index];
    if (!chosen) return;
    onChange([chosen, ...posters.filter((_, i) => i !== index)]);
    setAnnouncement("Cover changed.");
  }

  return (
    <div className="flex flex-col gap-3">
      {posters.length > 0 ? (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label="Poster images">
          {posters.map((poster, index) => (
            <li key={`${poster.src}-${index}`} className="group relative overflow-hidden rounded-xl bg-ink-900 ring-1 ring-stone-200">
              <img
                src={posterSize(poster.src, "400")}
                alt={index === 0 ? "Cover poster" : `Poster image ${index + 1}`}
                className="aspect-[4/5] w-full object-cover"
              />
              {index === 0 ? (
                <span className="absolute top-2 left-2 rounded-full bg-marquee-500 px-2 py-0.5 text-xs font-bold text-ink-950">Cover</span>
              ) : null}
              <div className="absolute inset-x-0 bottom-0 flex gap-1 bg-gradient-to-t from-ink-950/90 to-transparent p-2 pt-8">
                {index > 0 ? (
                  <button
                    type="button"
                    onClick={() => makeCover(index)}
                    className="min-h-9 flex-1 rounded-lg bg-white/15 px-2 text-xs font-semibold text-white backdrop-blur hover:bg-white/25"
                  >
                    Make cover
                  </button>
                ) : null}
                <button
                  type="button"
                  onClick={() => remove(index)}
                  className="min-h-9 flex-1 rounded-lg bg-white/15 px-2 text-xs font-semibold text-white backdrop-blur hover:bg-red-600"
                >
                  Remove<span className="sr-only"> {index === 0 ? "cover poster" : `image ${index + 1}`}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}

      {!full ? (
        <div
          onDragOver={(e) => {
            if (![...e.dataTransfer.types].includes("Files")) return;
            e.preventDefault();
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={(e) => {
            if (!e.dataTransfer.files.length) return;
            e.preventDefault();
            setDragOver(false);
            void upload(e.dataTransfer.files[0]);
          }}
          className={`relative flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-4 py-8 text-center transition has-[input:focus-visible]:border-marquee-500 has-[input:focus-visible]:ring-2 has-[input:focus-visible]:ring-marquee-500/40 ${
            dragOver ? "border-marquee-500 bg-marquee-50" : "border-stone-300 bg-stone-50"
          } ${error || uploadError ? "border-red-400" : ""}`}
        >
          {uploading ? (
            <>
              <Spinner className="size-6 text-marquee-600" />
              <p className="text-sm font-medium text-stone-700">Uploading and resizing…</p>
            </>
          ) : (
            <>
              <span aria-hidden="true" className="grid size-11 place-items-center rounded-full bg-white text-marquee-600 ring-1 ring-stone-200">
                <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="size-6">
                  <path strokeLinecap="round" strokeLinejoin="round" d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
                </svg>
              </span>
              <label htmlFor={id} className="cursor-pointer text-sm font-semibold text-marquee-700 underline-offset-2 hover:underline">
                {posters.length === 0 ? "Upload poster" : "Add another image"}
                <span className="font-normal text-stone-600"> or drop it here</span>
              </label>
              <p id={hintId} className="text-xs text-stone-500">
                JPEG, PNG, WebP, GIF or AVIF up to 10 MB. Portrait (4:5) looks best.
              </p>
            </>
          )}
          <input
            ref={input}
            id={id}
            type="file"
            accept={ACCEPT}
            disabled={uploading}
            aria-describedby={hintId}
            onChange={(e) => void upload(e.target.files?.[0])}
            className="sr-only"
          />
        </div>
      ) : (
        <p className="text-sm text-stone-500">That's the most images an event can have ({MAX_POSTERS}).</p>
      )}
      <FieldError id={`${id}-error`} error={uploadError ?? error} />
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
