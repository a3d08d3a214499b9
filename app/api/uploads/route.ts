// POST /api/uploads: a curator's poster image (multipart/form-data, field `file`), answered
// with `{ src, sizes, width, height }` (201). `src` is what an event's `poster` holds.
import { storePoster, POSTER_MAX_BYTES } from "@/server/domain/media/posters";
import { mediaStorage } from "@/server/domain/media/storage";
import { EVENT_MANAGER_ROLES } from "@/server/auth/policy";
import { AppError } from "@/server/errors";
import { restHandler } from "@/server/rest/handler";

// Room for the multipart envelope around the largest image we take.
const MAX_REQUEST_BYTES = POSTER_MAX_BYTES + 64 * 1024;

export const POST = restHandler({
  roles: EVENT_MANAGER_ROLES,
  status: 201,
  async handle({ request }) {
    if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the image as multipart/form-data in a field named `file`");
    }
    if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) {
      throw new AppError("PAYLOAD_TOO_LARGE", `Images may be at most ${POSTER_MAX_BYTES / 1024 / 1024} MB`);
    }
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("INVALID_INPUT", "The upload could not be read as multipart/form-data", {
        errors: [{ path: "file", message: "is missing" }],
      });
    }
    const file = form.get("file");
    if (!(file instanceof File)) {
      throw new AppError("INVALID_INPUT", "Send the image in a field named `file`", {
        errors: [{ path: "file", message: "is missing" }],
      });
    }
    if (file.size > POSTER_MAX_BYTES) {
      throw new AppError("PAYLOAD_TOO_LARGE", `Images may be at most ${POSTER_MAX_BYTES / 1024 / 1024} MB`);
    }
    return storePoster(mediaStorage(), Buffer.from(await file.arrayBuffer()));
  },
});
