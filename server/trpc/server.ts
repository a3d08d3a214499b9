import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTRPCContext } from "./context";
import { createCaller } from "./root";

// One context per server render, shared by every server component that calls `api`.
const context = cache(async () => createTRPCContext({ headers: new Headers(await headers()) }));

export const api = createCaller(context);
