// The sweeper as a scheduled job of every server process (lib/jobs/scheduler.server.ts).
import "server-only";
import { db } from "@/lib/db/db.server";
import type { ScheduledJob } from "@/lib/jobs/scheduler.server";
import { log } from "@/lib/ops/log.server";
import { providerFor } from "@/lib/payments/registry.server";
import { sweepExpiredReservations } from "./sweeper";

export const sweeperJob: ScheduledJob = {
  name: "orders.sweep",
  everyMs: 60_000,
  run: async () => {
    const { released, confirmed, failed } = await sweepExpiredReservations(db, providerFor, new Date(), {
      onError: (orderId, error) =>
        log.warn({ job: "orders.sweep", orderId, err: error }, "an expired order could not be swept; retried later"),
    });
    if (released || confirmed || failed) log.info({ job: "orders.sweep", released, confirmed, failed }, "swept expired reservations");
  },
};
