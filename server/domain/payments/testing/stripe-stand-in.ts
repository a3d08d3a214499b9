// A local stand-in for Stripe's API, for tests: a node:http server on 127.0.0.1 (random port)
// that the official stripe package talks to when STRIPE_API_URL points at it. It serves what
// Marquee calls (POST /v1/checkout/sessions, POST /v1/refunds), checks what we send the way
// Stripe would (amounts as integer minor units, a currency, metadata.orderId, expires_at
// between 30 minutes and 24 hours away, an Idempotency-Key; a repeated key answers the first
// answer, as Stripe does), closes sessions (POST /v1/checkout/sessions/:id/expire: only an
// open one, as Stripe does; an expired session takes no payment after), and records every request. It also plays Stripe's side of the
// webhook: events about its sessions, signed with the package's generateTestHeaderString.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Stripe } from "stripe";

export interface ReceivedStripeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  idempotencyKey: string | null;
  /** The form body, decoded the way Stripe reads it (`a[b][0]=x` -> `{ a: { b: ["x"] } }`). */
  body: Record<string, any>;
}

interface Reply {
  status: number;
  body: unknown;
}

const MINUTE_S = 60;

/** Stripe's form encoding (`line_items[0][price_data][unit_amount]=2500`) back into objects. */
export function decodeStripeForm(text: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split(/\[|\]\[|\]$/).filter((segment, index) => index === 0 || segment !== "");
    let at: any = root;
    for (const [index, segment] of path.entries()) {
      if (index === path.length - 1) {
        at[segment] = value;
        break;
      }
      at[segment] ??= /^\d+$/.test(path[index + 1]!) ? [] : {};
      at = at[segment];
    }
  }
  return root;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

function invalid(message: string, param?: string): Reply {
  return { status: 400, body: { error: { type: "invalid_request_error", message, ...(param ? { param } : {}) } } };
}

const isMinorUnits = (value: unknown) => typeof value === "string" && /^(0|[1-9]\d*)$/.test(value);

export class StripeStandIn {
  readonly requests: ReceivedStripeRequest[] = [];
  /** Sessions made, by id, as Stripe would send them in events. */
  readonly sessions = new Map<string, Stripe.Checkout.Session>();
  readonly refunds: { id: string; paymentIntent: string; idempotencyKey: string | null }[] = [];
  /** First answer per Idempotency-Key (Stripe replays it for a repeated key). */
  private readonly answered = new Map<string, Reply>();

  private constructor(
    private readonly server: Server,
    /** The value for STRIPE_API_URL. */
    readonly origin: string,
    /** The value for STRIPE_WEBHOOK_SECRET: the events below are signed with it. */
    readonly webhookSecret: string,
  ) {}

  static async start(webhookSecret = `whsec_${randomBytes(24).toString("hex")}`): Promise<StripeStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new StripeStandIn(server, `http://127.0.0.1:${port}`, webhookSecret);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const key = req.headers["idempotency-key"];
        const reply = standIn.handle({
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          idempotencyKey: typeof key === "string" ? key : null,
          body: decodeStripeForm(Buffer.concat(chunks).toString("utf8")),
        });
        res.writeHead(reply.status, { "content-type": "application/json", "request-id": id("req") });
        res.end(JSON.stringify(reply.body));
      });
    });
    return standIn;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** The requests made to one endpoint (`/v1/checkout/sessions`, `/v1/refunds`). */
  requestsTo(path: string): ReceivedStripeRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  private handle(request: ReceivedStripeRequest): Reply {
    this.requests.push(request);
    if (!/^Bearer sk_(test|live)_\w+$/.test(String(request.headers.authorization ?? ""))) {
      return { status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided" } } };
    }
    const earlier = request.idempotencyKey ? this.answered.get(`${request.path} ${request.idempotencyKey}`) : undefined;
    if (earlier) return earlier;
    let reply: Reply;
    if (request.method === "POST" && request.path === "/v1/checkout/sessions") reply = this.createSession(request.body);
    else if (request.method === "POST" && request.path === "/v1/refunds") reply = this.createRefund(request);
    else if (request.method === "POST" && /^\/v1\/checkout\/sessions\/[^/]+\/expire$/.test(request.path))
      reply = this.expireSession(request.path.split("/")[4]!);
    else
      reply = {
        status: 404,
        body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${request.method}: ${request.path})` } },
      };
    if (request.idempotencyKey && reply.status < 500) this.answered.set(`${request.path} ${request.idempotencyKey}`, reply);
    return reply;
  }

  private createSession(body: Record<string, any>): Reply {
    if (body.mode !== "payment") return invalid("mode must be payment", "mode");
    const items: any[] = body.line_items ?? [];
    if (items.length === 0) return invalid("line_items must not be empty", "line_items");
    let total = 0;
    let currency: string | null = null;
    for (const [index, item] of items.entries()) {
      const price = item.price_data ?? {};
      const param = `line_items[${index}][price_data]`;
      if (!isMinorUnits(price.unit_amount))
        return invalid("unit_amount must be a whole number of the currency's minor units", `${param}[unit_amount]`);
      if (!/^[a-z]{3}$/.test(price.currency ?? "")) return invalid("currency must be a lowercase ISO 4217 code", `${param}[currency]`);
      if (currency && price.currency !== currency) return invalid("All line items must use the same currency", `${param}[currency]`);
      if (!price.product_data?.name) return invalid("product_data.name is required", `${param}[product_data][name]`);
      if (!isMinorUnits(item.quantity) || Number(item.quantity) < 1)
        return invalid("quantity must be a positive integer", `line_items[${index}][quantity]`);
      currency = price.currency;
      total += Number(price.unit_amount) * Number(item.quantity);
    }
    if (!body.metadata?.orderId) return invalid("Marquee's sessions carry metadata.orderId (the stand-in insists)", "metadata[orderId]");
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = Number(body.expires_at);
    if (!Number.isInteger(expiresAt) || expiresAt < now + 30 * MINUTE_S || expiresAt > now + 24 * 60 * MINUTE_S) {
      return invalid("expires_at must be between 30 minutes and 24 hours from now", "expires_at");
    }
    for (const url of ["success_url", "cancel_url"]) if (!URL.canParse(body[url] ?? "")) return invalid(`${url} must be a URL`, url);
    const sessionId = id("cs");
    const session = {
      id: sessionId,
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: total,
      amount_total: total,
      currency,
      metadata: body.metadata,
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      expires_at: expiresAt,
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      payment_intent: null,
      url: `https://checkout.stripe.test/c/pay/${sessionId}`,
      livemode: false,
      created: now,
    } as unknown as Stripe.Checkout.Session;
    this.sessions.set(sessionId, session);
    return { status: 200, body: session };
  }

  /** Stripe closes an open session only; a completed (paid) or already expired one is refused. */
  private expireSession(sessionId: string): Reply {
    const session = this.sessions.get(sessionId);
    if (!session) return { status: 404, body: { error: { type: "invalid_request_error", message: `No such checkout.session: '${sessionId}'` } } };
    if (session.status !== "open") {
      return invalid(`Only Checkout Sessions with a status of \`open\` can be expired; this one is \`${session.status}\``);
    }
    Object.assign(session, { status: "expired" });
    return { status: 200, body: session };
  }

  private createRefund(request: ReceivedStripeRequest): Reply {
    const paymentIntent = request.body.payment_intent;
    if (typeof paymentIntent !== "string" || !paymentIntent.startsWith("pi_")) return invalid("payment_intent is required", "payment_intent");
    const refund = { id: id("re"), paymentIntent, idempotencyKey: request.idempotencyKey };
    this.refunds.push(refund);
    return {
      status: 200,
      body: { id: refund.id, object: "refund", payment_intent: paymentIntent, status: "succeeded", metadata: request.body.metadata ?? {} },
    };
  }

  /** A Checkout event about one of the stand-in's sessions, as Stripe would send it. */
  sessionEvent(
    sessionId: string,
    type:
      | "checkout.session.completed"
      | "checkout.session.async_payment_succeeded"
      | "checkout.session.async_payment_failed"
      | "checkout.session.expired",
    {
      paymentStatus = type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded" ? "paid" : "unpaid",
    }: { paymentStatus?: "paid" | "unpaid" } = {},
  ): Stripe.Event {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`The stand-in made no session ${sessionId}`);
    // Stripe's buyer cannot pay on a closed session: a test asking for that is a test of the impossible.
    if (session.status === "expired" && type !== "checkout.session.expired") throw new Error(`Session ${sessionId} was expired: it takes no payment`);
    const paid = paymentStatus === "paid" || type === "checkout.session.async_payment_failed";
    // A session that completed holds its payment intent from then on.
    if (paid && !session.payment_intent) Object.assign(session, { payment_intent: id("pi") });
    Object.assign(session, {
      status: type === "checkout.session.expired" ? "expired" : "complete",
      payment_status: paymentStatus,
    });
    return {
      id: id("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(session) },
    } as unknown as Stripe.Event;
  }

  /** Stripe's POST of `event` to our webhook, signed with this stand-in's secret (or `secret`). */
  webhookRequest(event: Stripe.Event | string, { url = "http://localhost/webhooks/stripe", secret = this.webhookSecret } = {}): Request {
    const payload = typeof event === "string" ? event : JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    return new Request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "stripe-signature": signature,
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body: payload,
    });
  }
}
