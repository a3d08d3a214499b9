import type { ReactNode } from "react";

/** The door is dark: a bright screen blinds the steward and lights up their face at a dark doorway. */
export default function DoorLayout({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col bg-ink-950 text-white">{children}</div>;
}
