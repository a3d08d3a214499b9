import { describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import type { Actor } from "../auth/actor";
import { authenticateApiKey } from "../domain/api-keys/service";
import { AppError } from "../errors";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";
import { createEventBody } from "../testing/events";
import { createCaller } from "./root";
import { trpcError } from "../testing/rejections";

const db = useTestDb();

async function actorFor(role: Role): Promise<Actor> {
  const user = await createUser(db, { role });
  return { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" };
}

describe("tRPC transport", () => {
  it("refuses protected procedures to anonymous callers (UNAUTHORIZED)", async () => {
    const caller = createCaller({ db, actor: null });
    expect((await trpcError(caller.apiKeys.list())).code).toBe("UNAUTHORIZED");
  });

  it("validates input with zod and reports the failing field", async () => {
    const caller = createCaller({ db, actor: await actorFor(Role.CURATOR) });
    const error = await trpcError(caller.apiKeys.create({ name: "   " }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(error.cause)).toMatch(/"name"/);
  });

  it("refuses a NUL character in any string of the input as BAD_REQUEST naming the field, before the database sees it", async () => {
    const actor = await actorFor(Role.CURATOR);
    const caller = createCaller({ db, actor });
    const body = createEventBody({ venue: "Halle\u0000Süd" });
    const error = await trpcError(caller.events.create(body));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error.cause as AppError).details.errors).toEqual([{ path: "venue", message: "must not contain the NUL character (U+0000)" }]);
    expect(await db.event.count({ where: { curatorId: actor.userId } })).toBe(0);
  });

  it("maps a domain error through the error table (revoking another user's key is NOT_FOUND)", async () => {
    const owner = createCaller({ db, actor: await actorFor(Role.CURATOR) });
    const { apiKey } = await owner.apiKeys.create({ name: "partner script" });
    const stranger = createCaller({ db, actor: await actorFor(Role.CURATOR) });
    expect((await trpcError(stranger.apiKeys.revoke({ id: apiKey.id }))).code).toBe("NOT_FOUND");
    expect(await owner.apiKeys.list()).toHaveLength(1);
  });

  it("creates a key shown once, lists it without the secret, and revokes it", async () => {
    const actor = await actorFor(Role.CURATOR);
    const caller = createCaller({ db, actor });
    const { plaintext, apiKey } = await caller.apiKeys.create({ name: "box office sync" });
    expect(await authenticateApiKey(db, plaintext)).toMatchObject({ userId: actor.userId, via: "apiKey" });

    const listed = await caller.apiKeys.list();
    expect(listed).toEqual([expect.objectContaining({ id: apiKey.id, name: "box office sync", prefix: plaintext.slice(0, 10) })]);
    expect(JSON.stringify(listed)).not.toContain(plaintext);

    await caller.apiKeys.revoke({ id: apiKey.id });
    expect(await caller.apiKeys.list()).toEqual([]);
    expect(await authenticateApiKey(db, plaintext)).toBeNull();
  });
});
