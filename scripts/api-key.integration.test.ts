import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "../server/domain/api-keys/service";
import { useTestDb } from "../server/testing/db";

const db = useTestDb();
const exec = promisify(execFile);

async function apiKeyCommand(email: string) {
  return exec("npx", ["tsx", "scripts/api-key.ts", email], { env: { ...process.env } });
}

describe("npm run api-key -- <email>", () => {
  it("creates a curator for a new email and prints only a working key on stdout's last line", async () => {
    const email = `partner-${crypto.randomUUID()}@example.test`;
    const { stdout } = await apiKeyCommand(email);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);

    const actor = await authenticateApiKey(db, lines.at(-1)!);
    expect(actor).toMatchObject({ email, role: "CURATOR", via: "apiKey" });
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { merchant: true } });
    expect(user.merchant).not.toBeNull();

    // Only the hash is stored.
    const stored = await db.apiKey.findFirstOrThrow({ where: { userId: user.id } });
    expect(JSON.stringify(stored)).not.toContain(lines[0]);
  }, 60_000);

  it("gives an existing user another key without changing their role", async () => {
    const user = await db.user.create({
      data: { email: `promoter-${crypto.randomUUID()}@example.test`, name: "P", role: "PROMOTER" },
    });
    const first = (await apiKeyCommand(user.email)).stdout.trim();
    const second = (await apiKeyCommand(user.email)).stdout.trim();
    expect(first).not.toBe(second);
    expect(await authenticateApiKey(db, first)).toMatchObject({ userId: user.id, role: "PROMOTER" });
    expect(await authenticateApiKey(db, second)).toMatchObject({ userId: user.id, role: "PROMOTER" });
  }, 60_000);

  it("refuses an invalid email with a usage message and exit code 2", async () => {
    await expect(apiKeyCommand("not-an-email")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/usage/) });
  });
});
