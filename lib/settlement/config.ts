// The platform fee rate of settlement payouts, in basis points of the net owed: PLATFORM_FEE_BPS
// (0–3000, default 0), checked by lib/env. Recorded on each payout, so a change never rewrites one.
import { env } from "@/lib/env/env";

export function platformFeeBps(): number {
  return env().PLATFORM_FEE_BPS;
}
