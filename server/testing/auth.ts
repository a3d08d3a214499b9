// Driving Auth.js's route handler (/api/auth/*) as a browser would: a cookie jar, the CSRF
// token for POSTs, redirects read rather than followed. The handler is the app's own
// configuration over the test database.
import NextAuth from "next-auth";
import { authConfig } from "../auth/config";
import type { Db } from "../db/client";

const ORIGIN = "http://localhost:3000";

export interface AuthBrowser {
  get(pathAndQuery: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
  /** The signed-in user of the jar's session cookie, or null. */
  sessionUser(): Promise<{ id: string; role: string; name: string; email: string } | null>;
  /** Asks for a sign-in link for `email`, as the sign-in page's form does. */
  askForLink(email: string, callbackUrl?: string): Promise<Response>;
}

/**
 * A browser of its own (cookies), from client address `ip`, reaching the app at `origin` (as
 * Next builds request URLs from the Host header, a forged Host gives another origin).
 */
export function authBrowser(db: Db, ip = "203.0.113.7", origin = ORIGIN): AuthBrowser {
  const { handlers } = NextAuth(authConfig(db));
  const jar = new Map<string, string>();

  async function send(request: Request): Promise<Response> {
    request.headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    request.headers.set("x-forwarded-for", ip);
    const handler = request.method === "POST" ? handlers.POST : handlers.GET;
    // The handlers are typed for NextRequest; Auth.js reads only the standard Request members.
    const response = await handler(request as Parameters<typeof handler>[0]);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) jar.delete(name!);
      else jar.set(name!, value.join("="));
    }
    return response;
  }

  const browser: AuthBrowser = {
    get: (pathAndQuery) => send(new Request(new URL(pathAndQuery, origin))),
    async post(path, form) {
      const { csrfToken } = (await (await browser.get("/api/auth/csrf")).json()) as { csrfToken: string };
      return send(
        new Request(new URL(path, origin), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ...form, csrfToken }),
        }),
      );
    },
    async sessionUser() {
      const session = (await (await browser.get("/api/auth/session")).json()) as { user?: never } | null;
      return session?.user ?? null;
    },
    askForLink: (email, callbackUrl = "/") => browser.post("/api/auth/signin/nodemailer", { email, callbackUrl }),
  };
  return browser;
}

/** The link of the last sign-in mail queued for `email` (read from the outbox's mail row). */
export async function lastSignInLink(db: Db, email: string): Promise<string | null> {
  const mail = await db.mailMessage.findFirst({
    where: { to: email, template: "sign-in-link" },
    orderBy: { createdAt: "desc" },
  });
  return mail ? (mail.props as { url: string }).url : null;
}
