// The job that takes unanswered requests to the platform: every OPEN request past its answerBy
// (AFTER_SALE_ANSWER_HOURS after it was opened) becomes ESCALATED, once. Items are claimed with
// leases (lib/jobs/lease.ts), so several server processes share the work; each is moved by a
// guarded update under the order lock (./requests.ts autoEscalate), so a seller answering at the
// same moment, a second process or a rerun after a crash escalates nothing twice.
import type { Db } from "@/lib/db/client";
import { Prisma, runClaimed, type RunClaimedResult } from "@/lib/jobs/lease";
import { autoEscalate } from "./requests";

export const ESCALATE_JOB = "afterSales.escalate";

export function escalateOverdue(db: Db, now = new Date(), onError?: (key: string, error: unknown) => void): Promise<RunClaimedResult> {
  return runClaimed(db, {
    job: ESCALATE_JOB,
    // The key is the request: a request is escalated at most once, so its lease item never recurs.
    candidates: Prisma.sql`SELECT "id" AS "key" FROM "AfterSaleRequest" WHERE "status" = 'OPEN' AND "answerBy" <= ${now}`,
    handle: async (key) => void (await autoEscalate(db, key, now)),
    onError,
  });
}
