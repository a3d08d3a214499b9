// RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the
// List-Unsubscribe address of a guest message. The signed token in the path is the credential;
// repeating it changes nothing. A forged token is a 404.
import { db } from "@/server/db";
import { unsubscribe } from "@/server/domain/messages/opt-out";
import { AppError } from "@/server/errors";
import { toProblem } from "@/server/rest/problem";

export const dynamic = "force-dynamic";

export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const outcome = await unsubscribe(db, decodeURIComponent(token));
    if (outcome.state === "FORGED") throw new AppError("NOT_FOUND", "No such unsubscribe link");
    return Response.json({ unsubscribed: true });
  } catch (error) {
    return toProblem(error);
  }
}
