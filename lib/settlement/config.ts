// The platform fee rate of settlement payouts, in basis points of the net owed: PLATFORM_FEE_BPS
// (0–3000, default 0). Read here only; move to lib/env.server when that module exists.
import { MAX_FEE_BPS } from "./payout";

export function platformFeeBps(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PLATFORM_FEE_BPS?.trim();
  if (!raw) return 0;
  const bps = Number(raw);
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > MAX_FEE_BPS) throw new Error(`PLATFORM_FEE_BPS must be an integer 0–${MAX_FEE_BPS}, got ${raw}`);
  return bps;
}
