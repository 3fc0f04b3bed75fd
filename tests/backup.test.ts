// npm run db:backup / db:restore, both ways (scripts/db-backup.mjs, scripts/lib/backup.mjs):
// - the embedded PostgreSQL: a base backup of the test database while it runs, restored into a
//   scratch cluster; that cluster backed up, wiped and restored again. Needs the test cluster's
//   data folder (TEST_PG_DATA_DIR, set by ./test for its embedded database).
// - a server given by DATABASE_URL (pg_dump / pg_restore): the npm scripts themselves, run against
//   a PostgreSQL of another kind than the embedded one (Debian's, a cluster of the test's own),
//   holding a copy of the test database: backed up, wiped, restored.
// Every order, order line, allocation and household intact each time.
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { baseBackup, findPgTool, initCluster, installedServerBinDir, restoreBaseBackup, startCluster } from "../scripts/lib/backup.mjs";
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

const ROOT = path.resolve(__dirname, "..");
const serverBin = installedServerBinDir();
const run = promisify(execFile);

/** `npm run db:backup|db:restore` as an operator runs it, with DATABASE_URL set; its exit and stderr. */
async function dbScript(url: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: url };
  try {
    const { stderr } = await run(process.execPath, ["scripts/db-backup.mjs", ...args], { cwd: ROOT, env, timeout: 120_000 });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stderr: failed.stderr ?? String(error) };
  }
}

/** The test database's schema (every migration, in order) and rows, copied into `url`'s empty database. */
async function copyTestDatabaseTo(url: string) {
  const source = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const target = new pg.Client({ connectionString: url });
  await source.connect();
  await target.connect();
  try {
    const migrations = path.join(ROOT, "prisma/migrations");
    for (const folder of readdirSync(migrations).sort()) {
      const file = path.join(migrations, folder, "migration.sql");
      if (existsSync(file)) await target.query(readFileSync(file, "utf8"));
    }
    // Rows in any order: foreign keys and the ledgers' append-only triggers sleep while copying.
    await target.query("SET session_replication_role = replica");
    const { rows: tables } = await source.query<{ name: string }>(
      `SELECT table_name::text AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    for (const { name } of tables) {
      const { rows: columns } = await source.query<{ name: string }>(
        `SELECT column_name::text AS name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        [name],
      );
      const list = columns.map((c) => `"${c.name}"`).join(", ");
      const { rows } = await source.query<{ rows: string }>(`SELECT coalesce(json_agg(t), '[]')::text AS rows FROM "${name}" t`);
      await target.query(`INSERT INTO "${name}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${name}", $1::json)`, [
        rows[0]!.rows,
      ]);
    }
  } finally {
    await source.end();
    await target.end();
  }
}

describe.skipIf(!serverBin)("backup and restore with pg_dump, of a server given by DATABASE_URL", () => {
  it("npm run db:backup, a wipe, npm run db:restore: every order, allocation and household back", async () => {
    const dataDir = path.join(work, "external");
    initCluster(dataDir, { binDir: serverBin! });
    const cluster = await startCluster(dataDir, { binDir: serverBin! });
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    const url = cluster.url("xiaokang_external");
    let db: Db | undefined;
    let file: string | undefined;
    try {
      await admin.query("CREATE DATABASE xiaokang_external");
      await copyTestDatabaseTo(url);
      db = createPrismaClient(url, 2);
      const before = await fingerprint(db);
      const source = await fingerprint(testDb);
      for (const table of ["Order", "Allocation", "Household"])
        expect(before[table]!.split(":")[0], table).toBe(source[table]!.split(":")[0]);
      expect(Number(before.Allocation!.split(":")[0])).toBeGreaterThan(10);

      const backup = await dbScript(url, "backup");
      expect(backup.code, backup.stderr).toBe(0);
      const written = /written (\S+\.dump)/.exec(backup.stderr)?.[1];
      expect(written, backup.stderr).toBeTruthy();
      file = path.resolve(ROOT, written!);
      expect(existsSync(file)).toBe(true);

      // The wipe: every table, type and function of the schema gone.
      await db.$disconnect();
      db = undefined;
      const wipe = new pg.Client({ connectionString: url });
      await wipe.connect();
      await wipe.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
      expect((await wipe.query(`SELECT to_regclass('public."Order"') AS t`)).rows[0].t).toBeNull();
      await wipe.end();

      // Restoring asks for --yes first, and refuses a file of the other kind.
      const unconfirmed = await dbScript(url, "restore", file);
      expect(unconfirmed.code).not.toBe(0);
      expect(unconfirmed.stderr).toContain("--yes");
      const wrongKind = await dbScript(url, "restore", path.join(ROOT, "package.json"), "--yes");
      expect(wrongKind.code).not.toBe(0);
      expect(wrongKind.stderr).toContain(".dump");

      const restored = await dbScript(url, "restore", file, "--yes");
      expect(restored.code, restored.stderr).toBe(0);
      db = createPrismaClient(url, 2);
      expect(await fingerprint(db)).toEqual(before);
      // A working database again: the ledgers' triggers are back (an allocation cannot be edited), writes work.
      const allocation = await db.allocation.findFirstOrThrow();
      await expect(
        db.$executeRawUnsafe(`UPDATE "Allocation" SET "amountFen" = "amountFen" + 1 WHERE id = $1`, allocation.id),
      ).rejects.toThrow();
      await db.$executeRawUnsafe(`CREATE TABLE backup_probe (x int)`);
      await db.$executeRawUnsafe(`DROP TABLE backup_probe`);
    } finally {
      await db?.$disconnect();
      await admin.end().catch(() => {});
      await cluster.stop();
      if (file) rmSync(file, { force: true });
    }
  }, 240_000);

  it("says which pg_dump is missing when the server is newer than every installed one", async () => {
    const url = process.env.DATABASE_URL!;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const major = Number((await client.query("SHOW server_version_num")).rows[0].server_version_num.slice(0, -4));
    await client.end();
    if (findPgTool("pg_dump", major)) return; // this machine has one as new as the test server: nothing to refuse
    const answer = await dbScript(url, "backup");
    expect(answer.code).not.toBe(0);
    expect(answer.stderr).toContain(`no pg_dump of version ${major} or newer`);
    expect(answer.stderr).not.toMatch(/postgresql:\/\/[^@\s]*:[^@\s]*@/); // no password in the message
  });
});
