// The one-click dev sign-in through Auth.js's route handler: refused in production (a
// hand-made POST to /api/auth/callback/dev included) unless DEV_SIGN_IN=1 is set on purpose.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser } from "../../prisma/factories";
import { Role } from "../generated/prisma/enums";
import { useTestDb } from "../testing/db";

const db = useTestDb();

/** A fresh module graph (env() is read once per graph) under these variables. */
async function browserUnder(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  vi.resetModules();
  const { authBrowser } = await import("../testing/auth");
  return authBrowser(db);
}

const production = { NODE_ENV: "production", AUTH_SECRET: "p".repeat(32), SMTP_URL: "smtp://127.0.0.1:1", DEV_SIGN_IN: undefined };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("one-click dev sign-in", () => {
  it("signs nobody in in production", async () => {
    const user = await createUser(db, { role: Role.CURATOR });
    const browser = await browserUnder(production);
    const response = await browser.post("/api/auth/callback/dev", { email: user.email, callbackUrl: "/" });
    expect(response.headers.get("location")).toMatch(/\/sign-in\?error=CredentialsSignin/);
    expect(await browser.sessionUser()).toBeNull();
  });

  it("signs in as an existing user in production with DEV_SIGN_IN=1 (the control), and in development", async () => {
    const user = await createUser(db, { role: Role.CURATOR });
    for (const vars of [{ ...production, DEV_SIGN_IN: "1" }, { NODE_ENV: "development" }]) {
      const browser = await browserUnder(vars);
      await browser.post("/api/auth/callback/dev", { email: user.email, callbackUrl: "/" });
      expect(await browser.sessionUser()).toMatchObject({ id: user.id, role: Role.CURATOR });
    }
  });
});

describe("the demo users offered on /sign-in", () => {
  it("keep a button for every role however many curators exist", async () => {
    for (const role of [Role.STAFF, Role.PROMOTER, Role.ADMIN]) await createUser(db, { role });
    for (let i = 0; i < 12; i++) await createUser(db, { role: Role.CURATOR });
    const { listDevSignInUsers } = await import("./dev-sign-in");
    const offered = await listDevSignInUsers(db);
    expect(offered).toHaveLength(8);
    expect(new Set(offered.map((user) => user.role))).toEqual(new Set([Role.CURATOR, Role.PROMOTER, Role.STAFF, Role.ADMIN]));
    // Grouped by role in the enum's order: curators first, admins last.
    const order = [Role.CURATOR, Role.PROMOTER, Role.STAFF, Role.ADMIN];
    const ranks = offered.map((user) => order.indexOf(user.role));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
