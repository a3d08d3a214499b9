// A flash sale from a promoter's post to the door, with three people on their own devices: the
// promoter shares their post of an event with a paid "VIP" ticket (10 % commission) and a free
// one; a visitor on a phone, signed out, opens the share link and buys 2 VIP tickets through the
// test checkout, then 1 free ticket in a second order; both mails reach the catcher; the event's
// door staff hold the mail's first VIP QR code up to the camera and the door answers green with
// the ticket type; the promoter's feed shows what the post sold and what they earned.
import { randomUUID } from "node:crypto";
import { apiKeyFor, auth, json } from "./api/helpers";
import { fillBuyer, settle, ticketRow } from "./buyer";
import { launchWithCamera, writeFakeCamera } from "./fake-camera";
import { devicePage, expect, signInAs, test } from "./fixtures";
import { invitationLinkMailedTo, waitForMail } from "./mail";
import { createSaleEvent } from "./sale-event";

test("a promoter's shared post sells 2 VIP and 1 free ticket to a phone; the door scans a VIP ticket green; the promoter's feed shows the sale and commission", async ({
  page: promoter,
  browser,
  baseURL,
  request,
  capture,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = `${testInfo.project.name}-${randomUUID().slice(0, 6)}`;
  const title = `Flash Sale ${tag}`;
  const curatorKey = apiKeyFor(`carla-${tag}@example.test`);
  const promoterKey = apiKeyFor("promoter@marquee.test"); // the demo promoter, Priya
  const buyer = { firstName: "Vera", lastName: `Phone ${tag}`, email: `vera-${tag}@example.test` };

  // ---- The curator's event: VIP at €59.50 (VAT included), a free guest list, 10 % to promoters; Sam invited to work its door.
  const { event } = await createSaleEvent(request, curatorKey, title);
  await json(await request.post(`/product-event/${event.id}/staff`, { headers: auth(curatorKey), data: { email: "staff@marquee.test" } }), 201);
  const { post } = await json(await request.post("/posts/curator/from-event", { headers: auth(promoterKey), data: { eventId: event.id } }), 201);

  // ---- The promoter shares the post: the link is the one their feed's Share button gives.
  await signInAs(promoter, "Priya Promoter");
  await promoter.goto("/feed");
  if (testInfo.project.name === "phone") await promoter.getByRole("tab", { name: /My posts/ }).click();
  const card = promoter.getByTestId("own-post").filter({ hasText: title });
  const share = card.getByRole("button", { name: "Share" });
  await expect(share).toHaveAttribute("data-share-url", new RegExp(`^https?://[^/]+/p/${post.slug}$`));
  const shareUrl = (await share.getAttribute("data-share-url"))!;

  // ---- The visitor, signed out on their phone: 2 VIP tickets through the test checkout.
  const visitor = await devicePage(browser, testInfo, baseURL);
  const pageErrors: string[] = [];
  visitor.on("pageerror", (error) => pageErrors.push(error.message));
  await visitor.goto(shareUrl);
  await expect(visitor.getByTestId("post-title")).toHaveText(title);
  await expect(visitor.getByTestId("signed-in-user")).toHaveCount(0);
  await expect(ticketRow(visitor, "VIP")).toContainText("€59.50");
  await expect(ticketRow(visitor, "Guest list")).toContainText("Free");
  await visitor.getByRole("button", { name: "More VIP tickets" }).click();
  await visitor.getByRole("button", { name: "More VIP tickets" }).click();
  await expect(visitor.getByTestId("summary-total")).toHaveText("€119.00");
  await fillBuyer(visitor, buyer);
  await visitor.getByRole("button", { name: "Pay €119.00" }).click();
  await visitor.waitForURL(/\/checkout\/test\/[0-9a-f-]{36}$/);
  const paidOrderId = new URL(visitor.url()).pathname.split("/").at(-1)!;
  await visitor.getByRole("button", { name: "Pay €119.00" }).click();
  await visitor.waitForURL(new RegExp(`/orders/${paidOrderId}$`));
  await expect(visitor.getByTestId("order-heading")).toHaveText("You're in");
  await expect(visitor.getByTestId("order-ticket-type")).toHaveText(["VIP", "VIP"]);
  await expect(visitor.getByTestId("order-total")).toHaveText("€119.00");
  const vipLinks = await visitor.getByRole("link", { name: /^Open ticket \d full screen$/ }).all();
  const vipPaths = await Promise.all(vipLinks.map(async (link) => (await link.getAttribute("href"))!));
  expect(vipPaths).toHaveLength(2);

  // ---- A second order from the same link: 1 free ticket, issued at once.
  await visitor.goto(shareUrl);
  await visitor.getByRole("button", { name: "More Guest list tickets" }).click();
  await expect(visitor.getByTestId("summary-total")).toHaveText("Free");
  await fillBuyer(visitor, buyer);
  await visitor.getByRole("button", { name: "Get free ticket" }).click();
  await visitor.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  expect(new URL(visitor.url()).pathname).not.toBe(`/orders/${paidOrderId}`);
  await expect(visitor.getByTestId("order-heading")).toHaveText("You're in");
  await expect(visitor.getByTestId("order-ticket-type")).toHaveText("Guest list");
  await expect(visitor.getByTestId("order-total")).toHaveText("Free");
  expect(pageErrors, "no JavaScript errors on the buyer's phone").toEqual([]);
  await visitor.context().close();

  // ---- Both mails in the catcher: the VIP one carries the order page's two tickets, each as a QR image.
  const vipMail = await waitForMail(buyer.email, (m) => m.subject === `Your 2 tickets: ${title}`);
  for (const path of vipPaths) expect(vipMail.text).toContain(path);
  const qrImages = vipMail.attachments.filter((a) => a.contentType === "image/png");
  expect(qrImages).toHaveLength(2);
  const freeMail = await waitForMail(buyer.email, (m) => m.subject === `Your ticket: ${title}`);
  expect(freeMail.text).toContain("Guest list");

  // ---- The door: Sam joins by the invitation mail and holds the mail's first VIP QR code up to the camera.
  const video = testInfo.outputPath("vip-ticket.y4m");
  await writeFakeCamera(qrImages[0]!.content, video);
  const { path: invitation } = await invitationLinkMailedTo("staff@marquee.test", title);
  const doorBrowser = await launchWithCamera(video);
  try {
    const door = await devicePage(doorBrowser, testInfo, baseURL);
    await signInAs(door, "Sam Steward");
    await door.goto(invitation);
    await door.getByRole("button", { name: `Join ${title} as door staff` }).click();
    await door.waitForURL((url) => url.pathname === `/door/${event.id}`);
    const answer = door.getByRole("dialog");
    await expect(answer).toHaveAttribute("data-answer", "CHECKED_IN", { timeout: 20_000 });
    await expect(answer.getByRole("heading", { name: "Checked in" })).toBeVisible();
    await expect(answer.getByTestId("door-answer-guest")).toHaveText(`${buyer.firstName} ${buyer.lastName}`);
    await expect(answer.getByTestId("door-answer-ticket-type")).toHaveText("Ticket type: VIP");
    await capture("sale-to-door-door-green", { page: door, fullPage: false });
  } finally {
    await doorBrowser.close();
  }

  // ---- The promoter's feed: both orders came through the post; 10 % of the VIP tickets' €100.00 before VAT is theirs.
  await promoter.reload();
  if (testInfo.project.name === "phone") await promoter.getByRole("tab", { name: /My posts/ }).click();
  const figures = card.getByTestId("post-sales");
  await expect(figures).toContainText("Orders2");
  await expect(figures).toContainText("Tickets3");
  await expect(figures).toContainText("Revenue€119.00");
  await expect(figures).toContainText("Earned€10.00");
  await settle(promoter);
  await capture("sale-to-door-promoter-feed");
});
