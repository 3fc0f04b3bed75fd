// The hot path inside Next (app/api/live/*): one Reserver and one figure cache per process, on
// the raw pool. In production scripts/serve.mjs answers these paths before Next with the same modules.
import "server-only";
import { StockFigures } from "./figures";
import { createHotPool } from "./pool";
import { Reserver } from "./reserve";

const state = globalThis as unknown as { xiaokangLive?: { reserver: Reserver; figures: StockFigures } };

export function live(): { reserver: Reserver; figures: StockFigures } {
  if (!state.xiaokangLive) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const pool = createHotPool(url, 4);
    state.xiaokangLive = { reserver: new Reserver(pool), figures: new StockFigures(pool) };
  }
  return state.xiaokangLive;
}
