// Shared by the specs that call the REST API: a partner's API key, and checks of JSON and problem+json answers.
import { execFileSync } from "node:child_process";
import { expect, type APIResponse } from "@playwright/test";

/** A fresh API key as a partner gets one: the command's last line of stdout. */
export function apiKeyFor(email: string): string {
  const stdout = execFileSync("npx", ["tsx", "scripts/api-key.ts", email], { encoding: "utf8", env: process.env });
  const key = stdout.trim().split("\n").at(-1) ?? "";
  expect(key).toMatch(/^mq_/);
  return key;
}

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** The JSON body of an answer that must have `status` (the body is the message when it has not). */
export async function json(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

export async function problem(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:marquee:problem:/), detail: expect.any(String) });
  return body;
}
