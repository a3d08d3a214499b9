// Validation messages for forms: the same zod issues the server would raise, phrased for the
// person at the form and keyed by the dotted field path ("tickets.0.price") the server uses in
// its own field errors, so both land next to the same field.
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** Field names as people say them, for messages that mention another field. */
const FIELD_WORDS: Record<string, string> = {
  startDate: "the start",
  endDate: "the end",
  isAddressRevealEnabled: "address reveal",
  isTaxEnabled: "tax",
  revealAt: "the reveal time",
  hoursBeforeStart: "the hours before the start",
};

function sentence(message: string): string {
  // Server messages are written for API callers: drop their JSON hints and name fields in words.
  const text = message
    .replace(/:\s*\{.*$/, "")
    .replace(/\s*\(.*\)$/, "")
    .replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) => FIELD_WORDS[word] ?? word)
    .replace(/ is true\b/, " is on");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** zod's own wording starts like this; anything else is a message a schema chose. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid|Unrecognized key|Expected)/;

export function friendlyIssueMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return sentence(issue.message);
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? "Required" : `Use at least ${min} characters`;
      if (issue.origin === "array") return `Add at least ${min}`;
      return `Must be at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `Use at most ${max} characters`;
      if (issue.origin === "array") return `At most ${max}`;
      return `Must be at most ${max.toLocaleString("en-GB")}`;
    }
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "Required" : "Enter a valid value";
    case "invalid_union":
      return "Choose one of the options";
    case "invalid_format":
      return "Enter a valid value";
    default:
      return sentence(issue.message);
  }
}

/** The first message for each field path. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".") || "(form)";
    errors[path] ??= friendlyIssueMessage(issue);
  }
  return errors;
}

/** What a failed tRPC call says: its message, and the per-field errors the server sent. */
export function readServerError(error: unknown): { message: string; fieldErrors: FieldErrors } {
  const data = (error as { data?: { fieldErrors?: { path: string; message: string }[] | null } } | null)?.data;
  const fieldErrors: FieldErrors = {};
  for (const { path, message } of data?.fieldErrors ?? []) fieldErrors[path] ??= sentence(message);
  const message = error instanceof Error && error.message ? error.message : "Something went wrong. Please try again.";
  return { message: friendlyTransportMessage(message), fieldErrors };
}

function friendlyTransportMessage(message: string): string {
  if (/fetch failed|Failed to fetch|NetworkError|Load failed/i.test(message)) {
    return "We couldn't reach Marquee. Check your connection and try again.";
  }
  return message;
}

/** The DOM id of the control for a field path ("tickets.0.price" -> "field-tickets-0-price"). */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
}
