// Partner webhooks, end to end: a curator adds an endpoint on the settings page (its secret shown
// once) pointing at a receiver this test runs (the standardwebhooks package's own verifier
// checks every request); creating an event and selling a ticket reach it, signed; the page shows
// the deliveries with their status codes, redelivers one under the same webhook-id, rotates the
// secret and disables the endpoint.
import { randomUUID } from "node:crypto";
import { startWebhookReceiver, type WebhookReceiverStandIn } from "../server/domain/partner-webhooks/testing/receiver-stand-in";
import { apiKeyFor, json } from "./api/helpers";
import { expect, signInByEmail, test } from "./fixtures";
import { createSaleEvent } from "./sale-event";

let receiver: WebhookReceiverStandIn;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(() => receiver.close());

const verifiedOf = (type: string) => receiver.received.filter((r) => r.verified?.type === type);

test("a curator's endpoint receives signed events, shows its deliveries, redelivers, rotates and disables", async ({
  page,
  request,
  capture,
}, testInfo) => {
  const email = `partner-curator-${randomUUID().slice(0, 8)}@marquee.test`;
  const key = apiKeyFor(email);
  await signInByEmail(page, email);
  await page.goto("/settings#webhooks-heading");
  const section = page.getByRole("region", { name: "Webhooks" });
  await expect(section).toBeVisible();

  // Nothing chosen: refused in the form, naming the events.
  for (const name of [/Order paid/, /Guest checked in/]) await section.getByRole("checkbox", { name }).uncheck();
  await section.getByRole("button", { name: "Add endpoint" }).click();
  await expect(section.getByRole("alert")).toContainText("Choose at least one event");

  const url = `${receiver.url}/${testInfo.project.name}`;
  await section.getByLabel("Endpoint URL").fill(url);
  for (const name of [/Order paid/, /Guest checked in/, /Event created/]) await section.getByRole("checkbox", { name }).check();
  await section.getByRole("button", { name: "Add endpoint" }).click();
  const secret = await section.getByLabel("Signing secret", { exact: true }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  receiver.secret = secret;
  await capture("webhooks-secret-shown");
  await section.getByRole("button", { name: "I've stored it safely" }).click();
  await expect(section.getByLabel("Signing secret", { exact: true })).toHaveCount(0);
  const endpoint = section.getByTestId("webhook-endpoint").filter({ hasText: url });
  await expect(endpoint).toContainText("Active");

  // An event and a free ticket: event.created and order.paid arrive, verified.
  const { event, variants } = await createSaleEvent(request, key, `Partner night ${randomUUID().slice(0, 4)}`);
  const { order } = await json(
    await request.post(`/product-event/${event.id}/orders`, {
      data: {
        items: [{ variantId: variants[1]!.id, quantity: 1 }],
        buyer: { firstName: "Pat", lastName: "Partner", email: `pat-${randomUUID().slice(0, 6)}@buyers.test` },
      },
    }),
    201,
  );
  await expect.poll(() => verifiedOf("event.created").length, { timeout: 30_000 }).toBe(1);
  await expect.poll(() => verifiedOf("order.paid").length, { timeout: 30_000 }).toBe(1);
  expect(verifiedOf("event.created")[0]!.verified!.data).toMatchObject({ eventId: event.id, event: { id: event.id } });
  expect(verifiedOf("order.paid")[0]!.verified!.data).toMatchObject({ orderId: order.id, order: { status: "PAID" } });

  await endpoint.getByRole("button", { name: "Deliveries" }).click();
  const deliveries = endpoint.getByTestId("webhook-delivery");
  await expect(deliveries).toHaveCount(2);
  await expect(endpoint.getByTestId("webhook-attempt").first()).toContainText("204");
  await capture("webhooks-deliveries");

  // Redeliver the order: the receiver gets the same webhook-id again.
  const paidId = verifiedOf("order.paid")[0]!.headers["webhook-id"];
  await deliveries
    .filter({ hasText: "order.paid" })
    .getByRole("button", { name: /Redeliver/ })
    .click();
  await expect.poll(() => verifiedOf("order.paid").length, { timeout: 30_000 }).toBe(2);
  expect(verifiedOf("order.paid")[1]!.headers["webhook-id"]).toBe(paidId);
  await expect(deliveries).toHaveCount(3);

  // Rotating shows the new secret once; the old one no longer verifies.
  await endpoint.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  const rotated = await section.getByLabel("Signing secret", { exact: true }).inputValue();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  await section.getByRole("button", { name: "I've stored it safely" }).click();

  await endpoint.getByRole("button", { name: "Disable" }).click();
  await expect(endpoint).toContainText("Disabled");
  await expect(endpoint.getByRole("button", { name: "Enable" })).toBeVisible();
  await capture("webhooks-disabled");
});
