import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { useTestDb } from "../server/testing/db";

const db = useTestDb();
const exec = promisify(execFile);

async function makeAdminCommand(email: string) {
  return exec("npx", ["tsx", "scripts/make-admin.ts", email], { env: { ...process.env } });
}

describe("npm run make-admin -- <email>", () => {
  it("makes an existing user an admin, keeping everything else", async () => {
    const user = await db.user.create({
      data: { email: `curator-${crypto.randomUUID()}@example.test`, name: "Cam", role: "CURATOR", onboardedAt: new Date() },
    });
    const { stdout } = await makeAdminCommand(user.email.toUpperCase());
    expect(stdout).toMatch(/is now an admin \(was curator\)/);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: "ADMIN", name: "Cam" });

    // Again: says so, changes nothing.
    expect((await makeAdminCommand(user.email)).stdout).toMatch(/already an admin/);
  }, 60_000);

  it("creates a set-up admin account for a new address (they sign in with a link)", async () => {
    const email = `admin-${crypto.randomUUID()}@example.test`;
    const { stdout } = await makeAdminCommand(email);
    expect(stdout).toMatch(/Created admin/);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("ADMIN");
    expect(user.onboardedAt).not.toBeNull();
  }, 60_000);

  it("refuses an invalid email with a usage message and exit code 2", async () => {
    await expect(makeAdminCommand("not-an-email")).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/usage/) });
  });
});
