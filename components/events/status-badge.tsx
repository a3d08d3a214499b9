import type { EventStatus } from "@/server/generated/prisma/enums";
import { Badge, type BadgeTone } from "../ui/badge";

const STATUS: Record<EventStatus, { label: string; tone: BadgeTone }> = {
  UPCOMING: { label: "Upcoming", tone: "green" },
  ON_HOLD: { label: "On hold", tone: "amber" },
  CANCELED: { label: "Canceled", tone: "red" },
  COMPLETED: { label: "Completed", tone: "neutral" },
};

export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { label, tone } = STATUS[status];
  return (
    <Badge tone={tone}>
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      {label}
    </Badge>
  );
}
