// Who is calling: a signed-in user (session cookie) or a partner's script (API key). Every
// service receives an Actor, never a request.
import type { Role } from "../generated/prisma/enums";

export interface Actor {
  userId: string;
  role: Role;
  name: string;
  email: string;
  via: "session" | "apiKey";
}
