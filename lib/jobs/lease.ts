// Leases for background work that several app processes run at once (each `next start` runs
// every scheduled job: the sweeper today, auto-confirm and the outbox sender tomorrow). An item
// of work is a (job, key) row in "JobLease"; a process works on an item only while it holds the
// item's lease, which it takes with FOR UPDATE SKIP LOCKED, so two processes never hold the same
// item and neither waits for the other. The lease is not a transaction: the work may call a
// provider (Stripe) and take seconds, with no row lock held across the network call.
//
//   const result = await runClaimed(db, {
//     job: "orders.sweep",                               // one name per kind of work
//     candidates: Prisma.sql`SELECT id AS key FROM "Order" WHERE …`,  // what is due now; column "key"
//     handle: async (key) => { … },                      // re-check the item's state, then act
//   });
//
// Guarantees and duties:
// - While a lease is held (leaseMs, default 5 minutes), no other process claims the item. Keep
//   each item's work well under leaseMs (provider clients have timeouts below it).
// - handle() returning normally marks the item done: it is never claimed again, even while the
//   candidates query still returns it (keys are for one piece of work: put a version in the key,
//   e.g. `${id}:${attempt}`, for work that recurs). Done rows are purged after 7 days.
// - handle() throwing leaves the item for a later tick (after a back-off that grows with the
//   attempts, at most an hour), with the error's first line in "lastError".
// - A process that dies holding a lease: the item is claimed again when the lease runs out, so
//   work is at least once per lease expiry; make handle() idempotent (check the state under the
//   domain's own lock, as releaseReservation does; use the provider's idempotency keys).
import { hostname } from "node:os";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

export const DEFAULT_LEASE_MS = 5 * 60_000;
const REGISTER_BATCH = 1000;
const PURGE_AFTER_DAYS = 7;

/** "host:pid", the holder written on the leases this process takes. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}`;
}

export interface ClaimOptions {
  job: string;
  /** A SELECT whose rows have a text column "key": the items due now. No ORDER BY/LIMIT needed. */
  candidates: Prisma.Sql;
  /** Items per claim (default 200). */
  limit?: number;
  leaseMs?: number;
  holder?: string;
}

/**
 * Registers the due items not yet known, then takes the lease of up to `limit` items that nobody
 * holds (rows another process is claiming at this moment are skipped, not waited for).
 * Returns the claimed keys.
 */
export async function claim(db: Db, options: ClaimOptions): Promise<string[]> {
  const { job, candidates } = options;
  const limit = options.limit ?? 200;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = options.holder ?? processHolder();
  // Sorted by key, so two processes registering the same items insert them in the same order
  // (no deadlock on the primary key); an item another process has just registered is skipped.
  await db.$executeRaw`
    INSERT INTO "JobLease" ("job", "key")
    SELECT ${job}, c."key"::text FROM (${candidates}) AS c
    WHERE NOT EXISTS (SELECT 1 FROM "JobLease" l WHERE l."job" = ${job} AND l."key" = c."key"::text)
    ORDER BY 2
    LIMIT ${REGISTER_BATCH}
    ON CONFLICT ("job", "key") DO NOTHING`;
  const rows = await db.$queryRaw<{ key: string }[]>`
    UPDATE "JobLease" AS l
    SET "holder" = ${holder},
        "leasedUntil" = clock_timestamp() + make_interval(secs => ${leaseMs / 1000}::float8),
        "attempts" = l."attempts" + 1
    FROM (
      SELECT "job", "key" FROM "JobLease"
      WHERE "job" = ${job} AND "doneAt" IS NULL AND "leasedUntil" < clock_timestamp()
      ORDER BY "leasedUntil", "key"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) AS free
    WHERE l."job" = free."job" AND l."key" = free."key"
    RETURNING l."key"`;
  return rows.map((r) => r.key).sort();
}

/** The item is finished: never claimed again. */
export async function finish(db: Db, job: string, key: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "JobLease" SET "doneAt" = clock_timestamp(), "leasedUntil" = clock_timestamp(), "lastError" = NULL
    WHERE "job" = ${job} AND "key" = ${key} AND "doneAt" IS NULL`;
}

/** The item failed this time: free it for another try after a back-off (1 minute × attempts, ≤ 1 hour). */
export async function retryLater(db: Db, job: string, key: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 300);
  await db.$executeRaw`
    UPDATE "JobLease"
    SET "leasedUntil" = clock_timestamp() + make_interval(mins => LEAST("attempts", 60)), "lastError" = ${message}
    WHERE "job" = ${job} AND "key" = ${key} AND "doneAt" IS NULL`;
}

/** Deletes finished rows older than 7 days (any job). */
export async function purgeFinished(db: Db): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "JobLease" WHERE "doneAt" < clock_timestamp() - make_interval(days => ${PURGE_AFTER_DAYS})`;
}

export interface RunClaimedOptions extends ClaimOptions {
  /** Does the work of one item. Throwing leaves it for a later try. */
  handle: (key: string) => Promise<void>;
  /** Called with each failure (for the log). */
  onError?: (key: string, error: unknown) => void;
}

export interface RunClaimedResult {
  done: number;
  failed: number;
}

/** Claims and handles batches until nothing due is left unclaimed. */
export async function runClaimed(db: Db, options: RunClaimedOptions): Promise<RunClaimedResult> {
  const result: RunClaimedResult = { done: 0, failed: 0 };
  for (;;) {
    const keys = await claim(db, options);
    if (keys.length === 0) return result;
    for (const key of keys) {
      try {
        await options.handle(key);
        await finish(db, options.job, key);
        result.done++;
      } catch (error) {
        result.failed++;
        options.onError?.(key, error);
        await retryLater(db, options.job, key, error);
      }
    }
  }
}

/**
 * Runs fn only if no other process holds the lease of (job, key) now: for work that must happen
 * once per period across all processes (a nightly payout run: key = the date). Answers whether
 * it ran. The lease is kept until leaseMs passes, so the same key does not run again before then;
 * pass `once: true` to mark it done (never again for this key).
 */
export async function runExclusive(
  db: Db,
  options: { job: string; key: string; leaseMs?: number; holder?: string; once?: boolean },
  fn: () => Promise<void>,
): Promise<boolean> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = options.holder ?? processHolder();
  const rows = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO "JobLease" ("job", "key", "holder", "leasedUntil", "attempts")
    VALUES (${options.job}, ${options.key}, ${holder}, clock_timestamp() + make_interval(secs => ${leaseMs / 1000}::float8), 1)
    ON CONFLICT ("job", "key") DO UPDATE
      SET "holder" = EXCLUDED."holder", "leasedUntil" = EXCLUDED."leasedUntil", "attempts" = "JobLease"."attempts" + 1
      WHERE "JobLease"."doneAt" IS NULL AND "JobLease"."leasedUntil" < clock_timestamp()
    RETURNING "key"`;
  if (rows.length === 0) return false;
  try {
    await fn();
  } catch (error) {
    await retryLater(db, options.job, options.key, error);
    throw error;
  }
  if (options.once) await finish(db, options.job, options.key);
  return true;
}

export { Prisma };
