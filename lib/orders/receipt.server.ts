// Runs the auto-confirm job in every server process (started from instrumentation.ts, like the
// sweeper). Several processes are safe: lib/orders/receipt.ts takes each order with SKIP LOCKED
// and confirms with a guarded update.
import "server-only";
import { db } from "@/lib/db/db.server";
import { env } from "@/lib/env/env";
import { autoConfirmDue } from "./receipt";
import { log } from "@/lib/ops/log.server";

const EVERY_MS = 10 * 60_000;
const state = globalThis as unknown as { xiaokangAutoConfirm?: NodeJS.Timeout };

export function startAutoConfirm(): void {
  if (state.xiaokangAutoConfirm || !env().DATABASE_URL) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await autoConfirmDue(db);
      if (n) log.info({ job: "auto-confirm", shipments: n }, "receipts confirmed");
    } catch (error) {
      log.error({ job: "auto-confirm", err: error }, "auto-confirm failed; will try again");
    } finally {
      running = false;
    }
  };
  state.xiaokangAutoConfirm = setInterval(tick, EVERY_MS);
  state.xiaokangAutoConfirm.unref();
}
