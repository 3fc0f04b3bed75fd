import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { feeOf, parseFeePercent, payoutFigures, statementLines } from "./payout";

describe("settlement payout arithmetic", () => {
  it("pays sales minus refunds minus the fee, fee rounded down", () => {
    const f = payoutFigures([{ amountFen: 12_345 }, { amountFen: 10_000 }, { amountFen: -2_345 }], 250);
    expect(f).toEqual({ salesFen: 22_345, refundsFen: -2_345, netFen: 20_000, feeBps: 250, feeFen: 500, payoutFen: 19_500 });
    expect(feeOf(333, 100)).toBe(3); // 3.33 fen → 3
    expect(feeOf(-500, 100)).toBe(0);
  });

  it("defaults to no fee", () => {
    expect(payoutFigures([{ amountFen: 999 }], 0).payoutFen).toBe(999);
  });

  it("refuses a fee rate out of range", () => {
    expect(() => feeOf(100, -1)).toThrow();
    expect(() => feeOf(100, 3001)).toThrow();
  });

  it("reads a fee typed as a percentage", () => {
    expect(parseFeePercent("0")).toBe(0);
    expect(parseFeePercent("2.5%")).toBe(250);
    expect(parseFeePercent("1.05")).toBe(105);
    expect(parseFeePercent("31")).toBeNull();
    expect(parseFeePercent("-1")).toBeNull();
    expect(parseFeePercent("abc")).toBeNull();
  });

  it("property: a statement's lines add up to the payout, to the fen", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 3000 }),
        (amounts, bps) => {
          const { lines, figures } = statementLines(
            amounts.map((amountFen) => ({ amountFen })),
            bps,
          );
          const sum = lines.reduce((s, l) => s + l.amountFen, 0);
          return sum === figures.payoutFen && figures.feeFen >= 0 && figures.feeFen <= Math.max(0, figures.netFen);
        },
      ),
    );
  });
});
