// Twilio's inbound SMS webhook (server/domain/messages/inbound.ts): configure the sending
// number's "A message comes in" as POST <APP_URL>/webhooks/twilio/inbound. 403 for a request
// Twilio did not sign; else an empty TwiML answer. Not a REST route of ours: Twilio is the
// only caller, authenticated by its signature over APP_URL's address of this route.
import { db } from "@/server/db";
import { receiveInboundSms, EMPTY_TWIML } from "@/server/domain/messages/inbound";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { toProblem } from "@/server/rest/problem";

export const dynamic = "force-dynamic";

/** Twilio's inbound parameters are a few hundred bytes; a bigger body is not theirs. */
const MAX_BODY_BYTES = 64_000;

export async function POST(request: Request) {
  try {
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${MAX_BODY_BYTES} bytes`);
    const requested = new URL(request.url);
    // Twilio signs the public address it called, which is APP_URL's, whatever a proxy made of Host.
    const url = new URL(requested.pathname + requested.search, env().APP_URL).toString();
    await receiveInboundSms(db, {
      url,
      params: Object.fromEntries(new URLSearchParams(text)),
      signature: request.headers.get("x-twilio-signature"),
    });
    return new Response(EMPTY_TWIML, { status: 200, headers: { "content-type": "text/xml" } });
  } catch (error) {
    return toProblem(error);
  }
}
