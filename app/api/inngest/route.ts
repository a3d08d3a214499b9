import { serve } from "inngest/next";
import { functions, inngest } from "@/inngest";

// Inngest's executor syncs (PUT), inspects (GET) and calls (POST ?fnId=...&stepId=...) the
// functions here. Only used when Inngest is configured (INNGEST_DEV=1, or the two keys);
// without either, the SDK answers 500 and the jobs run in-process instead (see README).
export const dynamic = "force-dynamic";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
