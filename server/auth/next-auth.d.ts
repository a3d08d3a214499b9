// What Marquee keeps in the session and its JWT: the user's id, role, name and email.
import type { DefaultSession } from "next-auth";
import type { Role } from "../generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      role: Role;
      name: string;
      email: string;
    } & DefaultSession["user"];
  }

  interface User {
    role?: Role;
  }
}

// next-auth/jwt only re-exports this module (`export *`), which an augmentation cannot reach.
declare module "@auth/core/jwt" {
  interface JWT {
    id?: string;
    role?: Role;
  }
}
