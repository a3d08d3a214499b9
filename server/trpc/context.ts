import "server-only";
import { auth } from "../auth";
import type { Actor } from "../auth/actor";
import { resolveActor } from "../auth/resolve-actor";
import { db } from "../db";
import { clientOf } from "../domain/users/sign-in-link";
import { AppError } from "../errors";
import type { TRPCContext } from "./init";

async function sessionUserId(): Promise<string | null> {
  return (await auth())?.user?.id ?? null;
}

/** The tRPC context of a request: the database and the actor (session or API key). */
export async function createTRPCContext({ headers }: { headers: Headers }): Promise<TRPCContext> {
  let actor: Actor | null;
  try {
    actor = await resolveActor(db, headers, sessionUserId);
  } catch (error) {
    // A bad API key leaves the caller anonymous: protected procedures then answer 401.
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") actor = null;
    else throw error;
  }
  return { db, actor, client: clientOf(headers) };
}
