// The one helper behind every REST route at the spec's paths: authenticate, parse and
// validate with the same zod schemas as tRPC, call a service, and answer JSON or
// application/problem+json. Route files only declare what they take and which service runs.
import "server-only";
import type { z } from "zod";
import { auth } from "../auth";
import type { Actor } from "../auth/actor";
import { resolveActor } from "../auth/resolve-actor";
import { db } from "../db";
import type { Db } from "../db/client";
import { AppError, fieldErrors } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { toProblem } from "./problem";

const MAX_BODY_BYTES = 1_000_000;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

interface RestSpec<TParams, TQuery, TBody, TActor extends Actor | null> {
  /** "optional" lets anonymous callers through (actor is then null). */
  auth?: TActor extends Actor ? "required" : "optional";
  roles?: Role[];
  params?: z.ZodType<TParams>;
  query?: z.ZodType<TQuery>;
  body?: z.ZodType<TBody>;
  /** Status of a successful answer (201 for creations). */
  status?: number;
  handle(input: {
    db: Db;
    actor: TActor;
    params: TParams;
    query: TQuery;
    body: TBody;
    request: Request;
  }): Promise<unknown>;
}

function validate<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error.issues);
  throw new AppError("INVALID_INPUT", `Invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, {
    errors,
  });
}

async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  // Requiring JSON also keeps cross-site HTML forms (text/plain, urlencoded) out.
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the body as application/json (got ${contentType ? `"${contentType}"` : "no content type"})`,
    );
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
      const actor = await resolveActor(db, request.headers, sessionReader(request));
      if (!actor && spec.auth !== "optional") {
        throw new AppError("UNAUTHENTICATED", "Send `Authorization: Bearer <api key>` or sign in");
      }
      if (actor && spec.roles && !spec.roles.includes(actor.role)) {
        throw new AppError("FORBIDDEN", `Only ${spec.roles.join(", ").toLowerCase()} may do this`);
      }
      const params = spec.params ? validate(spec.params, await context.params, "path") : (undefined as TParams);
      const query = spec.query
        ? validate(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query")
        : (undefined as TQuery);
      const body = spec.body ? validate(spec.body, await readJsonBody(request), "body") : (undefined as TBody);
      const result = await spec.handle({ db, actor: actor as TActor, params, query, body, request });
      return result instanceof Response ? result : Response.json(result, { status: spec.status ?? 200 });
    } catch (error) {
      return toProblem(error);
    }
  };
}
