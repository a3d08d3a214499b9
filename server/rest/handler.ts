// The one helper behind every REST route at the spec's paths: authenticate, parse and
// validate with the same zod schemas as tRPC, call a service, and answer JSON or
// application/problem+json. POSTs honour `Idempotency-Key` (see idempotency.ts). Route files
// pass their entry of the route registry (routes.ts, which the OpenAPI document is built
// from) and the service call. Unsafe requests from another origin's page are refused first
// (security/csrf.ts).
import "server-only";
import type { z } from "zod";
import { auth } from "../auth";
import type { Actor } from "../auth/actor";
import { resolveActor } from "../auth/resolve-actor";
import { db } from "../db";
import type { Db } from "../db/client";
import { AppError, fieldErrors, invalidInput, nulCharacterErrors } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { crossSiteRefusal } from "../security/csrf";
import { readIdempotencyKey, withIdempotency } from "./idempotency";
import { toProblem } from "./problem";
import type { RouteDoc } from "./routes";

const MAX_BODY_BYTES = 1_000_000;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** What a route takes and does; the documentation members come from its registry entry. */
interface RestSpec<TParams, TQuery, TBody, TActor extends Actor | null> extends Partial<RouteDoc> {
  /** "optional" lets anonymous callers through (actor is then null). */
  auth?: TActor extends Actor ? "required" : "optional";
  roles?: readonly Role[];
  params?: z.ZodType<TParams>;
  query?: z.ZodType<TQuery>;
  body?: z.ZodType<TBody>;
  /** "service": the handler passes `Idempotency-Key` to its service (see RestRoute.idempotency). */
  idempotency?: "service";
  /** Status of a successful answer (201 for creations). */
  status?: number;
  handle(input: { db: Db; actor: TActor; params: TParams; query: TQuery; body: TBody; request: Request }): Promise<unknown>;
}

function validate<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  const errors = result.success ? nulCharacterErrors(result.data) : fieldErrors(result.error.issues);
  if (errors.length > 0) throw invalidInput(where, errors);
  return result.data as T;
}

async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  // Requiring JSON also keeps cross-site HTML forms (text/plain, urlencoded) out.
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the body as application/json (got ${contentType ? `"${contentType}"` : "no content type"})`);
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  const text = declared > MAX_BODY_BYTES ? null : await request.text();
  if (text === null || Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${MAX_BODY_BYTES} bytes`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("MALFORMED_JSON", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function sessionReader(request: Request) {
  return async () => {
    // Callers without a session cookie (scripts) skip decoding a session altogether.
    if (!/authjs\.session-token/.test(request.headers.get("cookie") ?? "")) return null;
    return (await auth())?.user?.id ?? null;
  };
}

export function restHandler<TParams = undefined, TQuery = undefined, TBody = undefined, TActor extends Actor | null = Actor>(
  spec: RestSpec<TParams, TQuery, TBody, TActor>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const crossSite = crossSiteRefusal(request);
      if (crossSite) throw crossSite;
      const actor = await resolveActor(db, request.headers, sessionReader(request));
      if (!actor && spec.auth !== "optional") {
        throw new AppError("UNAUTHENTICATED", "Send `Authorization: Bearer <api key>` or sign in");
      }
      if (actor && spec.roles && !spec.roles.includes(actor.role)) {
        throw new AppError("FORBIDDEN", `Only ${spec.roles.join(", ").toLowerCase()} may do this`);
      }
      // Only POSTs create things twice when retried; only a known caller can own a key (unless the service keys them itself).
      const idempotencyKey = request.method === "POST" && actor && spec.idempotency !== "service" ? readIdempotencyKey(request.headers) : null;
      const params = spec.params ? validate(spec.params, await context.params, "path") : (undefined as TParams);
      const query = spec.query ? validate(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query") : (undefined as TQuery);
      const rawBody = spec.body ? await readJsonBody(request) : undefined;
      const body = spec.body ? validate(spec.body, rawBody, "body") : (undefined as TBody);
      const execute = async (): Promise<Response> => {
        try {
          const result = await spec.handle({ db, actor: actor as TActor, params, query, body, request });
          return result instanceof Response ? result : Response.json(result, { status: spec.status ?? 200 });
        } catch (error) {
          return toProblem(error);
        }
      };
      if (idempotencyKey && actor) {
        return await withIdempotency(db, { userId: actor.userId, key: idempotencyKey, request, body: rawBody }, execute);
      }
      return await execute();
    } catch (error) {
      return toProblem(error);
    }
  };
}
