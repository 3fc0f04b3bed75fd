// Runs the sweeper every minute in the server process (started from instrumentation.ts).
import "server-only";
import { db } from "@/lib/db/db.server";
import { providerFor } from "@/lib/payments/registry.server";
import { sweepExpiredReservations } from "./sweeper";
import { env } from "@/lib/env/env";

const EVERY_MS = 60_000;
const state = globalThis as unknown as { xiaokangSweeper?: NodeJS.Timeout };

export function startSweeper(): void {
  if (state.xiaokangSweeper || !env().DATABASE_URL) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { released, confirmed } = await sweepExpiredReservations(db, providerFor);
      if (released || confirmed) console.log(`[sweeper] released ${released} unpaid order(s), confirmed ${confirmed}`);
    } catch (error) {
      console.error("[sweeper] failed; will try again in a minute:", error);
    } finally {
      running = false;
    }
  };
  state.xiaokangSweeper = setInterval(tick, EVERY_MS);
  state.xiaokangSweeper.unref();
}
