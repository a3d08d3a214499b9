import { z } from "zod";

export const ZCreateApiKeyInput = z.strictObject({
  /** What the key is for, so its owner can tell keys apart ("Box office sync"). */
  name: z.string().trim().min(1, { error: "Give the key a name" }).max(80),
});
export type TCreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

/** A key of the caller's own, by id (strict: an unknown member is refused by name). */
export const ZApiKeyRef = z.strictObject({ id: z.uuid({ error: "must be a UUID" }) });
