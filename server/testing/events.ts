// Helpers for tests of the event lifecycle: actors of each role and request bodies as a
// caller sends them (ISO strings), parsed by the same zod schema as the transports.
import { randomUUID } from "node:crypto";
import { createUser } from "../../prisma/factories";
import type { Actor } from "../auth/actor";
import type { Db } from "../db/client";
import type { z } from "zod";
import { ZCreateEventInput, type TCreateEventInput } from "../domain/events/schema";
import type { Role } from "../generated/prisma/enums";

export async function actorFor(db: Db, role: Role): Promise<Actor> {
  const user = await createUser(db, { role });
  return { userId: user.id, role: user.role, name: user.name, email: user.email, via: "session" };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A create request as a caller sends it (before validation: dates are ISO strings). */
export type CreateEventBody = z.input<typeof ZCreateEventInput>;

/**
 * A POST /product-event/v2 body: unique title, venue, poster, lineup and ticket names, so a
 * test can find its own rows. Overrides may be invalid on purpose (typed as a body anyway).
 */
export function createEventBody(overrides: Record<string, unknown> = {}): CreateEventBody {
  const tag = randomUUID().slice(0, 8);
  const start = new Date(Date.now() + 10 * DAY_MS);
  return {
    title: `Night ${tag}`,
    startDate: start.toISOString(),
    endDate: new Date(start.getTime() + 6 * 60 * 60 * 1000).toISOString(),
    timezone: "Europe/Berlin",
    venue: `Club ${tag}`,
    location: "Revaler Straße 99, 10245 Berlin",
    poster: [{ src: `/posters/${tag}-1.png` }, { src: `/posters/${tag}-2.png` }],
    lineups: [
      { title: `Headliner ${tag}`, isHeadliner: true },
      { title: `Support ${tag}`, introduction: "Warm-up" },
    ],
    tickets: [
      { name: `GA ${tag}`, price: 2500, quantity: 300 },
      { name: `VIP ${tag}`, price: 6000, currency: "EUR", quantity: 40 },
    ],
    ...overrides,
  };
}

export function createEventInput(overrides: Record<string, unknown> = {}): TCreateEventInput {
  return ZCreateEventInput.parse(createEventBody(overrides));
}
