// What every benchmark (scripts/bench-*.mjs) needs besides its own measurement: its own
// PostgreSQL (prepared, migrated, stopped on exit), project commands run with their output in a
// log file, percentiles, and the machine's load to print beside the figures.
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDatabase } from "./database.mjs";
import { ensurePrismaClient } from "./prepare.mjs";
import { formatDuration, isShuttingDown, onCleanup, portIsFree, ROOT, start, stopDatabase } from "./proc.mjs";
import { migrate } from "./run.mjs";
import { loadSecrets } from "./secrets.mjs";

/** The p-th percentile (nearest rank) of an ascending array; NaN when it is empty. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** "load 1.52 / 1.20 / 0.98 on 2 cores": what else the machine was doing, for the report. */
export function machineLoad() {
  const [a, b, c] = os.loadavg();
  return `load ${a.toFixed(2)} / ${b.toFixed(2)} / ${c.toFixed(2)} on ${os.cpus().length} cores`;
}

/**
 * The benchmark's own database: the Prisma client generated, secrets of its own, an embedded
 * PostgreSQL in `dataDir` on `port` (or DATABASE_URL), migrated, and stopped when the run ends.
 * `fresh`: the folder is made anew (a burst benchmark's runs then start alike, instead of each one
 * meeting the orders, payment requests and expiring reservations that earlier runs left).
 */
export async function benchDatabase({ dataDir, port, log, fresh = false }) {
  ensurePrismaClient();
  if (fresh && !process.env.DATABASE_URL) {
    if (!(await portIsFree(port))) throw new Error(`port ${port} is in use: a PostgreSQL of an earlier run? Stop it first`);
    rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
  }
  const secrets = loadSecrets({ file: ".data/bench-secrets.json" });
  let db;
  onCleanup(async () => {
    if (db) {
      log("stopping PostgreSQL");
      await stopDatabase(db, path.join(ROOT, dataDir));
    }
  });
  db = await ensureDatabase({ dataDir, port, log: (m) => log(`db: ${m}`) });
  if (isShuttingDown()) await new Promise(() => {});
  log("applying migrations");
  await migrate(db.url);
  return { db, secrets };
}

/** The last `lines` lines of a log file ("" when there is none). */
export function tail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/**
 * Runs a project command (node_modules/.bin) to completion with its output in `<logDir>/<name>.log`;
 * throws with the log's last lines on failure or after `timeoutMs`. Returns the output and duration.
 */
export async function loggedStep(name, command, args, { env, logDir, log, timeoutMs = 60 * 60_000 }) {
  const logFile = path.join(logDir, `${name}.log`);
  const began = Date.now();
  log(`${name}: ${command} ${args.join(" ")} (output in ${path.relative(ROOT, logFile)})`);
  const proc = start(command, args, { env, logFile });
  onCleanup(() => proc.stop());
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.stop();
  }, timeoutMs);
  const note = setInterval(() => log(`${name}: still running (${formatDuration(Date.now() - began)})`), 60_000);
  const { code } = await proc.exited;
  clearTimeout(timer);
  clearInterval(note);
  if (isShuttingDown()) await new Promise(() => {});
  if (timedOut || code !== 0) {
    const why = timedOut ? `timed out after ${formatDuration(timeoutMs)}` : `failed (exit ${code})`;
    throw new Error(`${name} ${why}; last lines of ${path.relative(ROOT, logFile)}:\n${tail(logFile, 30)}`);
  }
  log(`${name}: done (${formatDuration(Date.now() - began)})`);
  return { output: readFileSync(logFile, "utf8"), ms: Date.now() - began };
}

/** A number with thousands separators and `digits` decimals ("1,234.5"). */
export const fixed = (n, digits = 1) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * The options of a burst benchmark (bench:checkout, bench:livestream): --buyers N, --stock N,
 * --extra N (requests beyond the stock, to be refused) and --no-build. Exits with the usage on a
 * bad or unknown option.
 */
export function parseBurstArgs(argv, usage) {
  const options = { buyers: 200, stock: 13_400, extra: 600, build: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const number = () => {
      const n = Number(inline ?? argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
        console.error(`${flag} needs a whole number\n${usage}`);
        process.exit(2);
      }
      return n;
    };
    if (flag === "--buyers") options.buyers = number();
    else if (flag === "--stock") options.stock = number();
    else if (flag === "--extra") options.extra = number();
    else if (flag === "--no-build") options.build = false;
    else {
      console.error(`unknown option: ${argv[i]}\n${usage}`);
      process.exit(flag === "-h" || flag === "--help" ? 0 : 2);
    }
  }
  return options;
}

/** A process and its descendants, by /proc (Linux); [] when it is gone. */
export function processTree(pid) {
  let kids = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return [pid, ...kids.flatMap(processTree)];
}

/** CPU seconds (user + system) each process has used so far, by pid (Linux; clock ticks of 1/100 s). */
export function cpuSecondsByPid(pids) {
  const out = new Map();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime, stime
    } catch {
      /* gone */
    }
  }
  return out;
}

/**
 * CPU used by named groups of processes between start() and stop(): each group is a function
 * returning its pids now (a tree can gain processes, e.g. PostgreSQL backends), sampled at both
 * ends and every 200 ms between, so a process that ends in the window still counts up to its last sample.
 */
export function cpuSplit(groups) {
  const first = new Map();
  const last = new Map();
  const sample = () => {
    for (const [name, pidsOf] of Object.entries(groups)) {
      for (const [pid, s] of cpuSecondsByPid(pidsOf())) {
        const key = `${name}:${pid}`;
        if (!first.has(key)) first.set(key, s);
        last.set(key, s);
      }
    }
  };
  let timer = null;
  return {
    start() {
      sample();
      timer = setInterval(sample, 200);
    },
    stop() {
      clearInterval(timer);
      sample();
      const seconds = {};
      for (const name of Object.keys(groups)) seconds[name] = 0;
      for (const [key, s] of last) {
        const name = key.slice(0, key.lastIndexOf(":"));
        seconds[name] += s - (first.get(key) ?? s);
      }
      return seconds;
    },
  };
}
