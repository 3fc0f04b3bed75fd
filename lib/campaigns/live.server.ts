// The hot path inside Next (app/api/live/*): one Reserver and one figure cache per process, on
// the raw pool. In production scripts/serve.mjs answers these paths before Next with the same modules.
import "server-only";
import { env } from "@/lib/env/env";
import { StockFigures } from "./figures";
import { createHotPool } from "./pool";
import { PermitDesk } from "./permit-desk";
import { Reserver } from "./reserve";

interface Live {
  reserver: Reserver;
  figures: StockFigures;
  permits: PermitDesk;
}
const state = globalThis as unknown as { xiaokangLive?: Live };

export function live(): Live {
  if (!state.xiaokangLive) {
    const settings = env();
    if (!settings.DATABASE_URL) throw new Error("DATABASE_URL is not set");
    const pool = createHotPool(settings.DATABASE_URL, Math.min(4, settings.LIVE_POOL_SIZE));
    state.xiaokangLive = {
      reserver: new Reserver(pool),
      figures: new StockFigures(pool),
      permits: new PermitDesk(pool, settings.AUTH_SECRET ?? ""),
    };
  }
  return state.xiaokangLive;
}
