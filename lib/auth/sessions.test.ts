import { describe, expect, it } from "vitest";
import { sessionIsCurrent, withRevoked } from "./sessions";
import { delayAfter, gateFor, MAX_DELAY_SECONDS } from "./throttle";

describe("session checks", () => {
  const user = { sessionVersion: 3, revokedSessions: ["gone:9999999999"] };
  it("accepts a token of the current version that was not signed out", () => {
    expect(sessionIsCurrent(user, { sv: 3, sid: "live" })).toBe(true);
  });
  it("refuses an old version, a signed-out id, and tokens without the claims", () => {
    expect(sessionIsCurrent(user, { sv: 2, sid: "live" })).toBe(false);
    expect(sessionIsCurrent(user, { sv: 3, sid: "gone" })).toBe(false);
    expect(sessionIsCurrent(user, { sid: "live" })).toBe(false);
    expect(sessionIsCurrent(user, { sv: 3 })).toBe(false);
    expect(sessionIsCurrent(user, { sv: "3", sid: "live" })).toBe(false);
  });
  it("keeps the revoked list short: expired entries fall out", () => {
    const now = 1_000_000_000_000;
    const list = withRevoked(["old:100", "kept:2000000000"], "new", 1_900_000_000, now);
    expect(list).toEqual(["kept:2000000000", "new:1900000000"]);
  });
});

describe("throttle decisions", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  it("spaces attempts out progressively and caps the wait", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20].map(delayAfter)).toEqual([0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
    expect(MAX_DELAY_SECONDS).toBe(60);
  });
  it("opens, waits, challenges, or holds back only the failing address", () => {
    const base = { accountFailures: 0, lastAccountFailure: null, addressFailures: 0, oldestAddressFailure: null };
    expect(gateFor(base, now)).toEqual({ kind: "open" });
    expect(gateFor({ ...base, accountFailures: 5, lastAccountFailure: ago(1) }, now)).toEqual({ kind: "wait", retryAfter: 1 });
    expect(gateFor({ ...base, accountFailures: 5, lastAccountFailure: ago(2) }, now)).toEqual({ kind: "open" });
    expect(gateFor({ ...base, accountFailures: 10, lastAccountFailure: ago(60) }, now)).toEqual({ kind: "challenge" });
    expect(gateFor({ ...base, addressFailures: 100, oldestAddressFailure: ago(60) }, now)).toEqual({
      kind: "addressLimited",
      retryAfter: 840,
    });
  });
});
