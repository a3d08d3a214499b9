// API keys: how long a key found once is trusted without asking the database again.
import { describe, expect, it } from "vitest";
import { createUser } from "../../../prisma/factories";
import { Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { authenticateApiKey, createApiKey, KEY_TRUST_MS, revokeApiKey } from "./service";

const db = useTestDb();

describe("authenticating an API key", () => {
  it("refuses a key revoked through Marquee at once, in this process", async () => {
    const user = await createUser(db, { role: Role.CURATOR });
    const { apiKey, plaintext } = await createApiKey(db, user.id, "script");
    expect(await authenticateApiKey(db, plaintext)).toMatchObject({ userId: user.id, role: Role.CURATOR, via: "apiKey" });
    await revokeApiKey(db, { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" }, apiKey.id);
    expect(await authenticateApiKey(db, plaintext)).toBeNull();
  });

  it("trusts a key for KEY_TRUST_MS after finding it: a revocation by another process and a changed role apply after that", async () => {
    const user = await createUser(db, { role: Role.STAFF });
    const { apiKey, plaintext } = await createApiKey(db, user.id, "door phone");
    const t0 = Date.now();
    expect(await authenticateApiKey(db, plaintext, t0)).toMatchObject({ userId: user.id, role: Role.STAFF });
    const before = (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;
    expect(before).not.toBeNull();

    // Another server process revokes it, and the user's role changes, straight in the database.
    await db.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
    await db.user.update({ where: { id: user.id }, data: { role: Role.PROMOTER } });
    expect(await authenticateApiKey(db, plaintext, t0 + KEY_TRUST_MS - 1)).toMatchObject({ role: Role.STAFF });
    expect(await authenticateApiKey(db, plaintext, t0 + KEY_TRUST_MS)).toBeNull();

    // Unrevoked, it is found again with the role it has now.
    await db.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: null } });
    expect(await authenticateApiKey(db, plaintext, t0 + KEY_TRUST_MS + 1)).toMatchObject({ role: Role.PROMOTER });
  });
});
