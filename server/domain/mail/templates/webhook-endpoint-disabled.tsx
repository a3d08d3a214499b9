// Told to an endpoint's owner when it was disabled after failing for days: which URL, since
// when, the last error, and where to turn it on again once the receiver works.
import { Button, Heading, Section, Text } from "@react-email/components";
import type { MailTemplate } from "./index";
import { button, colors, MailLayout, muted, text } from "./layout";

export interface WebhookEndpointDisabledProps {
  ownerName: string;
  url: string;
  /** ISO instant of the first failure of the run that disabled it. */
  failingSince: string;
  lastError: string;
  /** The settings page, as an absolute URL. */
  settingsUrl: string;
}

function day(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(iso));
}

export function WebhookEndpointDisabledMail({ ownerName, url, failingSince, lastError, settingsUrl }: WebhookEndpointDisabledProps) {
  return (
    <MailLayout preview={`Your webhook endpoint ${url} has been failing since ${day(failingSince)} and is now disabled`}>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "30px", margin: "0 0 16px", color: colors.ink950 }}>
        A webhook endpoint was disabled
      </Heading>
      <Text style={text}>Hello {ownerName},</Text>
      <Text style={text}>
        Every request to your endpoint has failed since {day(failingSince)}, so we stopped sending to it. Messages that were still waiting were not
        sent.
      </Text>
      <Text style={{ ...text, wordBreak: "break-all", fontWeight: 600 }}>{url}</Text>
      <Text style={muted}>Last error: {lastError}</Text>
      <Section style={{ textAlign: "center", margin: "8px 0 16px" }}>
        <Button href={settingsUrl} style={button}>
          Open webhook settings
        </Button>
      </Section>
      <Text style={{ ...muted, margin: 0 }}>Once the receiver works again, enable the endpoint there and redeliver what it missed.</Text>
    </MailLayout>
  );
}

export const webhookEndpointDisabledTemplate = {
  component: WebhookEndpointDisabledMail,
  subject: () => "Your Marquee webhook endpoint was disabled",
  preview: {
    ownerName: "Camille Curator",
    url: "https://partner.example/webhooks/marquee",
    failingSince: "2026-11-25T09:00:00.000Z",
    lastError: "HTTP 503",
    settingsUrl: "http://localhost:3000/settings",
  } satisfies WebhookEndpointDisabledProps,
} satisfies MailTemplate<WebhookEndpointDisabledProps>;
