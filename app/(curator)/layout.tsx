import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/components/providers";

/** The curator's pages use tRPC's React Query hooks; pages that don't (the door above all) skip their download. */
export default function CuratorLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
