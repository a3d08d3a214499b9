// Sign-in by emailed link, end to end through Auth.js's own route handler on the test
// database: the answer never tells a known address from an unknown one; links are stored
// hashed, work once, expire; forged, reused and expired links sign nobody in; the limits per
// address and per client; the welcome question; a role change reaching the session at once.
import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import { renderMail } from "../domain/mail/render";
import { completeOnboarding } from "../domain/users/onboarding";
import { LINK_MAX_AGE_SECONDS, LINKS_PER_ADDRESS, LINKS_PER_CLIENT, sendSignInLink } from "../domain/users/sign-in-link";
import { Role } from "../generated/prisma/enums";
import { authBrowser, lastSignInLink } from "../testing/auth";
import { useTestDb } from "../testing/db";
import { env } from "../env";
import { authSecret } from "./config";

const db = useTestDb();

const newAddress = (label = "person") => `${label}-${randomUUID().slice(0, 8)}@example.test`;
/** A client address of each test's own, so the per-client counter starts at zero. */
const newClient = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`;

const location = (response: Response) => response.headers.get("location") ?? "";

describe("asking for a link", () => {
  it("answers a known and an unknown address alike, and creates no account before the link is used", async () => {
    const known = await createUser(db, { role: Role.PROMOTER, email: newAddress("known") });
    const unknown = newAddress("unknown");
    const browser = authBrowser(db, newClient());

    const forKnown = await browser.askForLink(known.email);
    const forUnknown = await browser.askForLink(unknown);
    expect(forKnown.status).toBe(302);
    expect(forUnknown.status).toBe(forKnown.status);
    expect(location(forUnknown)).toBe(location(forKnown));
    expect(location(forKnown)).toMatch(/\/verify-request\?/);

    // Both got a mail; nobody was created for the unknown address.
    expect(await lastSignInLink(db, known.email)).toMatch(/\/api\/auth\/callback\/nodemailer\?/);
    expect(await lastSignInLink(db, unknown)).toMatch(/\/api\/auth\/callback\/nodemailer\?/);
    expect(await db.user.findUnique({ where: { email: unknown } })).toBeNull();
  });

  it("mails a link to the app's own origin whatever Host the request claims", async () => {
    const email = newAddress();
    await authBrowser(db, newClient(), "https://evil.example").askForLink(email);
    const link = new URL((await lastSignInLink(db, email))!);
    expect(link.origin).toBe(new URL(env().APP_URL).origin);
    expect(link.pathname).toBe("/api/auth/callback/nodemailer");
  });

  it("stores only a hash of the link's token, expiring within the hour", async () => {
    const email = newAddress();
    const before = Date.now();
    await authBrowser(db, newClient()).askForLink(email);
    const token = new URL((await lastSignInLink(db, email))!).searchParams.get("token")!;

    const rows = await db.verificationToken.findMany({ where: { identifier: email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.token).toBe(createHash("sha256").update(`${token}${authSecret()}`).digest("hex"));
    const lifetime = rows[0]!.expires.getTime() - before;
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(LINK_MAX_AGE_SECONDS * 1000 + 5_000);
    expect(LINK_MAX_AGE_SECONDS).toBeLessThanOrEqual(24 * 60 * 60);
  });

  it("renders the mail with the link, in HTML and text", async () => {
    const url = "http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=%2F&token=abc&email=sam%40example.test";
    const mail = await renderMail("sign-in-link", { url, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(mail.subject).toBe("Your Marquee sign-in link");
    expect(mail.html).toContain(url.replaceAll("&", "&amp;"));
    expect(mail.text).toContain(url);
    expect(mail.text).toMatch(/works once, within an hour/);
  });
});

describe("following the link", () => {
  it("signs a brand-new person in once, creating their account named after the address, and sends them to the welcome page", async () => {
    const email = newAddress("sam.lee");
    const browser = authBrowser(db, newClient());
    await browser.askForLink(email, "/events");
    const link = (await lastSignInLink(db, email))!;

    const followed = await browser.get(link);
    expect(followed.status).toBe(302);
    expect(location(followed)).toMatch(/\/welcome\?callbackUrl=/);
    expect(decodeURIComponent(location(followed))).toContain("/events");
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ role: Role.PROMOTER, onboardedAt: null, name: email.split("@")[0] });
    expect(user.emailVerified).not.toBeNull();
    expect(await browser.sessionUser()).toMatchObject({ id: user.id, email });
    // The token is spent.
    expect(await db.verificationToken.count({ where: { identifier: email } })).toBe(0);

    // Used again, in another browser: nobody is signed in.
    const other = authBrowser(db, newClient());
    const reused = await other.get(link);
    expect(location(reused)).toMatch(/\/sign-in\?error=Verification/);
    expect(await other.sessionUser()).toBeNull();
  });

  it("signs a known person in where they were going, with no welcome page", async () => {
    const known = await createUser(db, { role: Role.CURATOR, email: newAddress("curator") });
    const browser = authBrowser(db, newClient());
    await browser.askForLink(known.email, "/events");
    const followed = await browser.get((await lastSignInLink(db, known.email))!);
    expect(location(followed)).toBe("http://localhost:3000/events");
    expect(await browser.sessionUser()).toMatchObject({ id: known.id, role: Role.CURATOR });
  });

  it("refuses a forged token, a link for another address, and an expired link", async () => {
    const email = newAddress();
    const browser = authBrowser(db, newClient());
    await browser.askForLink(email);
    const link = new URL((await lastSignInLink(db, email))!);

    const forged = new URL(link);
    forged.searchParams.set("token", createHash("sha256").update("guess").digest("hex"));
    expect(location(await browser.get(forged.href))).toMatch(/\/sign-in\?error=Verification/);

    const otherAddress = new URL(link);
    otherAddress.searchParams.set("email", newAddress("victim"));
    expect(location(await browser.get(otherAddress.href))).toMatch(/\/sign-in\?error=Verification/);
    expect(await browser.sessionUser()).toBeNull();

    // Now the real link, past its expiry: refused, and spent all the same.
    await db.verificationToken.updateMany({ where: { identifier: email }, data: { expires: new Date(Date.now() - 1000) } });
    expect(location(await browser.get(link.href))).toMatch(/\/sign-in\?error=Verification/);
    expect(await browser.sessionUser()).toBeNull();
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await db.verificationToken.count({ where: { identifier: email } })).toBe(0);
  });

  it("makes a role change reach the session at once (the user is read again on every request)", async () => {
    const promoter = await createUser(db, { role: Role.PROMOTER, email: newAddress("promoter") });
    const browser = authBrowser(db, newClient());
    await browser.askForLink(promoter.email);
    await browser.get((await lastSignInLink(db, promoter.email))!);
    expect(await browser.sessionUser()).toMatchObject({ role: Role.PROMOTER });

    await db.user.update({ where: { id: promoter.id }, data: { role: Role.ADMIN, name: "Pat Admin" } });
    expect(await browser.sessionUser()).toMatchObject({ role: Role.ADMIN, name: "Pat Admin" });

    // A deleted account's session reads as signed out.
    await db.user.delete({ where: { id: promoter.id } });
    expect(await browser.sessionUser()).toBeNull();
  });
});

describe("rate limits", () => {
  const ask = (email: string, client: string | null) =>
    sendSignInLink(db, { email, client, url: `http://localhost/x?${randomUUID()}`, expires: new Date(Date.now() + 60_000) });

  it(`allows ${LINKS_PER_ADDRESS} links per address per window, then refuses that address only`, async () => {
    const email = newAddress();
    for (let i = 0; i < LINKS_PER_ADDRESS; i++) expect(await ask(email, newClient())).toEqual({ queued: true });
    const refused = await ask(email, newClient());
    expect(refused).toMatchObject({ queued: false, retryAfterSeconds: expect.any(Number) });
    expect(await db.mailMessage.count({ where: { to: email } })).toBe(LINKS_PER_ADDRESS);
    // Negative control: another address is not held back.
    expect(await ask(newAddress(), newClient())).toEqual({ queued: true });
  });

  it(`allows ${LINKS_PER_CLIENT} links per client per window, then refuses that client only`, async () => {
    const client = newClient();
    for (let i = 0; i < LINKS_PER_CLIENT; i++) expect(await ask(newAddress(), client)).toEqual({ queued: true });
    expect(await ask(newAddress(), client)).toMatchObject({ queued: false });
    // Negative control: another client is not held back.
    expect(await ask(newAddress(), newClient())).toEqual({ queued: true });
  });

  it("gives a known and an unknown address the same refusal, with no mail and no token", async () => {
    const known = await createUser(db, { role: Role.CURATOR, email: newAddress("known") });
    const unknown = newAddress("unknown");
    const answers: string[] = [];
    for (const email of [known.email, unknown]) {
      const browser = authBrowser(db, newClient());
      for (let i = 0; i < LINKS_PER_ADDRESS; i++) await browser.askForLink(email);
      const refused = await browser.askForLink(email);
      answers.push(`${refused.status} ${location(refused)}`);
      expect(await db.mailMessage.count({ where: { to: email } })).toBe(LINKS_PER_ADDRESS);
    }
    expect(answers[0]).toMatch(/^302 .*\/sign-in\?error=AccessDenied$/);
    expect(answers[1]).toBe(answers[0]);
  });
});

describe("the welcome question", () => {
  it("makes an organiser a curator with a merchant in the currency they picked, once", async () => {
    const user = await createUser(db, { role: Role.PROMOTER, email: newAddress() });
    const done = await completeOnboarding(db, user.id, { name: "  Robin Vega ", role: "CURATOR", currency: "GBP" });
    expect(done).toMatchObject({ name: "Robin Vega", role: Role.CURATOR, merchant: { name: "Robin Vega", currency: "GBP" } });
    expect(done.onboardedAt).not.toBeNull();
    // Asked once: a second answer (another tab, a replay) changes nothing.
    await expect(completeOnboarding(db, user.id, { name: "X", role: "PROMOTER" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: Role.CURATOR, name: "Robin Vega" });
  });

  it("makes a promoter a promoter with no merchant; EUR is the organisers' default; roles beyond the two are refused", async () => {
    const promoter = await db.user.create({ data: { email: newAddress(), name: "p" } });
    expect(await completeOnboarding(db, promoter.id, { name: "Pia", role: "PROMOTER" })).toMatchObject({ role: Role.PROMOTER, merchant: null });

    const organiser = await db.user.create({ data: { email: newAddress(), name: "o" } });
    expect(await completeOnboarding(db, organiser.id, { name: "Olu", role: "CURATOR", currency: "" })).toMatchObject({
      merchant: { currency: "EUR" },
    });

    const climber = await db.user.create({ data: { email: newAddress(), name: "c" } });
    await expect(completeOnboarding(db, climber.id, { name: "C", role: "ADMIN" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(completeOnboarding(db, climber.id, { name: " ", role: "PROMOTER" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.user.findUniqueOrThrow({ where: { id: climber.id } })).toMatchObject({ role: Role.PROMOTER, onboardedAt: null });
  });

  it("keeps the role of someone who skipped the question (an invitation gives theirs)", async () => {
    const staff = await db.user.create({ data: { email: newAddress(), name: "s", role: Role.STAFF } });
    expect(await completeOnboarding(db, staff.id, { name: "Sam" })).toMatchObject({ role: Role.STAFF, name: "Sam" });
  });
});
