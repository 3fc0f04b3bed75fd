import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refundableShippingFen, sellerParts, shippingFor, shippingRuleSchema, type ShippingRuleData } from "./fees";

const XJ = "新疆维吾尔自治区";
const XZ = "西藏自治区";
const GS = "甘肃省";
const rule: ShippingRuleData = {
  flatFen: 1000,
  freeAboveFen: 9900,
  coldChainFen: 1500,
  provinces: [
    { province: XJ, surchargeFen: 2000 },
    { province: XZ, notDelivered: true },
  ],
};

const arbRule: fc.Arbitrary<ShippingRuleData> = fc.record({
  flatFen: fc.integer({ min: 0, max: 100_000 }),
  freeAboveFen: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  coldChainFen: fc.integer({ min: 0, max: 100_000 }),
  provinces: fc.constantFrom<ShippingRuleData["provinces"]>(
    [],
    [{ province: XJ, surchargeFen: 500 }],
    [{ province: XZ, notDelivered: true }],
  ),
});
const arbPart = fc.record({
  goodsFen: fc.integer({ min: 0, max: 10_000_000 }),
  coldChain: fc.boolean(),
  province: fc.constantFrom(XJ, XZ, GS),
});

describe("shippingFor", () => {
  it("charges nothing without a rule (so orders of sellers without rules keep their totals)", () => {
    expect(shippingFor(null, { goodsFen: 1, coldChain: true, province: XZ })).toMatchObject({ ok: true, feeFen: 0 });
  });
  it("adds the flat fee, the province surcharge and the cold chain", () => {
    expect(shippingFor(rule, { goodsFen: 5000, coldChain: false, province: GS })).toMatchObject({ feeFen: 1000 });
    expect(shippingFor(rule, { goodsFen: 5000, coldChain: true, province: XJ })).toMatchObject({ feeFen: 4500 });
  });
  it("waives the flat fee exactly at the threshold, not a fen before", () => {
    expect(shippingFor(rule, { goodsFen: 9899, coldChain: false, province: GS })).toMatchObject({ feeFen: 1000 });
    expect(shippingFor(rule, { goodsFen: 9900, coldChain: false, province: GS })).toMatchObject({ feeFen: 0, free: true });
    // The surcharge of a remote province is not waived.
    expect(shippingFor(rule, { goodsFen: 9900, coldChain: false, province: XJ })).toMatchObject({ feeFen: 2000 });
  });
  it("refuses a province not delivered to, naming it", () => {
    expect(shippingFor(rule, { goodsFen: 100_000, coldChain: false, province: XZ })).toEqual({ ok: false, notDelivered: XZ });
  });
  it("is never negative and is the sum of its parts (property)", () => {
    fc.assert(
      fc.property(arbRule, arbPart, (r, part) => {
        const q = shippingFor(r, part);
        if (!q.ok) {
          expect(q.notDelivered).toBe(part.province);
          return;
        }
        expect(q.feeFen).toBeGreaterThanOrEqual(0);
        expect(q.feeFen).toBe(q.baseFen + q.surchargeFen + q.coldChainFen);
        expect(Number.isSafeInteger(q.feeFen)).toBe(true);
      }),
    );
  });
  it("free-shipping threshold is exact (property)", () => {
    fc.assert(
      fc.property(arbRule, arbPart, (r, part) => {
        const q = shippingFor({ ...r, provinces: [] }, part);
        if (!q.ok) throw new Error("no province rules");
        expect(q.baseFen).toBe(r.freeAboveFen !== null && part.goodsFen >= r.freeAboveFen ? 0 : r.flatFen);
      }),
    );
  });
});

describe("refunds of shipping", () => {
  it("never leave more than was paid to refund (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 6 }), (fee, asks) => {
        let refunded = 0;
        for (const ask of asks) {
          const left = refundableShippingFen({ feeFen: fee, refundedFen: refunded });
          if (ask <= left) refunded += ask; // the refund path refuses anything above `left`
          expect(refunded).toBeLessThanOrEqual(fee);
          expect(left).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe("shipping and allocations", () => {
  it("groups lines by seller without counting shipping as goods", () => {
    const parts = sellerParts([
      { operatorId: "a", netFen: 100, coldChain: false },
      { operatorId: "a", netFen: 50, coldChain: true },
      { operatorId: "b", netFen: 7, coldChain: false },
    ]);
    expect(parts.get("a")).toEqual({ goodsFen: 150, coldChain: true });
    expect(parts.get("b")).toEqual({ goodsFen: 7, coldChain: false });
  });
});

describe("shippingRuleSchema", () => {
  it("refuses unknown provinces, repeats and negative fees", () => {
    expect(shippingRuleSchema.safeParse(rule).success).toBe(true);
    expect(shippingRuleSchema.safeParse({ ...rule, flatFen: -1 }).success).toBe(false);
    expect(shippingRuleSchema.safeParse({ ...rule, provinces: [{ province: "火星", surchargeFen: 1 }] }).success).toBe(false);
    expect(shippingRuleSchema.safeParse({ ...rule, provinces: [...rule.provinces, { province: XJ, surchargeFen: 1 }] }).success).toBe(
      false,
    );
  });
});
