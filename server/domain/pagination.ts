// Keyset cursors for lists ordered by (sort key, id): opaque base64url of JSON, so a client
// passes back the `nextCursor` it got and never builds one. The id breaks ties between rows
// that share a sort key.
import { z } from "zod";
import { invalidInput } from "../errors";
import { ZDateTime } from "./dates";

/** Where a page ended: the last row's sort key (e.g. its createdAt) and id. */
export interface KeysetPosition {
  sortKey: Date;
  id: string;
}

// The date is bounded like every date a caller sends: a forged cursor must not reach PostgreSQL.
const ZCursor = z.object({ c: ZDateTime, i: z.uuid() });

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify({ c: position.sortKey.toISOString(), i: position.id })).toString("base64url");
}

/** The position a cursor of `encodeCursor` names; INVALID_INPUT on `path` for anything else. */
export function decodeCursor(cursor: string, path = "cursor"): KeysetPosition {
  try {
    const parsed = ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { sortKey: parsed.c, id: parsed.i };
  } catch {
    throw invalidInput("input", [{ path, message: "is not a cursor from this list; pass the nextCursor of the previous page" }]);
  }
}
