// The door's search on a list of 10,000 guests: served by the trigram GIN index on
// EventGuest.search_text (EXPLAIN ANALYZE says so; the planner chooses it on its own, without
// `enable_seqscan = off`), and fast.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { assignStaff, createEvent } from "../../../prisma/factories";
import { matchDoorList } from "../../db/sql/checkin";
import { Prisma } from "../../generated/prisma/client";
import { Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor } from "../../testing/events";
import { fullNameOf, guestSearchText, searchTerms } from "../guests/normalize";
import { newTicketCode } from "../guests/ticket-code";
import { searchDoorList } from "./search";

const db = useTestDb();

const GUESTS = 10_000;
const FIRST = [
  "Anna",
  "Ben",
  "Chloé",
  "David",
  "Elif",
  "Farah",
  "Gustav",
  "Hana",
  "Ivan",
  "Jonas",
  "Kemal",
  "Lena",
  "Mika",
  "Nora",
  "Oskar",
  "Paula",
];
const LAST = ["Schmidt", "Novak", "García", "Kowalski", "Yılmaz", "Berg", "Rossi", "Dubois", "Jansen", "Nieminen", "Horvat", "Silva"];
const SYLLABLES = ["ka", "ro", "mi", "tesh", "lun", "vor", "bel", "dra", "qui", "zen", "pho", "gar", "ux", "ile"];

/** A varied, deterministic name: real first and last names with made-up syllables mixed in. */
function nameOf(i: number) {
  const s = (n: number) => SYLLABLES[(i * 7 + n * 13 + Math.floor(i / (n + 3))) % SYLLABLES.length]!;
  return {
    firstName: `${FIRST[i % FIRST.length]}${s(1)}`,
    lastName: `${LAST[(i * 5) % LAST.length]}${s(2)}${s(3)}${i}`,
    phoneNumber: `+49151${String(10_000_000 + i * 37).padStart(8, "0")}`,
  };
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

let eventId: string;
let staff: Awaited<ReturnType<typeof actorFor>>;

beforeAll(async () => {
  const curator = await actorFor(db, Role.CURATOR);
  staff = await actorFor(db, Role.STAFF);
  const { event } = await createEvent(db, { curatorId: curator.userId });
  eventId = event.id;
  await assignStaff(db, { eventId, userId: staff.userId });
  const rows = Array.from({ length: GUESTS }, (_, i) => {
    const person = i === 4242 ? { firstName: "Zoë", lastName: "Müller", phoneNumber: "+4915123456789" } : nameOf(i);
    const fullName = fullNameOf(person.firstName, person.lastName);
    return {
      id: randomUUID(),
      userId: curator.userId,
      ...person,
      fullName,
      searchText: guestSearchText({ fullName, phoneNumber: person.phoneNumber }),
    };
  });
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await db.eventGuest.createMany({ data: chunk });
    await db.eventGuestToEvent.createMany({ data: chunk.map((g) => ({ eventId, guestId: g.id, ticketCode: newTicketCode() })) });
  }
  // What autovacuum does after a bulk load: statistics for the planner, and the GIN index's
  // pending list (where fast-update GIN indexes park new entries) merged into the index. Until
  // then the planner rightly prices the index higher than a 240-page table scan.
  await db.$executeRaw`VACUUM ANALYZE "EventGuest"`;
  await db.$executeRaw`VACUUM ANALYZE "EventGuestToEvent"`;
}, 120_000);

async function explain(query: string) {
  const sql = matchDoorList({ eventId, terms: searchTerms(query), limit: 20 });
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }[]>(
    Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
  );
  const text = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`);
  const [result] = row!["QUERY PLAN"];
  return { plan: result.Plan, ms: result["Execution Time"], text: text.map((r) => r["QUERY PLAN"]).join("\n") };
}

describe(`door search on a list of ${GUESTS} guests`, () => {
  it.each(["muller", "Zoë Mül", "0151 2345 6789"])("uses the trigram index for %j, not a table scan", async (query) => {
    const { plan, ms, text } = await explain(query);
    console.log(`EXPLAIN ANALYZE for ${JSON.stringify(query)} (${ms.toFixed(2)} ms):\n${text}`);
    const all = nodes(plan);
    expect(
      all.some((n) => n["Index Name"] === "EventGuest_search_text_idx"),
      text,
    ).toBe(true);
    expect(
      all.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "EventGuest"),
      text,
    ).toEqual([]);
    expect(ms).toBeLessThan(50);
  });

  it("answers through the service in milliseconds", async () => {
    const started = performance.now();
    const { guests } = await searchDoorList(db, staff, { eventId, query: "zoe muller", limit: 20 });
    const elapsed = performance.now() - started;
    console.log(`searchDoorList("zoe muller") over ${GUESTS} guests: ${elapsed.toFixed(1)} ms`);
    expect(guests.map((g) => g.fullName)).toEqual(["Zoë Müller"]);
    expect(elapsed).toBeLessThan(500);
    expect((await searchDoorList(db, staff, { eventId, query: "+49 151 23456789", limit: 20 })).guests).toHaveLength(1);
  });
});
