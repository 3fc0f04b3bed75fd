// npm run db:backup                       a backup of the database into .data/backups/
// npm run db:restore -- <file> [--yes]    puts a backup back
//
// With DATABASE_URL (your own PostgreSQL): pg_dump -Fc / pg_restore --clean, with a pg_dump at
// least as new as the server (PG_BIN_DIR, /usr/lib/postgresql/<n>/bin, or PATH).
// Without it (the embedded PostgreSQL of ./start, data in .data/postgres): a physical base backup
// (.tar.gz) made while it runs, through the server's own backup API (the embedded package ships
// no pg_dump: scripts/lib/backup.mjs says why). Restoring it needs ./start stopped; the current
// data folder is moved aside (.data/postgres.before-restore-<time>), never deleted.
import path from "node:path";
import pg from "pg";
import { ensureDatabase, ROOT } from "./lib/database.mjs";
import { baseBackup, findPgTool, isFile, restoreBaseBackup, startCluster } from "./lib/backup.mjs";
import { execFileSync } from "node:child_process";

const DATA_DIR = ".data/postgres";
const stamp = () => new Date().toISOString().replace(/[:.]/g, "-").replace("T", "_").slice(0, 19);
const say = (m) => console.error(`[db] ${m}`);

async function serverMajor(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query("SHOW server_version_num")).rows[0].server_version_num.slice(0, -4));
  } finally {
    await client.end();
  }
}

async function backup() {
  const dir = path.join(ROOT, ".data/backups");
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    const major = await serverMajor(url);
    const pgDump = findPgTool("pg_dump", major);
    if (!pgDump) throw new Error(`no pg_dump of version ${major} or newer: install postgresql-client-${major} or set PG_BIN_DIR`);
    const file = path.join(dir, `xiaokang-${stamp()}.dump`);
    execFileSync("mkdir", ["-p", dir]);
    execFileSync(pgDump, ["--format=custom", "--no-owner", "--file", file, "--dbname", url], { stdio: "inherit" });
    say(`written ${path.relative(ROOT, file)} (pg_dump ${major}); restore with: npm run db:restore -- ${path.relative(ROOT, file)}`);
    return;
  }
  const db = await ensureDatabase({ dataDir: DATA_DIR });
  try {
    const file = path.join(dir, `xiaokang-${stamp()}.tar.gz`);
    const result = await baseBackup({ url: db.url, dataDir: path.join(ROOT, DATA_DIR), out: file });
    say(
      `written ${path.relative(ROOT, file)} (base backup, WAL ${result.startLsn} to ${result.stopLsn}); restore with: npm run db:restore -- ${path.relative(ROOT, file)}`,
    );
  } finally {
    await db.stop();
  }
}

async function restore(file, yes) {
  if (!file || !isFile(file)) throw new Error("usage: npm run db:restore -- <backup file> [--yes]");
  if (process.env.DATABASE_URL) {
    if (!file.endsWith(".dump"))
      throw new Error("with DATABASE_URL, restore a .dump made by pg_dump (a .tar.gz is the embedded database's folder)");
    if (!yes) throw new Error(`this replaces every table of the database at DATABASE_URL with the backup's: run again with --yes`);
    const major = await serverMajor(process.env.DATABASE_URL);
    const pgRestore = findPgTool("pg_restore", major);
    if (!pgRestore) throw new Error(`no pg_restore of version ${major} or newer: install postgresql-client-${major} or set PG_BIN_DIR`);
    execFileSync(pgRestore, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", process.env.DATABASE_URL, file], {
      stdio: "inherit",
    });
    say("restored");
    return;
  }
  if (!file.endsWith(".tar.gz")) throw new Error("without DATABASE_URL, restore a .tar.gz made by npm run db:backup");
  const { movedTo } = restoreBaseBackup({ file, dataDir: path.join(ROOT, DATA_DIR) });
  if (movedTo) say(`the previous data folder is kept in ${path.relative(ROOT, movedTo)}`);
  // Start it once: PostgreSQL replays the backup's WAL and comes up consistent.
  const cluster = await startCluster(path.join(ROOT, DATA_DIR));
  try {
    const client = new pg.Client({ connectionString: cluster.url("xiaokang") });
    await client.connect();
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM "Order")::int AS orders, (SELECT count(*) FROM "Household")::int AS households`,
    );
    await client.end();
    say(`restored: ${rows[0].orders} orders, ${rows[0].households} households. Start the app with ./start`);
  } finally {
    await cluster.stop();
  }
}

const [command, ...rest] = process.argv.slice(2);
const run =
  command === "backup"
    ? backup()
    : command === "restore"
      ? restore(
          rest.find((a) => !a.startsWith("--")),
          rest.includes("--yes"),
        )
      : Promise.reject(new Error("usage: node scripts/db-backup.mjs backup|restore <file>"));
run.then(
  () => process.exit(0),
  (error) => {
    console.error(`[db] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
