// `./start` / `npm start`: the marketplace with demo data on http://localhost:${PORT:-3000}.
//   1. PostgreSQL: embedded (data in .data/postgres, port 54329 or EMBEDDED_PG_PORT), or DATABASE_URL
//   2. migrations, then the demo seed (idempotent)
//   3. `next build` when the sources changed since the last build (or with --rebuild)
//   4. the production server (scripts/serve.mjs: the livestream's hot routes itself, everything else
//      through `next start` behind it on PORT + 10000), then a banner with the URL and the demo sign-ins
// Options:
//   --dev      `next dev` instead of build + start
//   --rebuild  build even if .next looks current
// Ctrl-C (SIGINT) or SIGTERM stops Next and then PostgreSQL.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDatabase } from "./lib/database.mjs";
import { migrate } from "./lib/run.mjs";
import { ensurePrismaClient } from "./lib/prepare.mjs";
import { loadSecrets } from "./lib/secrets.mjs";
import {
  ROOT,
  formatDuration,
  handleSignals,
  isShuttingDown,
  onCleanup,
  portIsFree,
  runStep,
  shutdown,
  start,
  stopDatabase,
  waitForHttp,
} from "./lib/proc.mjs";

const USAGE = "usage: ./start [--dev] [--rebuild]   (PORT=3000, DATABASE_URL optional)";
const DATA_DIR = ".data/postgres";
// What a production build depends on. lib/generated is derived from prisma/schema.prisma.
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "messages",
  "i18n",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "prisma/schema.prisma",
  "postcss.config.mjs",
  "tsconfig.json",
];
const BUILD_SKIP = new Set(["lib/generated", "public/uploads"]);
// Written by this script after its own build. Pages prerendered at build time read the database,
// so a build made against another database (./test builds against the test database) is redone.
const BUILD_MARKER = ".next/xiaokang-build.json";

const log = (message) => console.error(`[start] ${message}`);

function parseArgs(argv) {
  const options = { dev: false, rebuild: false };
  for (const arg of argv) {
    if (arg === "--dev") options.dev = true;
    else if (arg === "--rebuild") options.rebuild = true;
    else if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown option: ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

/** Newest mtime under the build inputs, with the file it belongs to. */
function newestInput() {
  let newest = { mtime: 0, file: "" };
  const visit = (relative) => {
    if (BUILD_SKIP.has(relative)) return;
    let stat;
    try {
      stat = statSync(path.join(ROOT, relative));
    } catch {
      return;
    }
    if (stat.mtimeMs > newest.mtime) newest = { mtime: stat.mtimeMs, file: relative };
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path.join(ROOT, relative))) visit(path.join(relative, entry));
    }
  };
  BUILD_INPUTS.forEach(visit);
  return newest;
}

const databaseId = (url) => createHash("sha256").update(url).digest("hex").slice(0, 16);

/** Why a build is needed, or undefined when .next is current. */
function buildReason(databaseUrl) {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return "no previous build";
  let marker;
  try {
    marker = JSON.parse(readFileSync(path.join(ROOT, BUILD_MARKER), "utf8"));
  } catch {
    return "the last build was not made by ./start";
  }
  if (marker.database !== databaseId(databaseUrl)) return "the last build was made against another database";
  const newest = newestInput();
  if (newest.mtime > statSync(buildId).mtimeMs) return `${newest.file} changed since the last build`;
  return undefined;
}

function describeData(db) {
  if (!db.embedded) {
    const u = new URL(db.url);
    return `the database at DATABASE_URL (${u.hostname}:${u.port || 5432}${u.pathname})`;
  }
  return `${DATA_DIR} (embedded PostgreSQL 18 on port ${new URL(db.url).port})`;
}

/** DEMO_ACCOUNTS from prisma/demo-accounts.ts, or [] when there is none (or it cannot be loaded). */
async function loadDemoAccounts() {
  const file = path.join(ROOT, "prisma/demo-accounts.ts");
  if (!existsSync(file)) return [];
  try {
    const { tsImport } = await import("tsx/esm/api");
    const loaded = await tsImport(file, import.meta.url);
    const accounts = loaded.DEMO_ACCOUNTS ?? loaded.default?.DEMO_ACCOUNTS;
    return Array.isArray(accounts) ? accounts : [];
  } catch (error) {
    log(`could not read prisma/demo-accounts.ts: ${error instanceof Error ? error.message : error}`);
    return [];
  }
}

function printBanner({ url, db, accounts, seeded, dev }) {
  const lines = [`Xiaokang Market is running${dev ? " (development mode)" : ""}: ${url}`, `Data: ${describeData(db)}`];
  if (!seeded) {
    lines.push("", "Demo sign-ins: none (prisma/seed.ts is missing, so no demo data was loaded)");
  } else if (accounts.length) {
    const rows = accounts.map((a) => [
      String(a.role ?? ""),
      String(a.email ?? ""),
      String(a.password ?? ""),
      String(a.nameEn ?? a.name ?? a.label ?? ""),
    ]);
    const header = ["role", "email", "password", rows.some((r) => r[3]) ? "name" : ""];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const format = (cells) =>
      "  " +
      cells
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd();
    lines.push("", "Demo sign-ins:", format(header), ...rows.map(format));
  } else {
    lines.push("", "Demo sign-ins: none listed (prisma/demo-accounts.ts is missing)");
  }
  lines.push("", "Stop with Ctrl-C.");
  const width = Math.min(100, Math.max(...lines.map((l) => l.length)) + 2);
  const rule = "─".repeat(width);
  console.log(["", rule, ...lines.map((l) => (l ? ` ${l}` : "")), rule, ""].join("\n"));
}

async function main() {
  handleSignals({ exitCode: () => 0 });
  const options = parseArgs(process.argv.slice(2));
  const port = Number(process.env.PORT || 3000);
  const began = Date.now();

  ensurePrismaClient();
  const secrets = loadSecrets();
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${port} is already in use (another ./start?). Stop that, or run with PORT=<another port>.`);
  }
  const internalPort = Number(process.env.NEXT_INTERNAL_PORT || port + 10000);
  if (!options.dev && !(await portIsFree(internalPort))) {
    throw new Error(`Port ${internalPort} (Next behind scripts/serve.mjs) is in use. Free it, or set NEXT_INTERNAL_PORT.`);
  }

  let db;
  onCleanup(async () => {
    if (db) {
      log("stopping PostgreSQL");
      await stopDatabase(db, path.join(ROOT, DATA_DIR));
    }
  });
  db = await ensureDatabase({ dataDir: DATA_DIR });
  if (isShuttingDown()) return;

  let t = Date.now();
  log("applying migrations");
  await migrate(db.url);
  log(`migrations applied (${formatDuration(Date.now() - t)})`);

  // NEXTAUTH_URL: the site's public address, for next-auth's redirects and cookies (set it in production).
  const env = {
    DATABASE_URL: db.url,
    ...secrets,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
    // Without Stripe keys, checkout uses the built-in demo payment page (refused in production otherwise).
    DEMO_PAYMENTS: process.env.STRIPE_SECRET_KEY ? process.env.DEMO_PAYMENTS || "0" : "1",
  };
  const seeded = existsSync(path.join(ROOT, "prisma/seed.ts"));
  if (seeded) {
    t = Date.now();
    log("loading demo data (prisma/seed.ts)");
    const code = await runStep("tsx", ["prisma/seed.ts"], { env });
    if (code !== 0) throw new Error(`the demo seed failed (exit ${code})`);
    log(`demo data ready (${formatDuration(Date.now() - t)})`);
  } else {
    log("prisma/seed.ts not found: starting without demo data");
  }

  let server;
  if (options.dev) {
    server = start("next", ["dev", "-p", String(port)], { env: { ...env, NODE_ENV: undefined } });
  } else {
    const reason = options.rebuild ? "--rebuild" : buildReason(db.url);
    if (reason) {
      t = Date.now();
      log(`building the app (${reason}); this takes a minute or two`);
      const code = await runStep("next", ["build"], { env: { ...env, NODE_ENV: "production" } });
      if (code !== 0) throw new Error(`next build failed (exit ${code})`);
      writeFileSync(
        path.join(ROOT, BUILD_MARKER),
        JSON.stringify({ database: databaseId(db.url), builtAt: new Date().toISOString() }) + "\n",
      );
      log(`built (${formatDuration(Date.now() - t)})`);
    } else {
      log("the build in .next is current (use --rebuild to force one)");
    }
    // The production server: scripts/serve.mjs answers the livestream's hot routes itself and passes
    // everything else to `next start` beside it (what bench:livestream measures, and production runs).
    server = start(process.execPath, ["scripts/serve.mjs"], { env: { ...env, NODE_ENV: "production", PORT: String(port) } });
  }
  if (isShuttingDown()) return;
  onCleanup(async () => {
    log("stopping the web server");
    await server.stop();
  });
  server.exited.then(({ code }) => {
    if (isShuttingDown()) return;
    log(`the web server exited (code ${code})`);
    shutdown(code);
  });

  const url = `http://localhost:${port}`;
  const answer = await waitForHttp(`http://127.0.0.1:${port}/`, {
    proc: server,
    timeoutMs: 10 * 60_000,
    onWait: (ms) => log(`still waiting for ${url} to answer (${formatDuration(ms)})`),
  });
  if (!("status" in answer)) return; // exited (handled above) or never answered
  if (answer.status >= 500) log(`warning: ${url}/ answered ${answer.status}`);
  printBanner({ url, db, accounts: seeded ? await loadDemoAccounts() : [], seeded, dev: options.dev });
  log(`ready in ${formatDuration(Date.now() - began)}`);
}

main().catch((error) => {
  if (isShuttingDown()) return;
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  shutdown(1);
});
