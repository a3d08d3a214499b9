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

/** Field errors from a zod error, as `{ path, message }` with dotted paths. */
export function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}
