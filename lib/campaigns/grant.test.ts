import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { grant } from "./grant";

describe("grant", () => {
  it("serves requests in arrival order until the allotment runs out, then says what is left", () => {
    const out = grant(3, 5, new Map(), [
      { quantity: 2, keys: ["u:a"] },
      { quantity: 2, keys: ["u:b"] },
      { quantity: 1, keys: ["u:c"] },
      { quantity: 1, keys: ["u:d"] },
    ]);
    expect(out.decisions).toEqual([
      { granted: true, stockAfter: 1 },
      { granted: false, code: "onlyLeft", left: 1 },
      { granted: true, stockAfter: 0 },
      { granted: false, code: "soldOut" },
    ]);
    expect(out.stockAfter).toBe(0);
  });

  it("holds the per-buyer limit across a buyer's keys and what they already hold", () => {
    const out = grant(100, 2, new Map([["a:home", 1]]), [
      { quantity: 1, keys: ["e:x@test", "a:home"] }, // the address already holds 1: this makes 2
      { quantity: 1, keys: ["e:y@test", "a:home"] }, // another e-mail, same door: refused
      { quantity: 2, keys: ["u:z", "a:other"] },
    ]);
    expect(out.decisions.map((d) => d.granted)).toEqual([true, false, true]);
    expect(out.decisions[1]).toEqual({ granted: false, code: "limitReached", limit: 2, held: 2 });
    expect(out.units.get("a:home")).toBe(2);
  });

  it("never grants more than the stock, nor more than the limit to any key (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 1, max: 6 }),
            keys: fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 2 }),
          }),
          { maxLength: 60 },
        ),
        (stock, limit, requests) => {
          const out = grant(stock, limit, new Map(), requests);
          const sold = requests.reduce((s, r, i) => s + (out.decisions[i]!.granted ? r.quantity : 0), 0);
          expect(sold).toBe(stock - out.stockAfter);
          expect(out.stockAfter).toBeGreaterThanOrEqual(0);
          const perKey = new Map<string, number>();
          requests.forEach((r, i) => {
            if (out.decisions[i]!.granted) for (const k of new Set(r.keys)) perKey.set(k, (perKey.get(k) ?? 0) + r.quantity);
          });
          for (const n of perKey.values()) expect(n).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });
});
