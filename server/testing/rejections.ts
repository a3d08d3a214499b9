// What a call that must fail failed with: the test fails if it succeeded or threw anything else.
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { AppError } from "../errors";

async function rejection<E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => expect.unreachable("the call should have failed"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** A domain service's refusal. */
export const appError = (promise: Promise<unknown>) => rejection(promise, AppError);

/** A tRPC procedure's refusal, as a caller sees it. */
export const trpcError = (promise: Promise<unknown>) => rejection(promise, TRPCError);
