import type { Role } from "@/server/generated/prisma/enums";
import { Badge, type BadgeTone } from "./badge";

export const ROLE_LABELS: Record<Role, string> = {
  CURATOR: "Curator",
  PROMOTER: "Promoter",
  STAFF: "Door staff",
  ADMIN: "Admin",
};

const ROLE_TONES: Record<Role, BadgeTone> = {
  CURATOR: "marquee",
  PROMOTER: "violet",
  STAFF: "sky",
  ADMIN: "neutral",
};

export function RoleBadge({ role, onDark = false }: { role: Role; onDark?: boolean }) {
  return <Badge tone={onDark ? "onDark" : ROLE_TONES[role]}>{ROLE_LABELS[role]}</Badge>;
}
