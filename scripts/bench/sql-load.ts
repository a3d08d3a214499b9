// The raw side of a load measurement: N `pg` clients, one connection each, each running the
// same unit of work back to back for the same duration as the autocannon run it is compared
// with. Any error fails the measurement, like a non-2xx answer on the HTTP side.
import pg from "pg";
import { percentile, type LoadFigures } from "./figures";

export interface SqlLoad {
  url: string;
  connections: number;
  durationSeconds: number;
  /** One unit of work (e.g. one create transaction); false: nothing left to do, stop this client. */
  work: (client: pg.Client) => Promise<boolean | void>;
}

/** Opens `count` connections; the caller ends them. */
export async function connectClients(url: string, count: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
}

export async function loadSql(load: SqlLoad): Promise<LoadFigures> {
  const clients = await connectClients(load.url, load.connections);
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + load.durationSeconds * 1000;
  let finished = started;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const more = await load.work(client);
          if (more === false) break;
          const t1 = performance.now();
          latencies.push(t1 - t0);
          finished = Math.max(finished, t1);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  latencies.sort((a, b) => a - b);
  const durationSeconds = (finished - started) / 1000;
  return {
    connections: load.connections,
    requestsPerSecond: latencies.length / durationSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    completed: latencies.length,
    durationSeconds,
  };
}

/** Runs `work` in one transaction on `client` (rolled back, and rethrown, on error). */
export async function inTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
