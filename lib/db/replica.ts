// Reading from a standby (DATABASE_REPLICA_URL): the office reports may read a streaming replica,
// which can be a few seconds behind the primary. So that an officer always sees what the office
// has just written (an import, a status change, a payout), each office write notes the primary's
// WAL position at that moment (lib/db/replica.server.ts keeps it in a cookie), and a report reads
// the replica only once the replica has replayed that position; otherwise, or when the replica
// does not answer within a second, it reads the primary. Everything except the reports reads and
// writes the primary. Takes the clients as parameters (tests pass their own).
import type { Db } from "./client";

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const TIMEOUT_MS = 1000;

export function isLsn(value: unknown): value is string {
  return typeof value === "string" && LSN.test(value);
}

export type ReadChoice = { db: Db; from: "primary" | "replica"; why: "no-replica" | "caught-up" | "behind" | "unreachable" };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Where a report should read: the replica when it has replayed `mustSee` (a WAL position), else the primary. */
export async function chooseReadDb(primary: Db, replica: Db | null, mustSee?: string | null): Promise<ReadChoice> {
  if (!replica) return { db: primary, from: "primary", why: "no-replica" };
  const position = isLsn(mustSee) ? mustSee : "0/0";
  try {
    const [row] = await withTimeout(
      replica.$queryRaw<{ caught_up: boolean }[]>`
        SELECT COALESCE(pg_last_wal_replay_lsn() >= ${position}::pg_lsn, NOT pg_is_in_recovery()) AS caught_up`,
      TIMEOUT_MS,
    );
    return row?.caught_up ? { db: replica, from: "replica", why: "caught-up" } : { db: primary, from: "primary", why: "behind" };
  } catch {
    return { db: primary, from: "primary", why: "unreachable" };
  }
}

/** The primary's WAL position now: everything committed so far is at or before it. */
export async function primaryPosition(primary: Db): Promise<string> {
  const [row] = await primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
  return row!.lsn;
}
