// Where a sign-in step may send someone next: only paths of this site.

/** Only same-site paths: a crafted link must not bounce a fresh session to another site. */
export function safeRedirect(raw: unknown): string {
  return typeof raw === "string" && raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\") ? raw : "/";
}

/** The path of a callbackUrl (Auth.js passes absolute ones), never back into sign-in itself. */
export function callbackPath(url: string | undefined): string {
  if (!url) return "/";
  try {
    const parsed = new URL(url, "http://marquee.invalid");
    const path = safeRedirect(`${parsed.pathname}${parsed.search}${parsed.hash}`);
    return path.startsWith("/sign-in") || path.startsWith("/welcome") ? "/" : path;
  } catch {
    return "/";
  }
}
