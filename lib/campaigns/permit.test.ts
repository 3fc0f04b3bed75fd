import { describe, expect, it } from "vitest";
import { checkPermit, permitCap, PERMIT_TTL_MS, signPermit } from "./permit";

const secret = "a-test-secret-of-enough-length-0123456789";
const now = new Date("2026-12-07T12:00:00Z");
const key = "k".repeat(22);

describe("admission permits", () => {
  it("admits the holder of a fresh permit for its campaign and its checkout key", () => {
    const permit = signPermit(secret, { campaignId: "camp1", checkoutKey: key, expiresAt: new Date(now.getTime() + PERMIT_TTL_MS) });
    expect(checkPermit(secret, permit, key, now)).toEqual({ ok: true, campaignId: "camp1" });
    expect(permit.length).toBeLessThan(60);
  });

  it("refuses an expired permit, another key's, another secret's, and any edit of it", () => {
    const permit = signPermit(secret, { campaignId: "camp1", checkoutKey: key, expiresAt: new Date(now.getTime() + 1000) });
    expect(checkPermit(secret, permit, key, new Date(now.getTime() + 1000))).toEqual({ ok: false, code: "permitExpired" });
    expect(checkPermit(secret, permit, "x".repeat(22), now)).toEqual({ ok: false, code: "permitInvalid" });
    expect(checkPermit(`${secret}!`, permit, key, now)).toEqual({ ok: false, code: "permitInvalid" });
    const [c, e, s] = permit.split(".") as [string, string, string];
    // Another campaign, a later expiry, a flipped signature: each breaks the MAC.
    expect(checkPermit(secret, `camp2.${e}.${s}`, key, now).ok).toBe(false);
    expect(checkPermit(secret, `${c}.${(parseInt(e, 36) + 3600).toString(36)}.${s}`, key, now).ok).toBe(false);
    expect(checkPermit(secret, `${c}.${e}.${s.slice(0, -2)}AA`, key, now).ok).toBe(false);
    for (const junk of ["", "a.b", "a.b.c.d", `${c}.${e}.`, `../x.${e}.${s}`]) expect(checkPermit(secret, junk, key, now).ok).toBe(false);
  });

  it("gives about 1.2× the units, never fewer than the units plus one", () => {
    expect(permitCap(13_400)).toBe(16_080);
    expect(permitCap(1)).toBe(2);
    expect(permitCap(0)).toBe(0);
  });
});
