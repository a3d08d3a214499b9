// The ticket mail end to end, on a phone: a curator adds a guest with an email (REST API), the
// mail-send job delivers the ticket mail to the mail catcher, /dev/mail lists and shows it, and
// its link opens the ticket page with the QR code. An unknown ticket code is a 404.
import { randomUUID } from "node:crypto";
import { apiKeyFor, auth, json } from "./api/helpers";
import { expect, test } from "./fixtures";
import { waitForMail } from "./mail";

test("a guest added to an event gets the ticket mail, seen in /dev/mail, whose link opens the ticket", async ({ page, request, capture }) => {
  const key = apiKeyFor(`mail-${randomUUID()}@example.com`);
  const { event } = await json(
    await request.post("/product-event/v2", {
      headers: auth(key),
      data: {
        title: "Ticket Mail Night",
        startDate: "2027-05-01T22:00:00+02:00",
        timezone: "Europe/Berlin",
        venue: "Halle Süd",
        location: "Revaler Str. 99, 10245 Berlin",
        tickets: [{ name: "GA", price: 2000, currency: "EUR", quantity: 100 }],
      },
    }),
    201,
  );
  const email = `lena-${randomUUID().slice(0, 8)}@example.com`;
  const { guest } = await json(
    await request.post("/product-event/guests", { headers: auth(key), data: { firstName: "Lena", lastName: "Vogel", email } }),
    201,
  );
  const added = await json(await request.post(`/product-event/${event.id}/guests`, { headers: auth(key), data: { guestIds: [guest.id] } }), 200);
  const code: string = added.guests[0].ticketCode;

  const mail = await waitForMail(email, (m) => m.subject === "Your ticket: Ticket Mail Night");
  expect(mail.text).toContain(`/t/${code}`);

  await page.goto("/dev/mail");
  const entry = page.getByRole("link", { name: /Your ticket: Ticket Mail Night/ }).filter({ hasText: email });
  await expect(entry).toBeVisible();
  await capture("mail-catcher-list", { fullPage: false });

  await entry.click();
  await expect(page.getByRole("heading", { name: "Your ticket: Ticket Mail Night" })).toBeVisible();
  const html = page.frameLocator('[data-testid="mail-html"]');
  await expect(html.getByText("Halle Süd")).toBeVisible();
  await expect(html.getByAltText("Your ticket's QR code")).toBeVisible();
  await expect(page.getByTestId("mail-text")).toContainText("Sat 1 May 2027 · 22:00 CEST");
  await expect(page.getByRole("link", { name: "event.ics" })).toBeVisible();
  await capture("mail-catcher-ticket-mail");

  const ticketLink = (await page.getByTestId("mail-text").textContent())!.match(/http\S+\/t\/[\w-]+/)![0];
  await page.goto(new URL(ticketLink).pathname);
  await expect(page.getByRole("heading", { name: "Ticket Mail Night" })).toBeVisible();
  await expect(page.getByTestId("ticket-guest")).toHaveText("Lena Vogel");
  await expect(page.getByRole("img", { name: "Ticket QR code" })).toBeVisible();
  await expect(page.getByText("Revaler Str. 99, 10245 Berlin")).toBeVisible();
  await capture("ticket-page", { fullPage: false });

  const unknown = await page.goto("/t/no-such-ticket-code");
  expect(unknown?.status()).toBe(404);
});
