// Background work of the livestream in every server process (started from instrumentation.ts):
//   every second      start and end the campaigns that are due (./lifecycle.ts)
//   every 150 ms      drain the payment-session queue under the site's rate (lib/payments/session-queue.ts)
// Both are safe in several processes at once: each campaign move locks its row and acts once, and
// the queue's rate is counted in the database under an advisory lock.
import "server-only";
import { db } from "@/lib/db/db.server";
import { env } from "@/lib/env/env";
import { log } from "@/lib/ops/log.server";
import { drainPaymentQueue } from "@/lib/payments/session-queue";
import { providerFor } from "@/lib/payments/registry.server";
import { tickCampaigns } from "./lifecycle";

const state = globalThis as unknown as { xiaokangLiveClock?: NodeJS.Timeout[] };

function every(ms: number, name: string, work: () => Promise<unknown>): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (error) {
      log.error({ area: "live", job: name, err: error }, "live background work failed; trying again");
    } finally {
      running = false;
    }
  }, ms);
  timer.unref();
  return timer;
}

export function startLiveClock(): void {
  if (state.xiaokangLiveClock || !env().DATABASE_URL) return;
  state.xiaokangLiveClock = [
    every(1000, "campaign clock", () => tickCampaigns(db)),
    every(150, "payment queue", () => drainPaymentQueue(db, providerFor)),
  ];
}
