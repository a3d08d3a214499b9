// Sending one SMS. With TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM: through Twilio's
// official package (TWILIO_API_URL points it at a local stand-in in tests). Without them, where
// the mail catcher's page is on (development, the e2e run), the SMS is kept in the catcher's
// folder and /dev/mail lists it, marked as an SMS; elsewhere SMS are refused when sent.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { env, isMailCatcherPageOn, type Env } from "../../env";
import { catchSms, mailCatcherDir } from "../mail/catcher";

export type SmsOutcome = { status: "sent"; providerId: string } | { status: "refused"; reason: string };

export interface SmsSender {
  /** Sends `body` to `to` (E.164). A refusal that a retry cannot fix is an outcome; anything else throws. */
  send(sms: { to: string; body: string }): Promise<SmsOutcome>;
}

type TwilioConfig = Pick<Env, "TWILIO_ACCOUNT_SID" | "TWILIO_AUTH_TOKEN" | "TWILIO_FROM" | "TWILIO_API_URL">;

const TWILIO_API = "https://api.twilio.com";

/** The package has no base-URL option: its HTTP client rewrites the API's origin instead. */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly apiUrl: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_API, this.apiUrl.replace(/\/$/, "")) });
  }
}

/** Twilio's answer to a request it refused: an HTTP status and one of its error codes. */
function isTwilioRefusal(error: unknown): error is { status: number; code?: number; message: string } {
  return error instanceof twilio.RestException || (typeof error === "object" && error !== null && "status" in error && "code" in error);
}

export function twilioSmsSender(config: TwilioConfig): SmsSender {
  const client = twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, {
    ...(config.TWILIO_API_URL && { httpClient: new RedirectingRequestClient(config.TWILIO_API_URL) }),
  });
  const from = config.TWILIO_FROM!;
  return {
    async send({ to, body }) {
      try {
        const sent = await client.messages.create({ to, body, ...(from.startsWith("MG") ? { messagingServiceSid: from } : { from }) });
        return { status: "sent", providerId: sent.sid };
      } catch (error) {
        // 4xx (an invalid or unreachable number, an opted-out recipient...) will fail the same
        // way again; 429, 5xx and network errors may not, so they throw and the job retries.
        if (isTwilioRefusal(error) && error.status >= 400 && error.status < 500 && error.status !== 429) {
          return { status: "refused", reason: `Twilio ${error.code ?? error.status}: ${error.message}`.slice(0, 500) };
        }
        throw error;
      }
    },
  };
}

/** Development: the SMS is kept in the mail catcher's folder for /dev/mail. */
export function catcherSmsSender(dir: string): SmsSender {
  return {
    async send({ to, body }) {
      const { id } = await catchSms(dir, { to, from: "Marquee", body });
      return { status: "sent", providerId: `caught-${id}` };
    },
  };
}

/** Whether this server can send SMS at all (Twilio, or the catcher where its page is on). */
export function smsConfigured(e: Env = env()): boolean {
  return Boolean(e.TWILIO_ACCOUNT_SID) || isMailCatcherPageOn(e);
}

/** The sender this server's environment gives, or null where SMS cannot be sent. */
export function smsSender(e: Env = env()): SmsSender | null {
  if (e.TWILIO_ACCOUNT_SID) return twilioSmsSender(e);
  if (isMailCatcherPageOn(e)) return catcherSmsSender(mailCatcherDir(e));
  return null;
}
