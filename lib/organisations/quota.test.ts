import { describe, expect, it } from "vitest";
import { DEFAULT_QUOTA_BPS, quotaBpsFor, quotaFen, quotaProgress } from "./quota";

describe("预留份额 quota arithmetic", () => {
  it("takes the most specific region's rate, else the 10% default", () => {
    const rates = [
      { regionId: "62", bps: 1200 },
      { regionId: "6201", bps: 1500 },
    ];
    expect(quotaBpsFor("620102", rates)).toBe(1500);
    expect(quotaBpsFor("6205", rates)).toBe(1200);
    expect(quotaBpsFor("1201", rates)).toBe(DEFAULT_QUOTA_BPS);
    expect(quotaBpsFor("6201", [])).toBe(1000);
  });

  it("rounds the quota up to the fen and keeps budgets beyond 2^31 fen exact", () => {
    expect(quotaFen(120_000_000n, 1000)).toBe(12_000_000n);
    expect(quotaFen(1n, 1000)).toBe(1n);
    expect(quotaFen(10_000_000_000_001n, 1500)).toBe(1_500_000_000_001n);
    expect(quotaFen(0n, 1000)).toBe(0n);
  });

  it("reports progress, what is left, and caps at 100%", () => {
    expect(quotaProgress(12_000_000n, 3_000_000n)).toEqual({
      quotaFen: 12_000_000n,
      countedFen: 3_000_000n,
      remainingFen: 9_000_000n,
      progressBps: 2500,
      reached: false,
    });
    expect(quotaProgress(100n, 250n)).toMatchObject({ remainingFen: 0n, progressBps: 10000, reached: true });
    expect(quotaProgress(0n, 50n)).toMatchObject({ progressBps: null, reached: false });
    // Refunds larger than purchases (a refund of last year's order) never show negative progress.
    expect(quotaProgress(100n, -20n)).toMatchObject({ countedFen: 0n, remainingFen: 100n, progressBps: 0 });
  });
});
