// fast-check arbitraries for fuzzing the REST routes: request bodies derived from the routes'
// zod schemas (through their JSON Schema, as the OpenAPI document describes them), the same
// bodies with one to three things broken, and what arrives on the wire besides JSON.
import fc from "fast-check";
import { z } from "zod";

/** The subset of JSON Schema that `z.toJSONSchema` writes for our request schemas. */
export interface JsonSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Values worth mixing into generated fields so that more requests get past validation. */
export interface FuzzHints {
  /** Ids of rows that exist (the caller's event, post, guests ...), tried next to random UUIDs. */
  ids: string[];
  /** Plausible values of string fields by name (`timezone`, `src`, `email` ...), tried most often. */
  fields: Record<string, string[]>;
  /** Plausible strings for other unconstrained fields. */
  strings: string[];
}

/** Dates are ISO strings on the wire; zod cannot say so in JSON Schema by itself. */
const unrepresentable: z.core.UnrepresentableHandler = ({ zodSchema }) =>
  zodSchema._zod.def.type === "date" ? { type: "string", format: "date-time" } : "throw";

/** A zod schema's input side as JSON Schema: what a caller is meant to send. */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable }) as JsonSchema;
}

/** Strings of every kind: ASCII, any grapheme, and any code point (NUL and lone surrogates too). */
export const anyText = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc.oneof(
    fc.string({ ...constraints, unit: "grapheme-ascii" }),
    fc.string({ ...constraints, unit: "grapheme" }),
    fc.string({ ...constraints, unit: "binary" }),
  );

/** A date's ISO form with Z or an offset (years outside 0000 to 9999 come out as +YYYYYY or -YYYYYY). */
const isoAt = (dates: fc.Arbitrary<Date>) =>
  fc.tuple(dates, fc.constantFrom("Z", "+00:00", "+01:00", "-09:30", "+14:00")).map(([date, offset]) => date.toISOString().replace(/Z$/, offset));

const between = (min: string, max: string) => fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });

/**
 * Dates no column can store: year 0000 (and year 1 or 9999 pushed past the edge by an offset),
 * five- and six-digit and negative years up to JavaScript's limits (±275760), and text that
 * is no date at all.
 */
export const outOfRangeDateTime: fc.Arbitrary<string> = fc.oneof(
  // Four-digit years: these look right to a format check, so they reach the database unless refused.
  { arbitrary: isoAt(between("0000-01-01T00:00:00Z", "0001-01-01T23:59:59Z")), weight: 3 },
  { arbitrary: isoAt(between("9999-12-31T00:00:00Z", "9999-12-31T23:59:59Z")), weight: 3 },
  { arbitrary: isoAt(between("+010000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z")), weight: 1 },
  { arbitrary: isoAt(between("-271821-04-20T00:00:00Z", "-000001-12-31T23:59:59Z")), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      "0000-01-01T00:00:00Z",
      "10000-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "-275760-09-13T00:00:00Z",
      "+275760-09-13T00:00:00.001Z",
      "-000001-01-01T00:00:00Z",
      "Invalid Date",
      "NaN",
    ),
    weight: 2,
  },
);

/** Dates a caller sends: mostly soon, any year 0000 to 9999, and now and then one no column can store. */
const isoDateTime = fc.oneof(
  { arbitrary: isoAt(between("2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z")), weight: 3 },
  { arbitrary: isoAt(between("0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z")), weight: 1 },
  { arbitrary: outOfRangeDateTime, weight: 1 },
);

/** Values that satisfy (or nearly satisfy) `schema`: the "valid-ish" requests. */
export function arbitraryFromJsonSchema(schema: JsonSchema, hints: FuzzHints, field = ""): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFromJsonSchema(s, hints, field)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "object": {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [key, arbitraryFromJsonSchema(property, hints, key)]),
      );
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    case "array":
      // A few items are enough to reach the code behind the list; mutations try long lists.
      return fc.array(arbitraryFromJsonSchema(schema.items ?? {}, hints, field), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case "string":
      return stringFor(schema, hints, field);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 });
    case "number":
      return fc.double({ min: schema.minimum, max: schema.maximum, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema, hints: FuzzHints, field: string): fc.Arbitrary<string> {
  const length = { minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 60 };
  const fits = (s: string) => s.length >= length.minLength && s.length <= length.maxLength;
  if (schema.format === "uuid") return fc.oneof(fc.constantFrom(...hints.ids), fc.uuid());
  if (schema.format === "date-time") return isoDateTime;
  const any = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern)).filter(fits)
    : anyText({ minLength: length.minLength, maxLength: Math.min(length.maxLength, 60) });
  const plausible = (hints.fields[field] ?? (schema.pattern ? [] : hints.strings)).filter(fits);
  return plausible.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...plausible), weight: 9 }, { arbitrary: any, weight: 1 }) : any;
}

/** `depth` arrays or objects inside each other (JSON.parse takes it; recursive code may not). */
export function deeplyNested(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "{}" + "}".repeat(depth);
}

/** Replacements that break a field: wrong types, edges of ranges, odd text, huge and deep values. */
const brokenValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER),
  fc.constantFrom("", " ", "\u0000", "null", "NaN", "\ud800", "\u202e", '\'; DROP TABLE "Event"; --', "../../etc/passwd"),
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999+14:00",
    "2026-02-30T00:00:00Z",
    "2026-13-01T00:00:00+01:00",
    "2026-06-01T25:00:00Z",
    "2026-06-01",
  ),
  outOfRangeDateTime,
  fc.constantFrom("__proto__", "constructor", "toString"),
  fc.integer(),
  fc.double(),
  anyText({ maxLength: 300 }),
  fc.nat({ max: 3 }).map((n) => "x".repeat(10 ** (n + 3))),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant([]),
  fc.constant({}),
  // Deeper ones are sent as text (see deeplyNested): fast-check cannot print a 10,000-deep value.
  fc.constantFrom(JSON.parse(deeplyNested(100, "array")), JSON.parse(deeplyNested(100, "object"))),
);

/** Keys a strict schema must refuse, prototype-polluting ones included. */
const unknownKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "id", "curatorId", "version", "status", "userId", ""),
  anyText({ maxLength: 20 }),
);

type Mutation =
  | { kind: "drop"; at: number; pick: number }
  | { kind: "replace"; at: number; pick: number; value: unknown }
  | { kind: "add"; at: number; key: string; value: unknown }
  | { kind: "retype"; at: number; pick: number; as: "string" | "array" | "number" };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), pick: fc.nat(), value: brokenValue }),
  fc.record({ kind: fc.constant("add" as const), at: fc.nat(), key: unknownKey, value: brokenValue }),
  fc.record({
    kind: fc.constant("retype" as const),
    at: fc.nat(),
    pick: fc.nat(),
    as: fc.constantFrom("string" as const, "array" as const, "number" as const),
  }),
);

/** Every object and array inside `value`, itself first. */
function containers(value: unknown, found: (Record<string, unknown> | unknown[])[] = []) {
  if (value && typeof value === "object") {
    found.push(value as Record<string, unknown> | unknown[]);
    for (const child of Object.values(value)) containers(child, found);
  }
  return found;
}

function apply(value: unknown, change: Mutation): unknown {
  const targets = containers(value);
  if (targets.length === 0) return change.kind === "add" ? { [change.key]: change.value } : brokenValueFor(change, value);
  const target = targets[change.at % targets.length]!;
  if (change.kind === "add") {
    // A named member of an array never reaches JSON (and `length` cannot be redefined): add an item.
    if (Array.isArray(target)) {
      target.push(change.value);
      return value;
    }
    // defineProperty: `target.__proto__ = x` would set the prototype, not a member JSON can carry.
    Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
    return value;
  }
  const keys = Object.keys(target);
  if (keys.length === 0) return value;
  const key = keys[change.pick % keys.length]!;
  const record = target as Record<string, unknown>;
  if (change.kind === "drop") {
    // By hand: `splice` would call the array's `constructor`, which an earlier "add" may have replaced.
    if (Array.isArray(target) && /^\d+$/.test(key)) {
      for (let i = Number(key); i < target.length - 1; i++) target[i] = target[i + 1];
      target.length -= 1;
    } else delete record[key];
  } else {
    record[key] = brokenValueFor(change, record[key]);
  }
  return value;
}

function brokenValueFor(change: Mutation, current: unknown): unknown {
  if (change.kind === "replace") return change.value;
  if (change.kind === "retype") {
    if (change.as === "string") return JSON.stringify(current ?? null);
    if (change.as === "array") return [current];
    return typeof current === "string" ? current.length : Number.NaN; // NaN becomes null in JSON
  }
  return undefined;
}

/** `valid` with one to three fields dropped, replaced, retyped or added. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, changes]) => changes.reduce((v, change) => apply(structuredClone(v), change), value));
}

/** Content types a client may send with a body: JSON ones, and what an HTML form or a script sends. */
export const contentTypes = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/vnd.api+json",
  "application/jsonx",
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----fuzz",
  "application/octet-stream",
  "text/html",
  "",
  null,
);

/** Request bodies as raw text: JSON or not, truncated, with a BOM, of any characters. */
export const rawBodyText = fc.oneof(
  anyText({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 4 }).chain((v) => {
    const text = JSON.stringify(v) ?? "null";
    return fc.nat({ max: text.length }).map((n) => text.slice(0, n));
  }),
  fc.constantFrom("", "{", "}", "[", "{}", "[]", "null", "0", '""', "\uFEFF{}", "{'a':1}", '{"a":1,}', "NaN", "undefined"),
  fc.constantFrom("title=x&venue=y", '------fuzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n------fuzz--\r\n'),
);

/** Header values a client can send (Latin-1, no line breaks): idempotency keys, bearer keys. */
export const headerText = fc
  .string({ maxLength: 300, unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) })
  .map((s) => s.trim());
