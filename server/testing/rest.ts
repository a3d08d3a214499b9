// Calling REST route handlers in tests exactly as Next does: a Request and `{ params }`.
import { readdirSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { expect } from "vitest";
import type { Db } from "../db/client";
import { createApiKey } from "../domain/api-keys/service";
import { Role } from "../generated/prisma/enums";
import { createUser } from "../../prisma/factories";

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const REST_DIR = resolve(import.meta.dirname, "../../app/(rest)");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/**
 * The REST routes on disk (app/(rest)/**\/route.ts): OpenAPI path (`/product-event/{id}`) ->
 * the handlers its route file exports, by HTTP method. Tests that must cover every route
 * enumerate them here, so a new route file cannot be missed.
 */
export async function restRouteFiles(): Promise<Map<string, Partial<Record<string, RouteHandler>>>> {
  const files = readdirSync(REST_DIR, { recursive: true, encoding: "utf8" }).filter((f) => /(^|\/)route\.ts$/.test(f));
  const found = new Map<string, Partial<Record<string, RouteHandler>>>();
  for (const file of files) {
    const segments = dirname(file)
      .split(sep)
      .filter((s) => s !== "." && !/^\(.*\)$/.test(s));
    const openApiPath = `/${segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
    const module = (await import(join(REST_DIR, file))) as Record<string, unknown>;
    const handlers = HTTP_METHODS.flatMap((m) => (typeof module[m] === "function" ? [[m, module[m] as RouteHandler]] : []));
    found.set(openApiPath, Object.fromEntries(handlers));
  }
  return found;
}

export interface RestCall {
  method?: string;
  /** Path and query, e.g. `/product-event/<id>/related-posts?limit=2`. */
  path: string;
  key?: string;
  /** Serialized as JSON unless `body` is given. */
  json?: unknown;
  /** The raw body text (for malformed JSON and the like). */
  body?: string;
  contentType?: string | null;
  idempotencyKey?: string;
  params?: Record<string, string>;
}

export function callRoute(
  handler: RouteHandler,
  { method = "GET", path, key, json, body, contentType = "application/json", idempotencyKey, params = {} }: RestCall,
): Promise<Response> {
  const headers = new Headers();
  if (key) headers.set("authorization", `Bearer ${key}`);
  const text = body ?? (json === undefined ? undefined : JSON.stringify(json));
  if (text !== undefined && contentType) headers.set("content-type", contentType);
  if (idempotencyKey !== undefined) headers.set("idempotency-key", idempotencyKey);
  const request = new Request(`http://localhost${path}`, { method, headers, body: text });
  return handler(request, { params: Promise.resolve(params) });
}

/** The body of a problem+json answer, after checking its shape (and that no stack leaks). */
export async function expectProblem(response: Response, status: number, code?: string) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = JSON.parse(text);
  expect(body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:marquee:problem:/),
    title: expect.any(String),
    detail: expect.any(String),
    ...(code ? { code } : {}),
  });
  expect(text).not.toMatch(/\n\s+at /);
  return body;
}

/** A user of that role (curators come with their merchant) and a fresh API key of theirs. */
export async function userWithKey(db: Db, role: Role = Role.CURATOR) {
  const user = await createUser(db, { role });
  const { plaintext } = await createApiKey(db, user.id, "test");
  return { user, key: plaintext };
}
