import { describe, expect, it } from "vitest";
import { renderMail } from "../render";
import { webhookEndpointDisabledTemplate } from "./webhook-endpoint-disabled";

describe("the webhook-endpoint-disabled mail", () => {
  it("names the endpoint, since when it failed, the last error and links to the settings", async () => {
    const props = webhookEndpointDisabledTemplate.preview;
    const mail = await renderMail("webhook-endpoint-disabled", props);
    expect(mail.subject).toBe("Your Marquee webhook endpoint was disabled");
    expect(mail.text).toContain(props.url);
    expect(mail.text).toContain("Wednesday 25 November");
    expect(mail.text).toContain("HTTP 503");
    expect(mail.html).toContain(`href="${props.settingsUrl}"`);
  });
});
