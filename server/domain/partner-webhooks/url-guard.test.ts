import { describe, expect, it } from "vitest";
import { isPrivateAddress, refuseUrlItself } from "./url-guard";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::",
    "::1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:a00:1",
    "64:ff9b::a00:1",
    "[::1]",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.216.34"])("lets %s through", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("refuseUrlItself", () => {
  const strict = { allowPrivate: false, requireHttps: true };
  it("refuses plain http in production, and allows it when private URLs are allowed", () => {
    expect(refuseUrlItself(new URL("http://partner.example/x"), strict)).toMatch(/https/);
    expect(refuseUrlItself(new URL("http://partner.example/x"), { allowPrivate: false, requireHttps: false })).toBeNull();
    expect(refuseUrlItself(new URL("http://127.0.0.1:8080/x"), { allowPrivate: true, requireHttps: true })).toBeNull();
  });
});
