// The pure part of refunds: spreading a refund made on Stripe's side across an order's lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitAcross } from "./refunds";

describe("splitAcross", () => {
  it("splits in proportion to what each line has left, the odd fen to the largest remainder", () => {
    expect(splitAcross([3333, 5000], 1000)).toEqual([400, 600]);
    expect(splitAcross([100, 100, 100], 100)).toEqual([34, 33, 33]);
    expect(splitAcross([0, 500], 200)).toEqual([0, 200]);
  });

  it("always sums to the amount and never gives a line more than it has left", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (remaining, share) => {
          const total = remaining.reduce((s, r) => s + r, 0);
          const amount = Math.floor(total * share);
          const parts = splitAcross(remaining, amount);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(remaining[i]!);
          });
        },
      ),
    );
  });

  it("refuses more than is left", () => {
    expect(() => splitAcross([10, 10], 21)).toThrow(RangeError);
  });
});
