// `./test` / `npm test`: every test, against a fresh database.
//   0. the gates: tsc, eslint (with the layering rules) and prettier --check, on a full run
//   1. a fresh embedded PostgreSQL in .data/postgres-test (port 54330 or TEST_PG_PORT),
//      or DATABASE_URL if set (it gets migrated, seeded and written to!)
//   2. migrations, demo seed
//   3. vitest (lib/**/*.test.ts, tests/**/*.test.ts)
//   4. next build, the production server (scripts/serve.mjs, Next behind it on E2E_PORT + 10000) on
//      port 3100 (E2E_PORT), Playwright (e2e/), server log in .data/e2e-server.log
// Options:
//   --unit        only vitest          --e2e   only Playwright
//   -- ARGS       passed to the runner (to both when neither --unit nor --e2e is given,
//                 e.g. `./test -- cart` runs the test files matching "cart" in both)
// Ends with a line "N passed, M failed" and exits non-zero if anything failed.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { installedServerBinDir } from "./lib/backup.mjs";
import { ensureBrowser, ensureDebianPackages } from "./lib/browser.mjs";
import { ensureDatabase } from "./lib/database.mjs";
import { migrate } from "./lib/run.mjs";
import { ensurePrismaClient } from "./lib/prepare.mjs";
import { loadSecrets } from "./lib/secrets.mjs";
import {
  ROOT,
  formatDuration,
  handleSignals,
  interruption,
  isShuttingDown,
  onCleanup,
  portIsFree,
  runStep,
  shutdown,
  start,
  stopDatabase,
  waitForHttp,
} from "./lib/proc.mjs";

const USAGE = "usage: ./test [--unit | --e2e] [-- runner args]";
const DATA_DIR = ".data/postgres-test";
const LOCK = path.join(ROOT, ".data/test.lock");
const VITEST_JSON = path.join(ROOT, ".data/vitest.json");
const PLAYWRIGHT_JSON = path.join(ROOT, ".data/playwright.json");
const SERVER_LOG = path.join(ROOT, ".data/e2e-server.log");

const log = (message) => console.error(`[test] ${message}`);
const began = Date.now();
const timings = []; // [step, ms]
const problems = []; // failures that are not a failing test
const results = []; // one line per runner
const totals = { passed: 0, failed: 0 };
const infrastructureFailure = (message) => {
  if (isShuttingDown()) return; // a step failing because we are stopping it
  problems.push(message);
  totals.failed += 1;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv) {
  const split = argv.indexOf("--");
  const own = split >= 0 ? argv.slice(0, split) : argv;
  const extra = split >= 0 ? argv.slice(split + 1) : [];
  let unit = false;
  let e2e = false;
  for (const arg of own) {
    if (arg === "--unit") unit = true;
    else if (arg === "--e2e") e2e = true;
    else if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown option: ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!unit && !e2e) unit = e2e = true;
  return { unit, e2e, extra };
}

function processIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** One ./test per checkout at a time: the database folder and port 3100 are shared. */
function takeLock() {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  if (existsSync(LOCK)) {
    const pid = Number(readFileSync(LOCK, "utf8").trim());
    if (pid && pid !== process.pid && processIsAlive(pid) && commandLine(pid).includes("test.mjs")) {
      throw new Error(`another ./test is running (pid ${pid}); wait for it, or stop it.`);
    }
  }
  writeFileSync(LOCK, `${process.pid}\n`);
  onCleanup(() => rmSync(LOCK, { force: true }));
}

/** Stops a PostgreSQL left running on the test data folder by an earlier, killed ./test. */
async function stopLeftoverPostgres(dataDir) {
  let pid;
  try {
    pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return;
  }
  if (!pid || !processIsAlive(pid) || !commandLine(pid).includes(dataDir)) return;
  log(`stopping the PostgreSQL (pid ${pid}) left running by an earlier test run`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && processIsAlive(pid); i++) await sleep(100);
  if (processIsAlive(pid)) process.kill(pid, "SIGKILL");
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

async function main() {
  handleSignals();
  const options = parseArgs(process.argv.slice(2));

  // Printed last, on success, failure or Ctrl-C alike (the first cleanup registered runs last).
  onCleanup(() => {
    if (interruption()) {
      problems.push(`interrupted by ${interruption()}`);
      totals.failed += 1;
    }
    console.log("");
    for (const line of results) console.log(line);
    for (const problem of problems) console.log(`FAILED: ${problem}`);
    if (timings.length) console.log(`Steps: ${timings.map(([name, ms]) => `${name} ${formatDuration(ms)}`).join(", ")}`);
    console.log(`Total time: ${formatDuration(Date.now() - began)}`);
    console.log(`${totals.passed} passed, ${totals.failed} failed`);
  });
  const step = async (name, fn) => {
    const t = Date.now();
    try {
      return await fn();
    } finally {
      timings.push([name, Date.now() - t]);
    }
  };
  // A runner that exits non-zero with no failing test (crash, config error, no tests found,
  // unhandled error) still counts as one failure, so the summary never reads "0 failed" then.
  const record = (runner, { passed, failed, skipped = 0, flaky = 0 }, code) => {
    let note = "";
    if (code !== 0 && failed === 0) {
      failed = 1;
      note = ` (exited with code ${code} without a failing test: counted as 1 failure)`;
      problems.push(`${runner} exited with code ${code}`);
    }
    totals.passed += passed;
    totals.failed += failed;
    const extras = [skipped && `${skipped} skipped`, flaky && `${flaky} flaky`].filter(Boolean).join(", ");
    results.push(`${runner}: ${passed} passed, ${failed} failed${extras ? `, ${extras}` : ""}${note}`);
  };

  // The backup test's pg_dump path needs a PostgreSQL server of Debian's beside the embedded one.
  const debianPostgres = options.unit && !installedServerBinDir() ? ["postgresql-15"] : [];
  if (options.e2e) ensureBrowser(debianPostgres);
  else ensureDebianPackages(debianPostgres, "the backup test");
  ensurePrismaClient();

  // 0. The gates, before any test: types, lint (layering included) and formatting. Skipped only
  // when a runner is given arguments (a developer running one file); a full run always has them.
  if (options.extra.length === 0) {
    const gates = [
      ["types (tsc)", "tsc", ["--noEmit"]],
      ["lint (eslint)", "eslint", ["--max-warnings=0", "."]],
      ["format (prettier)", "prettier", ["--check", "--log-level=warn", "."]],
      // Offline: exact pins, lock integrity, security/advisories.json; npm audit where its endpoint answers.
      ["dependency audit", process.execPath, [path.join(ROOT, "scripts/audit-deps.mjs")]],
    ];
    let passed = 0;
    let failed = 0;
    await step("gates", async () => {
      for (const [name, command, args] of gates) {
        const code = await runStep(command, args, {});
        if (code === 0) passed++;
        else {
          failed++;
          problems.push(`${name} found problems (above)`);
        }
      }
    });
    results.push(`gates: ${passed} passed, ${failed} failed`);
    totals.passed += passed;
    totals.failed += failed;
    if (isShuttingDown()) return;
  }
  const secrets = loadSecrets({ file: ".data/test-secrets.json" });
  takeLock();

  // 1. A fresh database.
  const dataDir = path.join(ROOT, DATA_DIR);
  let db;
  onCleanup(async () => {
    if (db) {
      log("stopping PostgreSQL");
      await stopDatabase(db, dataDir);
    }
  });
  try {
    await step("database", async () => {
      if (process.env.DATABASE_URL) {
        log("DATABASE_URL is set: the tests will migrate, seed and write to THAT database");
        db = await ensureDatabase();
        return;
      }
      const port = Number(process.env.TEST_PG_PORT || 54330);
      await stopLeftoverPostgres(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      if (!(await portIsFree(port))) {
        throw new Error(`port ${port} (test PostgreSQL) is in use by something else; free it or set TEST_PG_PORT`);
      }
      db = await ensureDatabase({ dataDir: DATA_DIR, port, database: "xiaokang_test" });
    });
    if (isShuttingDown()) return;
    await step("migrate", () => migrate(db.url));
  } catch (error) {
    infrastructureFailure(`database set-up: ${error instanceof Error ? error.message : error}`);
    return shutdown(1);
  }

  // Uploaded files of the tests go to their own folder, emptied each run like the test database.
  const uploadDir = path.join(ROOT, ".data/uploads-test");
  rmSync(uploadDir, { recursive: true, force: true });
  // No Stripe keys in tests: the e2e server pays through the demo page; vitest points the real
  // stripe client at a local fake Stripe where it needs one (tests/support/fake-stripe.ts).
  const env = {
    DATABASE_URL: db.url,
    // The embedded cluster's folder, for tests/backup.test.ts's base backups (none with DATABASE_URL).
    ...(process.env.DATABASE_URL ? {} : { TEST_PG_DATA_DIR: path.join(ROOT, DATA_DIR) }),
    ...secrets,
    NEXT_TELEMETRY_DISABLED: "1",
    UPLOAD_DIR: uploadDir,
    DEMO_PAYMENTS: "1",
    // Rule 8's cap on one buyer's unpaid orders: the existing checkout tests and benchmark buy as one
    // guest; the tests of the cap pass their own (tests/limits.test.ts).
    MAX_UNPAID_ORDERS: "1000000",
    STRIPE_SECRET_KEY: "",
  };
  if (existsSync(path.join(ROOT, "prisma/seed.ts"))) {
    log("loading demo data (prisma/seed.ts)");
    const code = await step("seed", () => runStep("tsx", ["prisma/seed.ts"], { env }));
    if (code !== 0) {
      infrastructureFailure(`the demo seed (prisma/seed.ts) exited with code ${code}`);
      return shutdown(1);
    }
  } else {
    log("prisma/seed.ts not found: testing without demo data");
  }

  // 2. vitest.
  if (options.unit && !isShuttingDown()) {
    rmSync(VITEST_JSON, { force: true });
    log("vitest");
    const code = await step("vitest", () =>
      runStep("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_JSON}`, ...options.extra], { env }),
    );
    if (isShuttingDown()) return;
    const report = readJson(VITEST_JSON);
    record(
      "vitest",
      {
        passed: report?.numPassedTests ?? 0,
        failed: report?.numFailedTests ?? 0,
        skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
      },
      code,
    );
  }

  // 3. Playwright against a production build.
  if (options.e2e && !isShuttingDown()) {
    const port = Number(process.env.E2E_PORT || 3100);
    const baseUrl = `http://127.0.0.1:${port}`;
    // NEXTAUTH_URL: next-auth's own redirects and cookie settings follow the site's address.
    // JOBS=off: the e2e server runs no scheduled job, so e2e/two-process.spec.ts's two processes
    // are the only sweepers of its orders (the sweeper itself is tested in tests/jobs.test.ts).
    // Mail goes to the SMTP server e2e/mail.spec.ts runs on SMTP_TEST_PORT; the outbox is polled often.
    const smtpPort = Number(process.env.SMTP_TEST_PORT || 2525);
    const e2eEnv = {
      ...env,
      NODE_ENV: "production",
      NEXTAUTH_URL: baseUrl,
      JOBS: "off",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "小康集市 <noreply@xiaokang.test>",
      OUTBOX_POLL_MS: "300",
    };
    const internalPort = Number(process.env.NEXT_INTERNAL_PORT || port + 10000);
    if (!(await portIsFree(port)) || !(await portIsFree(internalPort))) {
      infrastructureFailure(
        `port ${port} or ${internalPort} (Next behind scripts/serve.mjs) is in use, so the test server cannot start (set E2E_PORT to another port)`,
      );
      return shutdown(1);
    }
    rmSync(path.join(ROOT, ".next/xiaokang-build.json"), { force: true }); // ./start must not reuse this build
    log("building the app (next build)");
    const buildCode = await step("build", () => runStep("next", ["build"], { env: e2eEnv }));
    if (isShuttingDown()) return;
    if (buildCode !== 0) {
      infrastructureFailure(`next build exited with code ${buildCode}; Playwright did not run`);
      return shutdown(1);
    }
    log(`starting the app on ${baseUrl} (log: ${path.relative(ROOT, SERVER_LOG)})`);
    // The production server, as ./start runs it: scripts/serve.mjs in front of `next start` (on port + 10000).
    const server = start(process.execPath, ["scripts/serve.mjs"], { env: { ...e2eEnv, PORT: String(port) }, logFile: SERVER_LOG });
    onCleanup(async () => {
      log("stopping the test server");
      await server.stop();
    });
    const answer = await step("server", () => waitForHttp(`${baseUrl}/`, { ok: (s) => s === 200, timeoutMs: 60_000, proc: server }));
    if (isShuttingDown()) return;
    if (!("status" in answer)) {
      const why = "exited" in answer ? "exited" : "did not answer 200 on / within 60s";
      console.error(`----- ${path.relative(ROOT, SERVER_LOG)} -----\n${readFileSync(SERVER_LOG, "utf8")}\n-----`);
      infrastructureFailure(`the test server ${why}; Playwright did not run`);
      return shutdown(1);
    }
    rmSync(PLAYWRIGHT_JSON, { force: true });
    log("playwright");
    const code = await step("playwright", () =>
      runStep("playwright", ["test", ...options.extra], {
        env: {
          ...env,
          E2E_BASE_URL: baseUrl,
          PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON,
          CHROMIUM_PATH: process.env.CHROMIUM_PATH,
          SMTP_TEST_PORT: String(smtpPort),
        },
      }),
    );
    if (isShuttingDown()) return;
    const stats = readJson(PLAYWRIGHT_JSON)?.stats ?? {};
    record(
      "playwright",
      {
        passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
        failed: stats.unexpected ?? 0,
        skipped: stats.skipped ?? 0,
        flaky: stats.flaky ?? 0,
      },
      code,
    );
    if (code !== 0) log(`the server log is in ${path.relative(ROOT, SERVER_LOG)}; the HTML report in playwright-report/`);
  }

  return shutdown(totals.failed > 0 || problems.length > 0 ? 1 : 0);
}

main().catch((error) => {
  infrastructureFailure(error instanceof Error ? error.message : String(error));
  shutdown(1);
});
