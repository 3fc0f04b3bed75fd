// Reports from a standby (DATABASE_REPLICA_URL, lib/db/replica.ts), against a real streaming
// standby of the test database: made from a base backup (scripts/lib/backup.mjs) and started with
// standby.signal. Its reports equal the primary's; while its replay is paused, a reader who has
// just written is sent to the primary, and a replica that does not answer is never waited for.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiToday } from "@/lib/time/shanghai";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { chooseReadDb, primaryPosition } from "@/lib/db/replica";
import { parseReportFilters } from "@/lib/reports/filters";
import { loadReport } from "@/lib/reports/queries";
import { resolveReportScope } from "@/lib/reports/scope";
import { baseBackup, restoreBaseBackup, startCluster } from "../scripts/lib/backup.mjs";
import { testDb } from "./support/db";
import { actorOf } from "./support/personas";

const dataDir = process.env.TEST_PG_DATA_DIR;
const primaryUrl = new URL(process.env.DATABASE_URL ?? "postgresql://x/none");
const database = primaryUrl.pathname.slice(1);
const work = mkdtempSync(path.join(os.tmpdir(), "xk-replica-"));
chmodSync(work, 0o755);
let standby: Awaited<ReturnType<typeof startCluster>> | undefined;
let replica: Db;

const until = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe.skipIf(!dataDir)("reports from a streaming standby", () => {
  beforeAll(async () => {
    const backup = await baseBackup({ url: primaryUrl.toString(), dataDir: dataDir!, out: path.join(work, "base.tar.gz") });
    const conninfo = `host=${primaryUrl.hostname} port=${primaryUrl.port} user=${decodeURIComponent(primaryUrl.username)} password=${decodeURIComponent(primaryUrl.password)} application_name=xk_test_standby`;
    restoreBaseBackup({ file: backup.file, dataDir: path.join(work, "standby"), standby: { primaryConninfo: conninfo } });
    standby = await startCluster(path.join(work, "standby"));
    replica = createPrismaClient(standby.url(database), 2);
    const [row] = await replica.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(row?.standby).toBe(true);
  }, 240_000);
  afterAll(async () => {
    await replica?.$disconnect();
    await standby?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("streams: once caught up, the county reports read from it equal the primary's", async () => {
    const position = await primaryPosition(testDb);
    await until(async () => (await chooseReadDb(testDb, replica, position)).from === "replica", "the standby to catch up");
    const admin = (await actorOf("admin"))!;
    const { filters } = parseReportFilters({}, shanghaiToday());
    const { scope, filters: scoped } = await resolveReportScope(testDb, admin, filters);
    const [fromPrimary, fromReplica] = await Promise.all([loadReport(testDb, scope, scoped), loadReport(replica, scope, scoped)]);
    expect(fromReplica).toEqual(fromPrimary);
    expect(JSON.stringify(fromPrimary).length).toBeGreaterThan(500);
  });

  it("a reader who has just written reads the primary while the standby is behind; others may read it", async () => {
    await replica.$executeRaw`SELECT pg_wal_replay_pause()`;
    try {
      await testDb.$executeRaw`CREATE TABLE IF NOT EXISTS replica_probe (note text)`;
      await testDb.$executeRaw`INSERT INTO replica_probe VALUES ('written by the office')`;
      const written = await primaryPosition(testDb);
      const seesProbe = async (db: Db) =>
        (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_class WHERE relname = 'replica_probe'`)[0]!.n > 0 &&
        (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM replica_probe`))[0]!.n > 0;

      const forWriter = await chooseReadDb(testDb, replica, written);
      expect(forWriter).toMatchObject({ from: "primary", why: "behind" });
      expect(await seesProbe(forWriter.db)).toBe(true);
      expect(await seesProbe(replica)).toBe(false); // the standby really is behind
      expect(await chooseReadDb(testDb, replica, null)).toMatchObject({ from: "replica" });
      expect(await chooseReadDb(testDb, replica, "not-a-position")).toMatchObject({ from: "replica" });

      await replica.$executeRaw`SELECT pg_wal_replay_resume()`;
      await until(async () => (await chooseReadDb(testDb, replica, written)).from === "replica", "the standby to replay the write");
      expect(await seesProbe(replica)).toBe(true);
    } finally {
      await replica.$executeRaw`SELECT pg_wal_replay_resume()`.catch(() => {});
      await testDb.$executeRaw`DROP TABLE IF EXISTS replica_probe`;
    }
  });

  it("without a replica, or with one that does not answer, reports read the primary", async () => {
    expect(await chooseReadDb(testDb, null, null)).toMatchObject({ from: "primary", why: "no-replica" });
    const gone = createPrismaClient("postgresql://postgres:x@127.0.0.1:1/nowhere", 1);
    try {
      expect(await chooseReadDb(testDb, gone, null)).toMatchObject({ from: "primary", why: "unreachable" });
    } finally {
      await gone.$disconnect();
    }
  });
});
