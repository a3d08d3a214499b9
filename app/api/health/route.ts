import { checkHealth } from "@/server/health";

// Always answered live: a cached health check would hide an outage.
export const dynamic = "force-dynamic";

export async function GET() {
  return checkHealth();
}
