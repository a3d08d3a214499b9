// tRPC: context, error formatting and the reusable procedures. Procedures call services in
// server/domain; the AppError a service throws is mapped through the one table in errors.ts.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Actor } from "../auth/actor";
import type { Db } from "../db/client";
import { AppError, ERROR_TABLE, fieldErrors, invalidInput, nulCharacterErrors } from "../errors";
import type { Role } from "../generated/prisma/enums";

export interface TRPCContext {
  db: Db;
  actor: Actor | null;
  /** The client's address, when known (anonymous orders are rate limited by it). */
  client?: string | null;
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const known = error.code !== "INTERNAL_SERVER_ERROR" || cause instanceof AppError;
    return {
      ...shape,
      // Unknown failures keep their details in the server log, never in the answer.
      message: known ? shape.message : "Internal error",
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        domainCode: cause instanceof AppError ? cause.code : null,
        // Flattened, per-field errors: `{ path: "tickets.0.price", message }`.
        fieldErrors: cause instanceof ZodError ? fieldErrors(cause.issues) : cause instanceof AppError ? (cause.details.errors ?? null) : null,
        extra: cause instanceof AppError ? (cause.details.extra ?? null) : null,
        /** With TOO_MANY_REQUESTS (and as the Retry-After header): when to try again. */
        retryAfterSeconds: cause instanceof AppError ? (cause.details.retryAfterSeconds ?? null) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A domain error as tRPC answers it, through the one table. */
export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: ERROR_TABLE[error.code].trpc, message: error.message, cause: error });
}

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

// Before the procedure's own validation, which accepts any string: the database would refuse it.
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  const errors = nulCharacterErrors(await getRawInput());
  if (errors.length > 0) throw invalidInput("input", errors);
  return next();
});

export const publicProcedure = t.procedure.use(mapDomainErrors).use(refuseNulCharacters);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.actor.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Only ${roles.join(", ").toLowerCase()} may do this` });
    }
    return next();
  });
}
