// POST /product-event/:id/messages: writes to the event's guests (202, sent in the background).
// GET /product-event/:id/messages: the event's messages with their delivery counts.
import { listMessages } from "@/server/domain/messages/list";
import { sendMessage } from "@/server/domain/messages/send";
import { restHandler } from "@/server/rest/handler";
import { restRoutes } from "@/server/rest/routes";

export const POST = restHandler({
  ...restRoutes.sendMessage,
  handle: ({ db, actor, params, body }) => sendMessage(db, actor, params.id, body),
});

export const GET = restHandler({
  ...restRoutes.listMessages,
  handle: ({ db, actor, params }) => listMessages(db, actor, params.id),
});
