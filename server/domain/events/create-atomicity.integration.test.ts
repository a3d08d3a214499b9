// POST /product-event/v2 writes eight tables in one transaction. For every write step, a
// failure injected exactly there (the write refused, or the write done and the very next
// moment failing) must leave no row of the attempt in any of the eight tables.
//
// The failures are injected with a Prisma client extension around the domain's own client.
// Extensions do apply inside interactive transactions: the log of writes each test keeps
// proves that the steps before the failing one really ran in the transaction. One more
// test fails inside PostgreSQL itself (a trigger), not in JavaScript.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { Role } from "../../generated/prisma/enums";
import { useTestDb } from "../../testing/db";
import { actorFor, createEventInput } from "../../testing/events";
import type { TCreateEventInput } from "./schema";
import { createEvent } from "./create";

const db = useTestDb();

/** The writes of createEvent, in order: [model, operation]. */
const STEPS = [
  ["Event", "create"],
  ["EventMedia", "createMany"],
  ["EventLineup", "createMany"],
  ["Product", "create"],
  ["ProductVariant", "createManyAndReturn"],
  ["Post", "create"],
  ["PostMedia", "createManyAndReturn"],
  ["OutboxMessage", "create"],
] as const;

const WRITE = /^(create|update|delete|upsert)/;

class InjectedFailure extends Error {}

/** The domain's client, with a failure at one write step (`before` it runs, or `after`). */
function failingAt(model: string, operation: string, when: "before" | "after") {
  const writes: string[] = [];
  const client = db.$extends({
    query: {
      $allModels: {
        async $allOperations({ model: m, operation: op, args, query }) {
          if (!WRITE.test(op)) return query(args);
          const target = m === model && op === operation;
          if (target && when === "before") throw new InjectedFailure(`injected: ${m}.${op} refused`);
          const result = await query(args);
          writes.push(`${m}.${op}`);
          if (target) throw new InjectedFailure(`injected: failure right after ${m}.${op}`);
          return result;
        },
      },
    },
  }) as unknown as Db;
  return { client, writes };
}

/** Every row the attempt could have left, table by table, found by what is unique to it. */
async function leftovers(actor: Actor, input: TCreateEventInput) {
  const srcs = (input.poster ?? []).map((p) => p.src);
  const merchant = await db.merchant.findUniqueOrThrow({ where: { ownerId: actor.userId } });
  return {
    Event: await db.event.count({ where: { curatorId: actor.userId } }),
    EventMedia: await db.eventMedia.count({ where: { src: { in: srcs } } }),
    EventLineup: await db.eventLineup.count({ where: { title: { in: (input.lineups ?? []).map((l) => l.title) } } }),
    Product: await db.product.count({ where: { merchantId: merchant.id } }),
    ProductVariant: await db.productVariant.count({ where: { name: { in: input.tickets.map((t) => t.name) } } }),
    Post: await db.post.count({ where: { creatorId: actor.userId } }),
    PostMedia: await db.postMedia.count({ where: { src: { in: srcs } } }),
    OutboxMessage: await db.outboxMessage.count({ where: { payload: { path: ["curatorId"], equals: actor.userId } } }),
  };
}

const NONE = Object.fromEntries(STEPS.map(([model]) => [model, 0]));

describe("createEvent is one transaction", () => {
  it("writes exactly these eight steps when nothing fails (the list the tests below break one by one)", async () => {
    const actor = await actorFor(db, Role.CURATOR);
    const input = createEventInput();
    const { client, writes } = failingAt("none", "none", "before");
    await createEvent(client, actor, input);
    expect(writes).toEqual(STEPS.map(([m, op]) => `${m}.${op}`));
    expect(await leftovers(actor, input)).toEqual({
      Event: 1,
      EventMedia: 2,
      EventLineup: 2,
      Product: 1,
      ProductVariant: 2,
      Post: 1,
      PostMedia: 2,
      OutboxMessage: 1,
    });
  });

  for (const when of ["before", "after"] as const) {
    describe(when === "before" ? "when a write fails" : "when a failure follows a write", () => {
      STEPS.forEach(([model, operation], index) => {
        it(`${model}.${operation} (step ${index + 1}): no row of the attempt in any table`, async () => {
          const actor = await actorFor(db, Role.CURATOR);
          const input = createEventInput();
          const { client, writes } = failingAt(model, operation, when);

          await expect(createEvent(client, actor, input)).rejects.toBeInstanceOf(InjectedFailure);

          // The steps before (and, for "after", this one) really ran inside the transaction...
          const done = STEPS.slice(0, when === "before" ? index : index + 1).map(([m, op]) => `${m}.${op}`);
          expect(writes).toEqual(done);
          // ...and the rollback took all of them back.
          expect(await leftovers(actor, input)).toEqual(NONE);
        });
      });
    });
  }

  it("also rolls back when PostgreSQL itself refuses the last media row (a trigger)", async () => {
    const actor = await actorFor(db, Role.CURATOR);
    const input = createEventInput();
    const poisoned = input.poster![1]!.src;
    // The trigger fires for this test's poster only, and is dropped again whatever happens.
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_refuse_post_media() RETURNS trigger AS $$
      BEGIN
        IF NEW.src = '${poisoned}' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`
      CREATE TRIGGER test_refuse_post_media BEFORE INSERT ON "PostMedia"
      FOR EACH ROW EXECUTE FUNCTION test_refuse_post_media()`);
    try {
      await expect(createEvent(db, actor, input)).rejects.toThrow(/refused by test trigger/);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_refuse_post_media ON "PostMedia"`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_refuse_post_media()`);
    }
    expect(await leftovers(actor, input)).toEqual(NONE);
  });
});
