// Demo data, so the first screen after `npm run dev` is alive: a curator with a night in
// progress at the door, shows coming up in three time zones, a past one, posts, guests.
// Run directly (`npm run db:seed`) or call seedDemoData from code; running it twice is safe.
import { pathToFileURL } from "node:url";
import { createDb, type Db } from "../server/db/client";
import { Prisma } from "../server/generated/prisma/client";
import { EventStatus, Role } from "../server/generated/prisma/enums";
import { assignStaff, createEvent, createGuest, createGuestGroup, createPostFromEvent, createUser, inviteGuest } from "./factories";

export const DEMO_CURATOR_EMAIL = "curator@marquee.test";

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

function utcOffsetMs(timeZone: string, at: Date): number {
  const zoneName = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zoneName ?? "");
  if (!match) return 0; // "GMT" alone: the zone is at UTC+0
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3])) * MINUTE_MS;
}

/** The instant when clocks in `timeZone` show hour:minute, `days` from today there. */
function wallClock(timeZone: string, days: number, hour: number, minute = 0): Date {
  const today = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(new Date());
  const part = (type: string) => Number(today.find((p) => p.type === type)?.value);
  const asIfUtc = Date.UTC(part("year"), part("month") - 1, part("day") + days, hour, minute);
  return new Date(asIfUtc - utcOffsetMs(timeZone, new Date(asIfUtc)));
}

const GUEST_BOOK = [
  { firstName: "Zoë", lastName: "Müller", email: "zoe.mueller@example.com", phoneNumber: "+4915123456789" },
  { firstName: "José", lastName: "Álvarez", email: "jose.alvarez@example.com" },
  { firstName: "Aoife", lastName: "Ní Bhriain", email: "aoife.nibhriain@example.com" },
  { firstName: "Łukasz", lastName: "Wiśniewski", phoneNumber: "+48501234567" },
  { firstName: "Chloé", lastName: "Dubois", email: "chloe.dubois@example.com" },
  { firstName: "Søren", lastName: "Nørgaard", email: "soren.norgaard@example.com" },
  { firstName: "Sigrún", lastName: "Jónsdóttir" },
  { firstName: "Mateus", lastName: "Gonçalves", email: "mateus.goncalves@example.com", phoneNumber: "+5511912345678" },
  { firstName: "Ayşe", lastName: "Yılmaz", email: "ayse.yilmaz@example.com" },
  { firstName: "Lan", lastName: "Nguyễn", email: "lan.nguyen@example.com" },
  { firstName: "Kwame", lastName: "Mensah", phoneNumber: "+233241234567" },
  { firstName: "Yuki", lastName: "Tanaka", email: "yuki.tanaka@example.com" },
  { firstName: "Arjun", lastName: "Mehta", email: "arjun.mehta@example.com" },
];

export async function seedDemoData(db: Db): Promise<{ created: boolean }> {
  let curator;
  try {
    curator = await createUser(db, { role: Role.CURATOR, email: DEMO_CURATOR_EMAIL, name: "Camille Curator" });
  } catch (error) {
    // Creating the demo curator is the seed's claim: a repeated or concurrent run stops here.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { created: false };
    }
    throw error;
  }
  const promoter = await createUser(db, { role: Role.PROMOTER, email: "promoter@marquee.test", name: "Priya Promoter" });
  const steward = await createUser(db, { role: Role.STAFF, email: "staff@marquee.test", name: "Sam Steward" });
  await createUser(db, { role: Role.ADMIN, email: "admin@marquee.test", name: "Ada Admin" });
  const otherCurator = await createUser(db, { role: Role.CURATOR, email: "curator2@marquee.test", name: "Colin Curator" });

  // Doors opened an hour ago, so the door page has a live night with guests already in.
  const doorsOpen = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
  const neonNights = await createEvent(db, {
    curatorId: curator.id,
    title: "Neon Nights: Warehouse Sessions",
    startDate: doorsOpen,
    endDate: new Date(doorsOpen.getTime() + 7 * HOUR_MS),
    timezone: "Europe/Berlin",
    venue: "Halle Süd",
    location: "Revaler Straße 99, 10245 Berlin",
    posters: [{ src: "/demo/neon-nights.svg" }],
    lineups: [
      { title: "DJ Kaiserin", introduction: "Berlin techno royalty: six hours of hypnotic, relentless groove.", isHeadliner: true },
      { title: "Mira Okafor", introduction: "Afro-house and broken beat, from Lagos by way of Kreuzberg." },
      { title: "Tomás Reyes b2b Lena Vogt", introduction: "Two residents, one booth, no plan." },
    ],
    tickets: [
      { name: "Early bird", price: 1500, currency: "EUR", quantity: 150 },
      { name: "General admission", price: 2500, currency: "EUR", quantity: 400 },
      { name: "VIP", price: 6000, currency: "EUR", quantity: 40 },
    ],
  });

  const marlow = await createEvent(db, {
    curatorId: curator.id,
    title: "Marlow & The Tides — Live",
    startDate: wallClock("Europe/London", 9, 19, 30),
    endDate: wallClock("Europe/London", 9, 23, 0),
    timezone: "Europe/London",
    venue: "The Lantern Rooms",
    location: "12 Chalk Farm Road, London NW1 8AB",
    posters: [{ src: "/demo/marlow-and-the-tides.svg" }],
    lineups: [
      { title: "Marlow & The Tides", introduction: "Sea-shanty soul from Brighton, touring their second album.", isHeadliner: true },
      { title: "Juniper Hale", introduction: "A folk songwriter with a loop pedal and a lot of feelings." },
    ],
    tickets: [
      { name: "Early bird", price: 1800, currency: "GBP", quantity: 100 },
      { name: "Standing", price: 2800, currency: "GBP", quantity: 300 },
      { name: "Balcony seat", price: 4500, currency: "GBP", quantity: 60 },
    ],
  });

  await createEvent(db, {
    curatorId: curator.id,
    title: "Sunset Rooftop Sessions",
    startDate: wallClock("America/New_York", 19, 17, 0),
    endDate: wallClock("America/New_York", 19, 23, 0),
    timezone: "America/New_York",
    venue: "Skyline Terrace",
    location: "450 W 33rd St, Rooftop, New York, NY 10001",
    // A secret rooftop: the address goes out to guests the day before.
    isAddressRevealEnabled: true,
    addressRevealConfig: { hoursBeforeStart: 24 },
    posters: [{ src: "/demo/sunset-rooftop.svg" }],
    lineups: [
      { title: "Solene", introduction: "Balearic disco and golden-hour edits.", isHeadliner: true },
      { title: "Kofi Asante", introduction: "Highlife grooves and deep house." },
      { title: "Bea Santos", introduction: "Brazilian boogie, vinyl only." },
    ],
    tickets: [
      { name: "Early bird", price: 2000, currency: "USD", quantity: 80 },
      { name: "General admission", price: 3500, currency: "USD", quantity: 220 },
      { name: "VIP terrace", price: 7500, currency: "USD", quantity: 30 },
    ],
  });

  await createEvent(db, {
    curatorId: curator.id,
    title: "Afterglow: The Closing Party",
    status: EventStatus.COMPLETED,
    startDate: wallClock("Europe/Berlin", -28, 22, 0),
    endDate: wallClock("Europe/Berlin", -27, 6, 0),
    timezone: "Europe/Berlin",
    venue: "Kantine am Kanal",
    location: "Schlesische Straße 38, 10997 Berlin",
    posters: [{ src: "/demo/afterglow.svg" }],
    lineups: [
      { title: "Nova Reyes", introduction: "Closing the season with an all-night set.", isHeadliner: true },
      { title: "Felix Brandt", introduction: "Warm-up with deep, dubby house." },
    ],
    tickets: [
      { name: "General admission", price: 2000, currency: "EUR", quantity: 250 },
      { name: "VIP", price: 4500, currency: "EUR", quantity: 30 },
    ],
  });

  // Another curator's event: what cross-tenant checks must keep out of Camille's reach.
  await createEvent(db, {
    curatorId: otherCurator.id,
    title: "Hafen Open Air",
    startDate: wallClock("Europe/Berlin", 14, 14, 0),
    endDate: wallClock("Europe/Berlin", 14, 22, 0),
    timezone: "Europe/Berlin",
    venue: "Elbstrand Pier 3",
    location: "Große Elbstraße 212, 22767 Hamburg",
    posters: [{ src: "/demo/hafen-open-air.svg" }],
    lineups: [
      { title: "Hafenkind", introduction: "Melodic techno by the water.", isHeadliner: true },
      { title: "Ines Duarte", introduction: "Sunny Lisbon house." },
    ],
    tickets: [
      { name: "Day ticket", price: 3200, currency: "EUR", quantity: 1500 },
      { name: "VIP deck", price: 7000, currency: "EUR", quantity: 100 },
    ],
  });

  await createPostFromEvent(db, {
    eventId: neonNights.event.id,
    creatorId: promoter.id,
    caption: "Last few tickets for tonight. See you on the floor 🪩",
  });
  // A promoter who froze their post keeps their own version when the event changes.
  await createPostFromEvent(db, {
    eventId: marlow.event.id,
    creatorId: promoter.id,
    caption: "Front row for Marlow & The Tides. Who's coming? 🌊",
    syncEnabled: false,
  });

  const guests = await Promise.all(GUEST_BOOK.map((entry) => createGuest(db, { userId: curator.id, ...entry })));
  const byName = (firstName: string) => {
    const guest = guests.find((g) => g.firstName === firstName);
    if (!guest) throw new Error(`no demo guest named ${firstName}`);
    return guest;
  };
  const friends = ["Zoë", "José", "Chloé", "Søren", "Mateus"].map(byName);
  const press = ["Aoife", "Yuki", "Arjun"].map(byName);
  await createGuestGroup(db, { userId: curator.id, name: "Friends of the house", guestIds: friends.map((g) => g.id) });
  await createGuestGroup(db, { userId: curator.id, name: "Press & industry", guestIds: press.map((g) => g.id) });

  await assignStaff(db, { eventId: neonNights.event.id, userId: steward.id });
  const admittedAfterMinutes = new Map([
    ["Zoë", 18],
    ["José", 31],
  ]);
  for (const guest of [...friends, ...press, byName("Łukasz"), byName("Ayşe")]) {
    const minutes = admittedAfterMinutes.get(guest.firstName);
    await inviteGuest(db, {
      eventId: neonNights.event.id,
      guestId: guest.id,
      checkedIn: minutes === undefined ? undefined : { by: steward.id, at: new Date(doorsOpen.getTime() + minutes * MINUTE_MS) },
    });
  }

  return { created: true };
}

// npm run db:seed: DATABASE_URL's database, or the embedded one (see scripts/lib/database.ts).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { withDatabase } = await import("../scripts/lib/database");
  await withDatabase(async (url) => {
    const db = createDb(url, { max: 2 });
    try {
      const { created } = await seedDemoData(db);
      console.log(
        created
          ? "demo data seeded: sign in as curator@, promoter@, staff@, admin@ or curator2@marquee.test"
          : `demo data already present (${DEMO_CURATOR_EMAIL} exists); nothing to do`,
      );
    } catch (error) {
      console.error(`seeding failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    } finally {
      await db.$disconnect();
    }
  });
}
