import "server-only";
import { redirect } from "next/navigation";
import type { Role } from "../generated/prisma/enums";
import { auth } from ".";

export interface PageUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** The signed-in user of a page; signed-out visitors go to sign-in and come back to `path`. */
export async function requirePageUser(path: string): Promise<PageUser> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}
