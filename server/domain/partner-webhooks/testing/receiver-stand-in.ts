// A local stand-in for a partner's webhook receiver, for tests: a node:http server on
// 127.0.0.1 (random port) that checks every request with the standardwebhooks package's own
// verifier (`Webhook.verify`, timestamp tolerance included) against the secret it is given,
// records what arrived, and answers the statuses queued for it (204 once the queue is empty).
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed payload when the signature verified; null otherwise (`error` says why). */
  verified: { type: string; timestamp: string; data: Record<string, unknown> } | null;
  error: string | null;
}

export interface WebhookReceiverStandIn {
  url: string;
  received: ReceivedWebhook[];
  /** The secret requests are verified with (set it to the endpoint's, and again after a rotation). */
  secret: string | null;
  /** Statuses of the next answers, in order (e.g. [500, 500] then 204s). */
  replies: number[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiverStandIn> {
  const state = { received: [] as ReceivedWebhook[], secret: null as string | null, replies: [] as number[] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified: ReceivedWebhook["verified"] = null;
      let error: string | null = null;
      try {
        if (!state.secret) throw new Error("the stand-in has no secret");
        verified = new Webhook(state.secret).verify(body, req.headers as Record<string, string>) as ReceivedWebhook["verified"];
      } catch (e) {
        error = (e as Error).message;
      }
      state.received.push({ headers: req.headers, body, verified, error });
      res.statusCode = verified ? (state.replies.shift() ?? 204) : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/marquee-hooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
