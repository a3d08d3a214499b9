import { createServer, type Socket } from "node:net";
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

  it("answers 503 after 3 s when the database takes the connection and never answers, and leaves no timer behind an answer", async () => {
    // A stand-in for a hung database: it accepts connections and says nothing.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const hung = createDb(`postgresql://postgres@127.0.0.1:${port}/marquee`, { max: 1 });
    const started = Date.now();
    const response = await checkHealth(hung);
    expect([response.status, Date.now() - started >= 3_000]).toEqual([503, true]);
    expect((await response.json()).detail).toBe("Database unreachable: no answer within 3000 ms");
    for (const socket of sockets) socket.destroy();
    silent.close();
    void hung.$disconnect().catch(() => undefined);

    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
    const before = timers();
    const database = useTestDb();
    for (let i = 0; i < 20; i++) expect((await checkHealth(database)).status).toBe(200);
    expect(timers()).toBeLessThan(before + 20);
  });
});
