// Messages to guests end to end, on a phone and at a desk: a curator writes an email and an SMS
// to an event's guests on the event page (compose, a preview that says who gets it and who is
// skipped, send), watches the deliveries go out in the history, and finds both in the catcher
// page /dev/mail (the SMS marked as such, with the number: no Twilio account in this run). The
// mail's unsubscribe link stops that curator's mails.
import { randomInt, randomUUID } from "node:crypto";
import { apiKeyFor, auth, json } from "./api/helpers";
import { expect, signInByEmail, test } from "./fixtures";
import { waitForMail } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;

test("a curator sends an email and an SMS to an event's guests and sees them in the catcher page; the mail's unsubscribe link works", async ({
  page,
  request,
  capture,
}) => {
  const tag = randomUUID().slice(0, 6);
  const key = apiKeyFor(`mona-${tag}@example.test`);
  const { event } = await json(
    await request.post("/product-event/v2", {
      headers: auth(key),
      data: {
        title: `Message Night ${tag}`,
        startDate: new Date(Date.now() + 5 * DAY_MS).toISOString(),
        timezone: "Europe/Berlin",
        venue: "Halle Süd",
        location: "Revaler Str. 99, 10245 Berlin",
        tickets: [
          { name: "GA", price: 1500, currency: "EUR", quantity: 100 },
          { name: "VIP", price: 4000, currency: "EUR", quantity: 20 },
        ],
      },
    }),
    201,
  );
  const phone = `+49151${randomInt(10_000_000, 99_999_999)}`;
  const gretaEmail = `greta-${tag}@guests.test`;
  const hugoEmail = `hugo-${tag}@guests.test`;
  const guestIds = [];
  for (const data of [
    { firstName: "Greta", lastName: `Guest ${tag}`, email: gretaEmail, phoneNumber: phone },
    { firstName: "Hugo", lastName: `Guest ${tag}`, email: hugoEmail },
  ]) {
    guestIds.push((await json(await request.post("/product-event/guests", { headers: auth(key), data }), 201)).guest.id);
  }
  await json(await request.post(`/product-event/${event.id}/guests`, { headers: auth(key), data: { guestIds } }), 200);

  await signInByEmail(page, `mona-${tag}@example.test`);
  await page.goto(`/events/${event.id}`);
  const messages = page.getByRole("region", { name: "Messages" });
  const history = messages.getByRole("list", { name: "Messages sent" });

  // An email to everyone: both guests have an address.
  const subject = `Doors at 22:00 ${tag}`;
  await messages.getByLabel("Subject").fill(subject);
  await messages.getByLabel("Message", { exact: true }).fill("The side entrance is fastest.\n\nSee you tonight!");
  await messages.scrollIntoViewIfNeeded();
  await capture("messages-compose-email", { fullPage: false });
  await messages.getByRole("button", { name: "Preview" }).click();
  const preview = messages.getByTestId("message-preview");
  await expect(preview.getByRole("status")).toHaveText("2 guests will get it.");
  await expect(preview).toContainText(subject);
  await messages.getByRole("button", { name: "Send to 2 guests" }).click();
  const sentMail = history.getByRole("listitem").filter({ hasText: subject });
  await expect(sentMail.getByTestId("delivery-counts")).toHaveText("2 sent", { timeout: 30_000 });

  // An SMS: only Greta has a phone; the counter counts the STOP line too.
  await messages.getByText("SMS", { exact: true }).click();
  await expect(messages.getByLabel("Subject")).toHaveCount(0);
  const smsText = `Doors open now ${tag}`;
  await messages.getByLabel("Message", { exact: true }).fill(smsText);
  await expect(messages.getByText(/characters with the STOP line · 1 SMS each/)).toBeVisible();
  await capture("messages-compose-sms", { fullPage: false });
  await messages.getByRole("button", { name: "Preview" }).click();
  await expect(preview.getByRole("status")).toHaveText("1 guest will get it, 1 skipped (1 no phone).");
  await preview.scrollIntoViewIfNeeded();
  await capture("messages-preview-sms", { fullPage: false });
  await messages.getByRole("button", { name: "Send to 1 guest" }).click();
  const sentSms = history.getByRole("listitem").filter({ hasText: smsText });
  await expect(sentSms.getByTestId("delivery-counts")).toHaveText("1 sent1 skipped", { timeout: 30_000 });
  await history.scrollIntoViewIfNeeded();
  await capture("messages-history", { fullPage: false });

  // Both in the catcher page: the mail by its subject, the SMS marked as one, with the number.
  await page.goto("/dev/mail");
  await expect(page.getByTestId("caught-mails").getByRole("link", { name: new RegExp(subject) })).toHaveCount(2);
  const caughtSms = page.getByTestId("caught-sms").filter({ hasText: phone });
  await expect(caughtSms).toContainText("SMS");
  await expect(caughtSms).toContainText(`${smsText}\nReply STOP to opt out`);
  await capture("messages-dev-mail");

  // Hugo follows the mail's unsubscribe link: no more mails from this curator.
  const mail = await waitForMail(hugoEmail, (m) => m.subject === subject);
  const unsubscribe = /https?:\/\/\S+\/unsubscribe\/[\w.-]+/.exec(mail.text ?? "")?.[0];
  expect(unsubscribe).toBeTruthy();
  await page.goto(new URL(unsubscribe!).pathname);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're unsubscribed");
  await capture("messages-unsubscribed");
  const again = await json(
    await request.post(`/product-event/${event.id}/messages`, {
      headers: auth(key),
      data: { channel: "EMAIL", subject: "Later", body: "More news" },
    }),
    202,
  );
  expect(again.message).toMatchObject({ recipients: 1, skipped: [{ guestId: guestIds[1], reason: "OPTED_OUT" }] });
});
