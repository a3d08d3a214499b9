import NextAuth from "next-auth";
import { db } from "../db";
import { authConfig } from "./config";

// The config is built per call (lazily), so importing this module never reads the
// environment: `next build` can load it without DATABASE_URL or AUTH_SECRET (the pool
// connects on the first query).
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig(db));
