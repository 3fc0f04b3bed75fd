// The hot path inside Next (app/api/live/*): one Reserver and one figure cache per process, on
// the raw pool. In production scripts/serve.mjs answers these paths before Next with the same modules.
import "server-only";
import { env } from "@/lib/env/env";
import { StockFigures } from "./figures";
import { createHotPool } from "./pool";
import { Reserver } from "./reserve";

const state = globalThis as unknown as { xiaokangLive?: { reserver: Reserver; figures: StockFigures } };

export function live(): { reserver: Reserver; figures: StockFigures } {
  if (!state.xiaokangLive) {
    const settings = env();
    if (!settings.DATABASE_URL) throw new Error("DATABASE_URL is not set");
    const pool = createHotPool(settings.DATABASE_URL, Math.min(4, settings.LIVE_POOL_SIZE));
    state.xiaokangLive = { reserver: new Reserver(pool), figures: new StockFigures(pool) };
  }
  return state.xiaokangLive;
}
