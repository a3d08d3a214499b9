import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/components/providers";

/** Settings (API keys, Shopify) use tRPC's React Query hooks; pages that don't (the door above all) skip their download. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
