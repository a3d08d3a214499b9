// A local stand-in for Twilio's Messages API, for tests: a node:http server on 127.0.0.1
// (random port) that the official twilio package talks to when TWILIO_API_URL points at it.
// It checks what we send the way Twilio would (POST /2010-04-01/Accounts/<sid>/Messages.json,
// HTTP basic auth with the account SID and auth token, a form body with To in E.164, From
// and a non-empty Body), answers like Twilio (201 with a sid and status "queued"), and can
// refuse a number with a Twilio error (e.g. 21211 "invalid 'To' phone number") or fail with a
// 5xx as an outage would. It records every request.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedSms {
  to: string;
  from: string;
  body: string;
}

interface Refusal {
  status: number;
  code: number;
  message: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export class TwilioStandIn {
  /** Every accepted SMS, in order. */
  readonly sent: Array<ReceivedSms & { sid: string }> = [];
  /** Every request, accepted or not (what was checked and why it was refused). */
  readonly requests: Array<{ path: string; authorized: boolean; form: Record<string, string>; status: number }> = [];
  /** Numbers Twilio refuses, with its answer. */
  readonly refusals = new Map<string, Refusal>();
  /** While set, every request answers 503 (an outage: the job must retry). */
  down = false;

  private constructor(
    private readonly server: Server,
    /** The value for TWILIO_API_URL. */
    readonly origin: string,
    readonly accountSid: string,
    readonly authToken: string,
    readonly from: string,
  ) {}

  static async start(): Promise<TwilioStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new TwilioStandIn(
      server,
      `http://127.0.0.1:${port}`,
      `AC${randomBytes(16).toString("hex")}`,
      randomBytes(16).toString("hex"),
      "+15005550006",
    );
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
        const { status, body } = standIn.answer(
          req.method ?? "",
          req.url ?? "",
          req.headers.authorization ?? "",
          req.headers["content-type"] ?? "",
          form,
        );
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      });
    });
    return standIn;
  }

  /** The environment that points the app's sender at this stand-in. */
  get env() {
    return { TWILIO_ACCOUNT_SID: this.accountSid, TWILIO_AUTH_TOKEN: this.authToken, TWILIO_FROM: this.from, TWILIO_API_URL: this.origin };
  }

  refuse(number: string, refusal: Refusal = { status: 400, code: 21211, message: `The 'To' number ${number} is not a valid phone number.` }) {
    this.refusals.set(number, refusal);
  }

  private answer(method: string, path: string, authorization: string, contentType: string, form: Record<string, string>) {
    const expectedAuth = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString("base64")}`;
    const authorized = authorization === expectedAuth;
    const reply = (status: number, body: unknown) => {
      this.requests.push({ path, authorized, form, status });
      return { status, body };
    };
    const error = (status: number, code: number, message: string) =>
      reply(status, { status, code, message, more_info: `https://www.twilio.com/docs/errors/${code}` });
    if (this.down) return error(503, 20503, "Service unavailable");
    if (!authorized) return error(401, 20003, "Authenticate");
    if (method !== "POST" || path !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`)
      return error(404, 20404, "The requested resource was not found");
    if (!contentType.startsWith("application/x-www-form-urlencoded")) return error(400, 21000, "Expected a form body");
    if (!form.To || !E164.test(form.To)) return error(400, 21211, `The 'To' number ${form.To ?? ""} is not a valid phone number.`);
    if (form.From !== this.from) return error(400, 21212, `The 'From' number ${form.From ?? ""} is not a valid phone number.`);
    if (!form.Body) return error(400, 21602, "Message body is required.");
    const refusal = this.refusals.get(form.To);
    if (refusal) return error(refusal.status, refusal.code, refusal.message);
    const sid = `SM${randomBytes(16).toString("hex")}`;
    this.sent.push({ to: form.To, from: form.From, body: form.Body, sid });
    return reply(201, {
      sid,
      account_sid: this.accountSid,
      to: form.To,
      from: form.From,
      body: form.Body,
      status: "queued",
      num_segments: "1",
      direction: "outbound-api",
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
