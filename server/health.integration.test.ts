import { describe, expect, it } from "vitest";
import { createDb } from "./db/client";
import { checkHealth } from "./health";
import { useTestDb } from "./testing/db";

describe("GET /api/health", () => {
  it("answers 200 when the database answers", async () => {
    const response = await checkHealth(useTestDb());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "up" } });
  });

  it("answers 503 problem+json saying why when the database cannot be reached", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const unreachable = createDb("postgresql://postgres@127.0.0.1:1/marquee", { max: 1 });
    const response = await checkHealth(unreachable);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("5");
    const body = await response.json();
    expect(body).toMatchObject({ status: 503, code: "UNAVAILABLE" });
    expect(body.detail).toMatch(/^Database unreachable: .+/);
    await unreachable.$disconnect();
  });
});
