// 预留份额: a budget unit's yearly quota and its progress (docs/DESIGN.md: buyer organisations). Pure.
//
// The quota is the declared canteen food budget × the rate of the unit's region: the most specific
// QuotaRate among the unit's region and its ancestors (region codes nest: 6201 is inside 62), else
// the platform default. Amounts are fen; budgets are bigint (a large unit's budget passes 2^31 fen).

/** 10%: the national minimum share of a budget unit's canteen food purchases. */
export const DEFAULT_QUOTA_BPS = 1000;

export interface QuotaRateRow {
  regionId: string;
  bps: number;
}

/** The rate (basis points) for a unit in `regionId`: the longest matching region code wins. */
export function quotaBpsFor(regionId: string, rates: readonly QuotaRateRow[]): number {
  let best: QuotaRateRow | null = null;
  for (const rate of rates) {
    if (!regionId.startsWith(rate.regionId)) continue;
    if (!best || rate.regionId.length > best.regionId.length) best = rate;
  }
  return best?.bps ?? DEFAULT_QUOTA_BPS;
}

/** The quota in fen, rounded up to the fen (a unit must reach at least the share). */
export function quotaFen(budgetFen: bigint, bps: number): bigint {
  if (budgetFen <= 0n) return 0n;
  return (budgetFen * BigInt(bps) + 9999n) / 10000n;
}

export interface QuotaProgress {
  quotaFen: bigint;
  countedFen: bigint;
  /** What is left to buy; 0 once reached. */
  remainingFen: bigint;
  /** Progress in basis points of the quota, capped at 10,000 (100%); null when there is no quota. */
  progressBps: number | null;
  reached: boolean;
}

export function quotaProgress(quota: bigint, counted: bigint): QuotaProgress {
  const countedFen = counted < 0n ? 0n : counted;
  if (quota <= 0n) return { quotaFen: 0n, countedFen, remainingFen: 0n, progressBps: null, reached: false };
  const remainingFen = countedFen >= quota ? 0n : quota - countedFen;
  const bps = Number((countedFen * 10000n) / quota);
  return { quotaFen: quota, countedFen, remainingFen, progressBps: Math.min(bps, 10000), reached: remainingFen === 0n };
}
