import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/components/providers";

/** The promoter's feed uses tRPC's React Query hooks; pages that don't (the door above all) skip their download. */
export default function PromoterLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
