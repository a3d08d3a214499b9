// application/problem+json (RFC 9457) answers: `{ type, title, status, detail, code, errors? }`.
import { z } from "zod";
import { AppError, ERROR_TABLE, retryAfterHeader, type ErrorCode } from "../errors";

/** Every problem answer; the OpenAPI document describes errors with this schema. */
export const ZProblem = z.looseObject({
  /** `urn:marquee:problem:<code>`: stable, for programs to branch on. */
  type: z.string(),
  title: z.string(),
  status: z.int(),
  /** What went wrong and what to do about it, for people. */
  detail: z.string(),
  code: z.enum(Object.keys(ERROR_TABLE) as [ErrorCode, ...ErrorCode[]]),
  /** Each invalid field: `path` is dotted (`tickets.0.price`), or the header's name. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export function problemType(code: ErrorCode): string {
  return `urn:marquee:problem:${code.toLowerCase().replace(/_/g, "-")}`;
}

export function problemResponse(error: AppError, init: { headers?: HeadersInit } = {}): Response {
  const entry = ERROR_TABLE[error.code];
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/problem+json");
  if (error.details.retryAfterSeconds !== undefined) {
    headers.set("retry-after", retryAfterHeader(error.details.retryAfterSeconds));
  }
  if (error.code === "UNAUTHENTICATED") headers.set("www-authenticate", 'Bearer realm="marquee"');
  const body: z.input<typeof ZProblem> = {
    ...error.details.extra,
    type: problemType(error.code),
    title: entry.title,
    status: entry.http,
    detail: error.message,
    code: error.code,
    ...(error.details.errors ? { errors: error.details.errors } : {}),
  };
  return new Response(JSON.stringify(body), { status: entry.http, headers });
}

/** Any thrown value as a problem; unknown failures are logged and answered without details. */
export function toProblem(error: unknown): Response {
  if (error instanceof AppError) return problemResponse(error);
  console.error("Unhandled error in REST route:", error);
  return problemResponse(new AppError("INTERNAL", "Something went wrong on our side; it has been logged"));
}
