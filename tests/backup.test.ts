// npm run db:backup / db:restore on the embedded PostgreSQL (scripts/lib/backup.mjs): a base backup
// of the test database while it runs, restored into a scratch cluster; that cluster backed up,
// wiped and restored again; every order, order line, allocation and household intact each time.
// Needs the test cluster's data folder (TEST_PG_DATA_DIR, set by ./test for its embedded database).
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { baseBackup, restoreBaseBackup, startCluster } from "../scripts/lib/backup.mjs";
import { testDb } from "./support/db";

const dataDir = process.env.TEST_PG_DATA_DIR;
const database = new URL(process.env.DATABASE_URL ?? "postgresql://x/none").pathname.slice(1);
const work = mkdtempSync(path.join(os.tmpdir(), "xk-backup-"));
chmodSync(work, 0o755); // the scratch cluster runs as the postgres user when the tests run as root
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Count and digest of every row of the tables a backup must keep. */
async function fingerprint(db: Db) {
  const out: Record<string, string> = {};
  for (const table of ["Order", "OrderLine", "Allocation", "Household", "Payout", "StockMovement", "Product"]) {
    const [row] = await db.$queryRawUnsafe<{ n: number; digest: string }[]>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`,
    );
    out[table] = `${row!.n}:${row!.digest}`;
  }
  return out;
}

describe.skipIf(!dataDir)("backup and restore of the embedded database", () => {
  it("backs up the running database, restores it elsewhere, backs that up, wipes it, restores it: nothing lost", async () => {
    const live = await fingerprint(testDb);
    expect(Number(live.Order!.split(":")[0])).toBeGreaterThan(10);
    expect(Number(live.Allocation!.split(":")[0])).toBeGreaterThan(10);
    expect(Number(live.Household!.split(":")[0])).toBeGreaterThan(100);

    const first = await baseBackup({ url: process.env.DATABASE_URL!, dataDir: dataDir!, out: path.join(work, "live.tar.gz") });
    const scratch = path.join(work, "cluster");
    restoreBaseBackup({ file: first.file, dataDir: scratch });
    let cluster = await startCluster(scratch);
    let db = createPrismaClient(cluster.url(database), 2);
    try {
      expect(await fingerprint(db)).toEqual(live);
      // The restored database is a working one: it takes writes.
      await db.$executeRawUnsafe(`CREATE TABLE backup_probe (x int)`);
      await db.$executeRawUnsafe(`DROP TABLE backup_probe`);
    } finally {
      await db.$disconnect();
    }

    // Back up the restored cluster with the same tool, wipe it, restore it.
    const second = await baseBackup({ url: cluster.url(database), dataDir: scratch, out: path.join(work, "scratch.tar.gz") });
    await cluster.stop();
    rmSync(scratch, { recursive: true, force: true });
    expect(existsSync(scratch)).toBe(false);
    restoreBaseBackup({ file: second.file, dataDir: scratch });
    cluster = await startCluster(scratch);
    db = createPrismaClient(cluster.url(database), 2);
    try {
      expect(await fingerprint(db)).toEqual(live);
    } finally {
      await db.$disconnect();
      await cluster.stop();
    }
  }, 240_000);

  it("refuses to restore over a running database, and keeps the folder it replaces", async () => {
    expect(() => restoreBaseBackup({ file: path.join(work, "live.tar.gz"), dataDir: dataDir! })).toThrow(/is running/);
    const scratch = path.join(work, "cluster");
    const { movedTo } = restoreBaseBackup({ file: path.join(work, "live.tar.gz"), dataDir: scratch });
    expect(movedTo && existsSync(path.join(movedTo, "PG_VERSION"))).toBe(true);
  });
});
