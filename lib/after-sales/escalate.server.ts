// The escalation of unanswered after-sales requests as a scheduled job of every server process
// (lib/jobs/scheduler.server.ts; several processes are safe: ./escalate.ts).
import "server-only";
import { db } from "@/lib/db/db.server";
import type { ScheduledJob } from "@/lib/jobs/scheduler.server";
import { log } from "@/lib/ops/log.server";
import { ESCALATE_JOB, escalateOverdue } from "./escalate";

export const escalateJob: ScheduledJob = {
  name: ESCALATE_JOB,
  everyMs: 5 * 60_000,
  run: async () => {
    const { done, failed } = await escalateOverdue(db, new Date(), (requestId, error) =>
      log.warn({ job: ESCALATE_JOB, requestId, err: error }, "an overdue after-sales request could not be escalated; retried later"),
    );
    if (done || failed) log.info({ job: ESCALATE_JOB, done, failed }, "escalated overdue after-sales requests");
  },
};
