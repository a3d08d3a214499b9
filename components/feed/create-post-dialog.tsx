"use client";

import Link from "next/link";
import { useState } from "react";
import { ZCreatePostFromEventInput } from "@/server/domain/posts/schema";
import type { PromotableEvent } from "@/server/domain/feed/schema";
import { issuesToFieldErrors, readServerError, type FieldErrors } from "../forms/field-errors";
import { formatEventStart } from "../format";
import { ShareButton } from "../posts/share-button";
import { trpc } from "../trpc";
import { Button, buttonClass } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { describedBy, Field, TextArea } from "../ui/field";
import { Switch } from "../ui/switch";

const CAPTION_MAX = 2000;

/** "Create my post": a caption and the sync choice, then the link to share. */
export function CreatePostDialog({ event, open, onClose }: { event: PromotableEvent; open: boolean; onClose: () => void }) {
  const utils = trpc.useUtils();
  const [caption, setCaption] = useState("");
  const [syncEnabled, setSyncEnabled] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const create = trpc.posts.fromEvent.useMutation({
    onSuccess: () => Promise.all([utils.feed.events.invalidate(), utils.feed.myPosts.invalidate()]),
    onError: (error) => {
      const { message, fieldErrors } = readServerError(error);
      setErrors(fieldErrors);
      setServerMessage(message);
    },
  });

  function close() {
    if (!create.isPending) onClose();
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setServerMessage(null);
    const input = { eventId: event.id, caption: caption.trim() ? caption : undefined, syncEnabled };
    const result = ZCreatePostFromEventInput.safeParse(input);
    if (!result.success) return setErrors(issuesToFieldErrors(result.error.issues));
    setErrors({});
    create.mutate(input);
  }

  const post = create.data?.post;
  return (
    <Dialog
      open={open}
      onClose={close}
      title={post ? "Your post is live" : "Create my post"}
      description={
        <>
          <span className="font-medium text-ink-950">{event.title}</span> · {formatEventStart(event.startDate, event.timezone)}
        </>
      }
    >
      {post ? (
        <div className="flex flex-col gap-4" data-testid="post-created">
          <p className="text-sm text-stone-700">
            Anyone with the link sees the poster, lineup and prices{syncEnabled ? ", kept in step with the event" : ""}.
          </p>
          <div className="rounded-xl bg-stone-50 p-3 font-mono text-sm break-all text-ink-950 ring-1 ring-stone-200">
            {typeof window === "undefined" ? "" : window.location.origin}/p/{post.slug}
          </div>
          <div className="grid grid-cols-2 gap-2">
            <ShareButton path={`/p/${post.slug}`} title={post.title} text={post.caption ?? undefined} variant="accent" size="lg" />
            <Link href={`/p/${post.slug}`} className={buttonClass("secondary", "lg")}>
              Open post
            </Link>
          </div>
          <Button variant="ghost" onClick={close}>
            Done
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="flex flex-col gap-5">
          <Field
            id="post-caption"
            label="Caption"
            optional
            hint={`${caption.length} / ${CAPTION_MAX}. Say why your people should come.`}
            error={errors.caption}
          >
            <TextArea
              {...describedBy("post-caption", { hint: true, error: errors.caption })}
              rows={4}
              value={caption}
              onChange={(e) => setCaption(e.target.value)}
              placeholder="See you on the dance floor. Early birds go fast!"
            />
          </Field>
          <Switch
            id="post-sync"
            label="Keep in sync with the event"
            description="Title, date, venue, poster and prices follow the curator's changes."
            checked={syncEnabled}
            onChange={setSyncEnabled}
          />
          {serverMessage ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-600/20">
              {serverMessage}
            </p>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant="accent" pending={create.isPending}>
              Publish post
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
