// The one table that maps a domain error code to a tRPC code and an HTTP status. Services
// throw AppError; only the transports (server/trpc, server/rest) know about tRPC or HTTP.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

export const ERROR_TABLE = {
  INVALID_INPUT: { trpc: "BAD_REQUEST", http: 400, title: "Invalid input" },
  MALFORMED_JSON: { trpc: "PARSE_ERROR", http: 400, title: "Malformed JSON" },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401, title: "Authentication required" },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403, title: "Not allowed" },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404, title: "Not found" },
  CONFLICT: { trpc: "CONFLICT", http: 409, title: "Conflict" },
  ILLEGAL_TRANSITION: { trpc: "CONFLICT", http: 409, title: "Illegal status change" },
  SOLD_OUT: { trpc: "CONFLICT", http: 409, title: "Not enough tickets left" },
  SALES_CLOSED: { trpc: "CONFLICT", http: 409, title: "Tickets are not on sale" },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413, title: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: {
    trpc: "UNSUPPORTED_MEDIA_TYPE",
    http: 415,
    title: "Unsupported content type",
  },
  UNPROCESSABLE: { trpc: "UNPROCESSABLE_CONTENT", http: 422, title: "Unprocessable request" },
  IDEMPOTENCY_KEY_REUSED: {
    trpc: "UNPROCESSABLE_CONTENT",
    http: 422,
    title: "Idempotency-Key reused with another request",
  },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429, title: "Too many requests" },
  UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503, title: "Service unavailable" },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500, title: "Internal error" },
} as const satisfies Record<string, { trpc: TRPC_ERROR_CODE_KEY; http: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

export interface FieldError {
  /** Dotted path of the failing field, e.g. `tickets.0.price`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      /** Extra members a caller can act on (e.g. the allowed status moves). */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** A `Retry-After` header's value: whole seconds, rounded up, at least 1. */
export function retryAfterHeader(seconds: number): string {
  return String(Math.max(1, Math.ceil(seconds)));
}

/** The 400 for invalid fields of `where` (body, path, query, input), each named in the message. */
export function invalidInput(where: string, errors: FieldError[]): AppError {
  return new AppError("INVALID_INPUT", `Invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, { errors });
}

/** Field errors from a zod error, as `{ path, message }` with dotted paths. */
export function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/** A path as a chain of parents, so walking deep input never copies paths. */
type PathLink = { key: string; parent: PathLink | null } | null;

function dotted(link: PathLink): string {
  const keys: string[] = [];
  for (let at = link; at; at = at.parent) keys.unshift(at.key);
  return keys.join(".") || "(body)";
}

/**
 * Field errors for strings holding U+0000 anywhere in `value`: PostgreSQL cannot store it in
 * text, so without this check such input fails in the database as a 500. Walks without
 * recursion, so input nested thousands deep (tRPC's is not validated yet) is safe to check.
 */
export function nulCharacterErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: PathLink }[] = [{ value, path: null }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      if (current.includes("\u0000")) errors.push({ path: dotted(path), message: NUL_MESSAGE });
    } else if (typeof current === "object" && current !== null && (Array.isArray(current) || isPlainObject(current))) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = { key, parent: path };
        if (key.includes("\u0000")) errors.push({ path: dotted(childPath), message: NUL_MESSAGE });
        pending.push({ value: child, path: childPath });
      }
    }
  }
  return errors;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
