// A local stand-in for a Shopify store's Admin GraphQL endpoint, for tests: a node:http server
// on 127.0.0.1 (random port) that records every request and answers `productSet` the way
// Shopify does, keeping a tiny store in memory (products by id and handle, variants with ids;
// upsert by identifier; variants left out are deleted; each variant's "available" inventory at
// the store's one location), and the `location { id }` query (the primary location). Tests can
// queue other answers for the next productSet first: THROTTLED, userErrors, HTTP errors.
//
// The Admin API client always calls https://<store>/admin/api/<version>/graphql.json; the
// stand-in's `fetchApi` (the client's official `customFetchApi` option) sends that request to
// this server instead, over plain HTTP, and remembers the URL the client asked for.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ShopifyFetchApi } from "../push";

/** Added by `fetchApi`: the URL the client asked for, before it was sent here. */
const REQUESTED_URL_HEADER = "x-stand-in-requested-url";

export interface ReceivedRequest {
  /** The URL the client meant to call (on the store's own domain). */
  url: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { query: string; variables: Record<string, any> };
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface StoredVariant {
  id: string;
  optionValue: string;
  price: string;
  sku: string | null;
  /** "available" at the location, once set (tracked inventory). */
  available: number | null;
}

/** The store's one (primary) location. */
export const STAND_IN_LOCATION_ID = "gid://shopify/Location/1";

interface StoredProduct {
  id: string;
  handle: string;
  title: string;
  status: string;
  variants: StoredVariant[];
}

const COST = (requested: number, available: number) => ({
  cost: {
    requestedQueryCost: requested,
    actualQueryCost: requested,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
  },
});

/** Shopify's answer to a request over the cost bucket: HTTP 200, errors[0] THROTTLED. */
export function throttledReply({ requested, available, restoreRate }: { requested: number; available: number; restoreRate: number }): Reply {
  return {
    status: 200,
    body: {
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: requested,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate },
        },
      },
    },
  };
}

export function userErrorsReply(userErrors: { field: string[] | null; message: string; code: string | null }[]): Reply {
  return { status: 200, body: { data: { productSet: { product: null, userErrors } }, extensions: COST(12, 1988) } };
}

export function httpErrorReply(status: number): Reply {
  return { status, body: { errors: "Service Unavailable" } };
}

export class ShopifyStandIn {
  readonly requests: ReceivedRequest[] = [];
  /** The productSet requests among them (a push first asks for the location). */
  get productSets(): ReceivedRequest[] {
    return this.requests.filter((request) => /\bproductSet\s*\(/.test(request.body.query ?? ""));
  }
  /** The store's products, as the stand-in's Shopify holds them. */
  readonly products = new Map<string, StoredProduct>();
  private readonly queued: Reply[] = [];
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<ShopifyStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new ShopifyStandIn(server, `http://127.0.0.1:${port}`);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const reply = standIn.handle({
          url: String(req.headers[REQUESTED_URL_HEADER] ?? ""),
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
        });
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
      });
    });
    return standIn;
  }

  /** For PushOptions.fetchApi: the client's request, sent here instead of to the store. */
  readonly fetchApi: ShopifyFetchApi = (url, init) => {
    const target = new URL(url);
    const headers = { ...(init?.headers as Record<string, string> | undefined), [REQUESTED_URL_HEADER]: url };
    return fetch(`${this.origin}${target.pathname}${target.search}`, { ...init, headers });
  };

  /** Answers the next request with `reply` instead of serving it (first queued, first used). */
  enqueue(...replies: Reply[]): void {
    this.queued.push(...replies);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** The "available" inventory of the variant whose sku (our variant id) is `sku`, in any product. */
  inventoryOf(sku: string): number | null | undefined {
    for (const product of this.products.values()) {
      const variant = product.variants.find((v) => v.sku === sku);
      if (variant) return variant.available;
    }
    return undefined;
  }

  private handle(request: ReceivedRequest): Reply {
    this.requests.push(request);
    const isLocationQuery = /^\s*(#graphql\s*)?query\b[^{]*\{\s*location\s*\{/.test(request.body.query ?? "");
    const queued = isLocationQuery ? undefined : this.queued.shift();
    if (queued) return queued;
    if (request.method !== "POST" || !/^\/admin\/api\/[^/]+\/graphql\.json$/.test(request.path)) {
      return { status: 404, body: { errors: "Not Found" } };
    }
    if (!request.headers["x-shopify-access-token"]) {
      return { status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } };
    }
    if (isLocationQuery) return { status: 200, body: { data: { location: { id: STAND_IN_LOCATION_ID } }, extensions: COST(1, 1999) } };
    if (!/\bproductSet\s*\(/.test(request.body.query)) {
      return { status: 200, body: { errors: [{ message: "The stand-in serves productSet only" }] } };
    }
    return this.productSet(request.body.variables);
  }

  /** productSet(identifier, input, synchronous: true), as far as Marquee uses it. */
  private productSet(variables: Record<string, any>): Reply {
    const { identifier = {}, input } = variables;
    let product: StoredProduct | undefined;
    if (identifier.id) {
      product = this.products.get(identifier.id);
      if (!product) {
        return userErrorsReply([{ field: ["identifier", "id"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }]);
      }
    } else if (identifier.handle) {
      product = [...this.products.values()].find((p) => p.handle === identifier.handle);
    }
    if (!product) {
      product = {
        id: `gid://shopify/Product/${this.nextId++}`,
        handle: input.handle ?? identifier.handle ?? `product-${this.nextId}`,
        title: input.title,
        status: input.status ?? "ACTIVE",
        variants: [],
      };
      this.products.set(product.id, product);
    }
    const variants: StoredVariant[] = [];
    for (const [index, v] of (input.variants ?? []).entries()) {
      const optionValue = v.optionValues?.[0]?.name;
      if (v.id && !product.variants.some((existing) => existing.id === v.id)) {
        return userErrorsReply([
          { field: ["input", "variants", String(index), "id"], message: "Product variant does not exist", code: "PRODUCT_VARIANT_DOES_NOT_EXIST" },
        ]);
      }
      const previous = product.variants.find((existing) => existing.id === v.id);
      const available = (v.inventoryQuantities ?? []).find(
        (q: { locationId: string; name: string }) => q.locationId === STAND_IN_LOCATION_ID && q.name === "available",
      );
      if ((v.inventoryQuantities ?? []).some((q: { locationId: string }) => q.locationId !== STAND_IN_LOCATION_ID)) {
        return userErrorsReply([
          { field: ["input", "variants", String(index), "inventoryQuantities"], message: "Location not found", code: "LOCATION_NOT_FOUND" },
        ]);
      }
      variants.push({
        id: v.id ?? `gid://shopify/ProductVariant/${this.nextId++}`,
        optionValue,
        price: v.price,
        sku: v.sku ?? null,
        available: available ? Number(available.quantity) : (previous?.available ?? null),
      });
    }
    // A list field is replaced: variants not in the input are deleted.
    Object.assign(product, { title: input.title ?? product.title, status: input.status ?? product.status, variants });
    return {
      status: 200,
      body: {
        data: {
          productSet: {
            product: {
              id: product.id,
              variants: {
                nodes: variants.map((v) => ({
                  id: v.id,
                  sku: v.sku,
                  selectedOptions: [{ name: "Ticket", value: v.optionValue }],
                })),
              },
            },
            userErrors: [],
          },
        },
        extensions: COST(12, 1988),
      },
    };
  }
}
