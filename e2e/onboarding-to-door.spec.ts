// From nobody to a guest let in, in one unbroken run and only through the browser and the mail
// catcher: a brand-new person signs in by the link mailed to them, says they organise events,
// creates an event with the event form, puts a guest on its list and invites a new door staff
// member by email. That person, on their own device, follows the invitation's link, signs in by
// link (their account is made), becomes staff of that event only, and checks the guest in at
// the door; the curator sees the guest in, let in by them.
import { randomUUID } from "node:crypto";
import { daysAhead, devicePage, expect, requestSignInLink, signInInvitedNewcomer, test } from "./fixtures";
import { invitationLinkMailedTo } from "./mail";

test("a new curator signs up, creates an event, invites new door staff by email, who sign up and check a guest in", async ({
  page,
  browser,
  baseURL,
  capture,
}, testInfo) => {
  const tag = `${testInfo.project.name}-${randomUUID().slice(0, 6)}`;
  const curatorEmail = `nova-${tag}@example.test`;
  const staffEmail = `sam-${tag}@example.test`;
  const title = `Open Doors ${tag}`;
  const guestLastName = `Guest${tag.replace(/\W/g, "")}`;
  const guestName = `Greta ${guestLastName}`;

  // The curator: a sign-in link from the catcher, then the welcome question.
  await page.goto("/sign-in");
  const { link } = await requestSignInLink(page, curatorEmail);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Marquee" })).toBeVisible();
  await page.getByLabel("Your name").fill("Nova Reyes");
  await page.getByText("Organise events").click();
  await page.getByLabel("Ticket currency").selectOption("EUR");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/\/events$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText("Nova Reyes");

  // Their first event, with the event form.
  await page.goto("/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "New event" })).toBeVisible();
  await page.getByLabel("Event title", { exact: true }).fill(title);
  await page.getByLabel("Venue", { exact: true }).fill("The Lantern Rooms");
  await page.getByLabel("Address", { exact: true }).fill("12 Chalk Farm Road, London NW1 8AB");
  await page.getByLabel("Starts", { exact: true }).fill(daysAhead(20, 20));
  await page.getByLabel("Ticket 1 name").fill("Standing");
  await page.getByLabel("Ticket 1 price").fill("18");
  await page.getByLabel("Ticket 1 quantity").fill("150");
  await page.getByRole("button", { name: "Create event" }).click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const eventId = new URL(page.url()).pathname.split("/").at(-1)!;

  // A guest on the list, pasted as CSV on the event page.
  const guests = page.getByRole("region", { name: "Guest list" });
  await guests.getByRole("button", { name: "Import CSV" }).click();
  await guests.getByLabel("…or paste it").fill(`firstName,lastName\nGreta,${guestLastName}`);
  await guests.getByRole("button", { name: "Import and add to the list" }).click();
  await expect(guests.getByTestId("import-report")).toContainText("1 imported · 1 added to the list");
  await expect(guests.getByTestId("event-guest").filter({ hasText: guestName })).toContainText("Invited");

  // New door staff, invited by email from the event page.
  const staff = page.getByRole("region", { name: "Door staff" });
  await staff.getByLabel("Invite door staff by email").fill(staffEmail);
  await staff.getByRole("button", { name: "Send invitation" }).click();
  const invitation = staff.getByRole("list", { name: "Door staff invitations" }).getByRole("listitem").filter({ hasText: staffEmail });
  await expect(invitation).toContainText("Pending");
  await staff.scrollIntoViewIfNeeded();
  await capture("onboarding-invited", { fullPage: false });

  // The mail, as the catcher's page lists it.
  await page.goto("/dev/mail");
  await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await capture("onboarding-dev-mail", { fullPage: false });

  // The staff member, on their own device with no account: the mail's link, then sign-in by link.
  const { path } = await invitationLinkMailedTo(staffEmail, title);
  const door = await devicePage(browser, testInfo, baseURL);
  try {
    await door.goto(path);
    await signInInvitedNewcomer(door, staffEmail, "Sam Sterling");
    await door.waitForURL((url) => url.pathname === path);
    await door.getByRole("button", { name: `Join ${title} as door staff` }).click();

    // At that event's door: the guest found by name and checked in.
    await door.waitForURL((url) => url.pathname === `/door/${eventId}`);
    await expect(door.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await door.getByLabel("Find a guest by name or phone").fill(guestName);
    const row = door.getByRole("list", { name: "Guests found" }).getByRole("listitem").filter({ hasText: guestName });
    await row.getByRole("button", { name: `Check in ${guestName}` }).click();
    const answer = door.getByRole("dialog");
    await expect(answer).toHaveAttribute("data-answer", "CHECKED_IN");
    await expect(answer.getByTestId("door-answer-guest")).toHaveText(guestName);
    await capture("onboarding-door-checked-in", { page: door, fullPage: false });

    // Staff of that event only: it is the one door in their list (the demo's events are not).
    await door.goto("/door");
    const doors = door.getByRole("list", { name: "Events" }).getByRole("link");
    await expect(doors).toHaveCount(1);
    await expect(doors).toContainText(title);
  } finally {
    await door.context().close();
  }

  // The curator sees the guest in, let in by the new staff member, who is on the door list.
  await page.goto(`/events/${eventId}`);
  const guest = guests.getByTestId("event-guest").filter({ hasText: guestName });
  await expect(guest).toContainText("Sam Sterling");
  await expect(guest).not.toContainText("Invited");
  await expect(staff.getByRole("list", { name: "Door staff", exact: true }).getByRole("listitem").filter({ hasText: staffEmail })).toContainText(
    "Sam Sterling",
  );
  await expect(invitation).toContainText("Accepted");
});
