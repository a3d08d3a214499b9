// Load against the running server with autocannon. A run with any non-2xx answer or
// connection error is not a measurement: it throws, with the status counts and the first
// failing body, so a broken setup can never pass for a slow one.
import autocannon from "autocannon";
import type { LoadFigures } from "./figures";

export interface HttpLoad {
  url: string;
  method: "POST" | "PUT" | "GET";
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** A fixed body for every request; or `nextBody` for one per request. */
  body?: string;
  /** The body of the next request (e.g. the next unused ticket code). */
  nextBody?: () => string;
  /** The body and headers of the next request (e.g. a new buyer from their own address). */
  nextRequest?: () => { body: string; headers: Record<string, string> };
}

export async function loadHttp(load: HttpLoad): Promise<LoadFigures> {
  let firstFailure: string | undefined;
  const result = await autocannon({
    url: load.url,
    method: load.method,
    headers: load.headers,
    body: load.body,
    connections: load.connections,
    duration: load.durationSeconds,
    requests: [
      {
        ...(load.nextBody && {
          setupRequest: (request: autocannon.Request) => ({ ...request, body: load.nextBody!() }),
        }),
        ...(load.nextRequest && {
          setupRequest: (request: autocannon.Request) => ({ ...request, ...load.nextRequest!() }),
        }),
        onResponse: (status: number, body: string) => {
          if (status >= 300 && firstFailure === undefined) firstFailure = `${status} ${body.slice(0, 500)}`;
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([status, { count }]) => `${status}: ${count}`)
      .join(", ");
    throw new Error(
      `${load.method} ${load.url} at ${load.connections} connections is not a valid measurement: ` +
        `${result.non2xx} non-2xx answers, ${result.errors} connection errors (${result.timeouts} timeouts); ` +
        `statuses { ${statuses} }; first failure: ${firstFailure ?? "none (connection errors only)"}`,
    );
  }
  return {
    connections: load.connections,
    requestsPerSecond: result["2xx"] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: result["2xx"],
    durationSeconds: result.duration,
  };
}
