// `npm run bench:pages`: a throughput benchmark of the storefront's cached pages (a benchmark, not a test).
//   1. its own PostgreSQL (embedded, .data/postgres-bench on port 54331 or BENCH_DB_PORT; DATABASE_URL wins), migrations,
//      the demo seed and the volume generator (prisma/seed-large.ts; skipped with --small)
//   2. `next build` (skipped with --no-build), then `next start -H localhost -p 3200` (or BENCH_PORT; loopback only, see bindArgs) in production mode
//   3. URLs chosen from the data: /about (static yardstick), /products, a filtered and searched catalogue
//      page, a product page, and (unless --no-en) the English filtered catalogue page
//   4. per URL: one cold request (the render cost), a few warm-up requests, then autocannon for a fixed
//      duration at fixed concurrency, one URL at a time, /about first and again last
//   5. a table (req/s, p50/p95/p99, ratio to /about, x-nextjs-cache, PASS/MISS) and bench-results/pages.json
// Everything targets 127.0.0.1; the server and the database are stopped at the end, on error and on Ctrl-C.
// Options: --small  --no-build  --duration N (s, default 15)  --connections N (default 50)
//          --warmup N (s of unmeasured load before each run, default 3)  --no-en  --gzip
//          --serve[=FILE]  the production server in front of Next (scripts/serve.mjs, or FILE to compare
//                          another version of it): what ./start runs, with the cached pages' CSP hashes
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchDatabase, loggedStep, machineLoad, percentile, tail } from "./lib/bench.mjs";
import { ROOT, formatDuration, handleSignals, isShuttingDown, onCleanup, portIsFree, shutdown, start, waitForHttp } from "./lib/proc.mjs";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon");

const USAGE =
  "usage: npm run bench:pages -- [--small] [--no-build] [--duration N] [--connections N] [--warmup N] [--no-en] [--gzip] [--serve[=FILE]]";
const DATA_DIR = ".data/postgres-bench";
// Overridable, so two people (or two worktrees) can run benchmarks on one machine.
const DB_PORT = Number(process.env.BENCH_DB_PORT || 54331);
const PORT = Number(process.env.BENCH_PORT || 3200);
const HOST = "127.0.0.1";
const BASE = `http://${HOST}:${PORT}`;
const OUT_DIR = path.join(ROOT, "bench-results");
const LOG_DIR = path.join(OUT_DIR, "logs");
const TARGETS = { minRatio: 0.8, maxP95Ms: 100 };
const WARM_REQUESTS = 5;

const log = (message) => console.error(`[bench] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv) {
  const options = { small: false, build: true, duration: 15, connections: 50, warmup: 3, english: true, gzip: false, serve: null };
  const number = (name, raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 3600) {
      console.error(`${name} needs a whole number from 1 to 3600\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--small") options.small = true;
    else if (flag === "--no-build") options.build = false;
    else if (flag === "--duration") options.duration = number(flag, value());
    else if (flag === "--connections") options.connections = number(flag, value());
    else if (flag === "--warmup") options.warmup = number(flag, value());
    else if (flag === "--no-en") options.english = false;
    else if (flag === "--gzip") options.gzip = true;
    else if (flag === "--serve") options.serve = inline ?? "scripts/serve.mjs";
    else if (flag === "-h" || flag === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown option: ${argv[i]}\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

const step = (name, command, args, { env, timeoutMs }) => loggedStep(name, command, args, { env, timeoutMs, logDir: LOG_DIR, log });

// ---------------------------------------------------------------------------------------------
// The benchmark builds into its own folder (next.config.ts reads NEXT_DIST_DIR), so ./start and
// ./test, which use .next, never disturb it and it never disturbs them.
const DIST_DIR = ".next-bench";

const buildId = () => {
  try {
    return readFileSync(path.join(ROOT, DIST_DIR, "BUILD_ID"), "utf8").trim();
  } catch {
    return undefined;
  }
};

/**
 * How to keep `next start` on the loopback interface. Not `-H 127.0.0.1`: with a literal IP as hostname,
 * Next 16.4 treats the proxy's rewrites (to http://localhost:PORT/...) as external and proxies them over
 * the network to localhost, so every rewritten page fails or hangs (vercel/next.js#94745). `-H localhost`
 * keeps rewrites internal; it binds 127.0.0.1 only where localhost resolves there first.
 */
async function bindArgs() {
  const { address } = await lookup("localhost").catch(() => ({ address: undefined }));
  if (address === HOST) return ["-H", "localhost"];
  log(`note: localhost resolves to ${address ?? "nothing"}, not ${HOST}: the server listens on all interfaces`);
  return [];
}

// ---------------------------------------------------------------------------------------------
// The data: its size, and the URLs to measure.

async function inspectData(url, { english }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql, params = []) => (await client.query(sql, params)).rows[0];
    const size = await one(`SELECT
        (SELECT count(*) FROM "Product")::int AS products,
        (SELECT count(*) FROM "Product" WHERE listed)::int AS "listedProducts",
        (SELECT count(*) FROM "Household")::int AS households,
        (SELECT count(*) FROM "Operator")::int AS operators,
        (SELECT count(*) FROM "BenefitLink")::int AS "benefitLinks",
        current_setting('server_version') AS "postgresVersion"`);
    if (!size.listedProducts) throw new Error("the database has no listed products: did the seed run?");

    const counties = (
      await client.query(`SELECT "countyId" AS id, count(*)::int AS n FROM "Product" WHERE listed
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2`)
    ).rows;
    const county = counties[0];
    const category = await one(
      `SELECT category::text AS name, count(*)::int AS n FROM "Product"
       WHERE listed AND status = 'CERTIFIED' AND "countyId" = $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      [county.id],
    );
    if (!category) throw new Error(`no certified listed product in county ${county.id}`);

    // The search word: the two Chinese characters found in the most product names of that county and category.
    const countyName = (await one(`SELECT "nameZh" FROM "Region" WHERE id = $1`, [county.id]))?.nameZh ?? "";
    const names = (
      await client.query(
        `SELECT "nameZh" FROM "Product" WHERE listed AND status = 'CERTIFIED' AND "countyId" = $1 AND category::text = $2`,
        [county.id, category.name],
      )
    ).rows.map((r) => r.nameZh);
    const bigrams = new Map();
    for (const name of names) {
      const seen = new Set();
      const chars = [...name];
      for (let i = 0; i + 1 < chars.length; i++) {
        const pair = chars[i] + chars[i + 1];
        // What a shopper types: a product word, not the county's name that most names start with.
        if (/^\p{Script=Han}{2}$/u.test(pair) && !countyName.includes(pair)) seen.add(pair);
      }
      for (const pair of seen) bigrams.set(pair, (bigrams.get(pair) ?? 0) + 1);
    }
    const q = [...bigrams].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    if (!q) throw new Error(`no Chinese product name in county ${county.id}, category ${category.name}`);
    const filteredCount = (
      await one(
        `SELECT count(*)::int AS n FROM "Product" WHERE listed AND status = 'CERTIFIED' AND "countyId" = $1
         AND category::text = $2 AND ("nameZh" ILIKE $3 OR "nameEn" ILIKE $3)`,
        [county.id, category.name, `%${q}%`],
      )
    ).n;

    const products = (
      await client.query(`SELECT slug, "nameZh", "nameEn" FROM "Product" WHERE listed
        ORDER BY (status = 'CERTIFIED') DESC, "soldCount" DESC, "createdAt", slug LIMIT 2`)
    ).rows;

    const filterQuery = new URLSearchParams({
      county: county.id,
      category: category.name,
      certified: "1",
      q,
      sort: "price_asc",
    }).toString();
    const urls = [
      { id: "static", label: "static page (yardstick)", path: "/about", expect: "<h1" },
      { id: "catalog", label: "catalogue", path: "/products", expect: 'data-testid="result-count"' },
      {
        id: "filtered",
        label: `catalogue: county ${county.id}, ${category.name}, certified, q=${q}, price_asc (${filteredCount} results)`,
        path: `/products?${filterQuery}`,
        expect: 'data-testid="result-count"',
      },
      {
        id: "product",
        label: `product: ${products[0].nameZh}`,
        path: `/products/${products[0].slug}`,
        expect: escapeHtml(products[0].nameZh),
      },
    ];
    if (english) {
      urls.push({
        id: "filtered-en",
        label: "catalogue (English), same filters",
        path: `/en/products?${filterQuery}`,
        expect: 'data-testid="result-count"',
      });
    }
    // One request per route before the cold measurements, so that a cold time is the render cost of
    // that URL and not the one-off loading of the route's code. They share no cached data with the URLs.
    const primers = [
      counties[1]
        ? `/products?${new URLSearchParams({ county: counties[1].id, sort: "price_desc" })}`
        : `/products?${new URLSearchParams({ category: category.name, sort: "price_desc", page: "2" })}`,
      products[1] ? `/products/${products[1].slug}` : undefined,
    ].filter(Boolean);
    return {
      size,
      choice: {
        county: county.id,
        countyProducts: county.n,
        category: category.name,
        categoryCertifiedProducts: category.n,
        q,
        filteredCount,
        productSlug: products[0].slug,
      },
      urls,
      primers,
    };
  } finally {
    await client.end();
  }
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

// ---------------------------------------------------------------------------------------------
// Measuring.

async function timedGet(urlPath, headers) {
  const began = performance.now();
  const response = await fetch(BASE + urlPath, { redirect: "manual", headers, signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  return {
    ms: performance.now() - began,
    status: response.status,
    cache: response.headers.get("x-nextjs-cache") ?? "-",
    cacheControl: response.headers.get("cache-control") ?? "",
    bytes: Buffer.byteLength(body),
    body,
  };
}

let running; // the autocannon instance in progress, stopped on Ctrl-C (cleanup registered in main)

// CPU time, to tell what a run measured: the server's CPU per request (low when pages come from the
// cache, whatever else runs on the machine) and how much CPU other processes took meanwhile. Linux only.
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms used so far by the processes of a process group (the server and any worker it forks). */
function groupCpuMs(pgid) {
  if (process.platform !== "linux") return NaN;
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3 (state)
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // exited meanwhile
    }
  }
  return ticks * TICK_MS;
}

/** CPU ms all cores spent busy so far (from /proc/stat). */
function machineBusyMs() {
  if (process.platform !== "linux") return NaN;
  try {
    const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
    return (user + nice + system + irq + softirq + steal) * TICK_MS;
  } catch {
    return NaN;
  }
}

function cpuSnapshot(serverPgid) {
  const own = process.cpuUsage();
  return { at: performance.now(), server: groupCpuMs(serverPgid), own: (own.user + own.system) / 1000, machine: machineBusyMs() };
}

async function load(urlPath, options, headers, serverPgid) {
  const samples = [];
  const instance = autocannon({
    url: BASE + urlPath,
    connections: options.connections,
    duration: options.duration,
    headers,
    timeout: 10,
    // Unmeasured load first (same URL, same concurrency): JIT and sockets warm, so the first run is not penalised.
    warmup: { duration: options.warmup, connections: options.connections },
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  });
  running = instance;
  let before;
  instance.on("start", () => (before = cpuSnapshot(serverPgid))); // the measured run, after the warm-up
  instance.on("response", (_client, _status, _bytes, responseTime) => samples.push(responseTime));
  const result = await instance;
  const after = cpuSnapshot(serverPgid);
  running = undefined;
  const wallMs = after.at - before.at;
  const capacityMs = wallMs * os.cpus().length;
  const serverMs = after.server - before.server;
  const ownMs = after.own - before.own;
  const cpu = {
    serverMsPerRequest: serverMs / result.requests.total,
    serverPercentOfMachine: (100 * serverMs) / capacityMs,
    loadGeneratorPercentOfMachine: (100 * ownMs) / capacityMs,
    otherPercentOfMachine: Math.max(0, (100 * (after.machine - before.machine - serverMs - ownMs)) / capacityMs),
  };
  const sorted = Float64Array.from(samples).sort();
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    durationS: result.duration,
    bytesPerSecond: result.throughput.average,
    latencyMs: {
      mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    cpu,
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

const fixed = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

function report({ runs, yardstick, meta }) {
  const rows = [
    ["URL", "cache", "KB", "cold ms", "req/s", "p50 ms", "p95 ms", "p99 ms", "ratio", "srv CPU ms/req", "other CPU", "2xx", "result"],
  ];
  for (const run of runs) {
    rows.push([
      run.path,
      `${run.cacheBefore}/${run.cacheAfter}`,
      fixed(run.bytes / 1024, 0),
      run.coldMs === undefined ? "(=1st)" : fixed(run.coldMs),
      fixed(run.requestsPerSecond, 0),
      fixed(run.latencyMs.p50),
      fixed(run.latencyMs.p95),
      fixed(run.latencyMs.p99),
      `${fixed(run.ratio * 100, 0)}%`,
      fixed(run.cpu.serverMsPerRequest, 2),
      `${fixed(run.cpu.otherPercentOfMachine, 0)}%`,
      run.non2xx || run.errors || run.timeouts ? `NO (${run.non2xx} non-2xx, ${run.errors} err)` : "all",
      run.pass ? "PASS" : `MISS${run.ratio < TARGETS.minRatio ? " (ratio)" : ""}${run.latencyMs.p95 >= TARGETS.maxP95Ms ? " (p95)" : ""}`,
    ]);
  }
  const d = meta.dataset;
  return [
    "",
    `Page benchmark: ${meta.options.connections} connections, ${meta.options.duration} s per URL (after ${meta.options.warmup} s unmeasured), one URL at a time` +
      `${meta.options.gzip ? ", Accept-Encoding: gzip" : ", no compression"}` +
      `${meta.options.serve ? `, through ${meta.options.serve}` : ", next start alone"}`,
    `Targets: each page >= ${TARGETS.minRatio * 100}% of the static page's requests/s, p95 < ${TARGETS.maxP95Ms} ms`,
    "",
    table(rows),
    "",
    `Yardstick (/about): ${fixed(yardstick, 0)} req/s = mean of ${runs
      .filter((r) => r.id === "static")
      .map((r) => fixed(r.requestsPerSecond, 0))
      .join(" and ")} (first and last run)`,
    "cache = x-nextjs-cache after warm-up / right after the load run ('-' = header absent);",
    "KB = HTML size (uncompressed); srv CPU ms/req = the server's CPU time per request; other CPU = share of the machine taken by",
    "  processes other than the server and the load generator during the run (high: someone else's load, figures noisy)",
    "cold ms = first request of that URL on a fresh server (its route's code already loaded): the render cost",
    ...meta.urls.map((u) => `  ${u.decoded}  = ${u.label}`),
    `Data: ${d.products} products (${d.listedProducts} listed), ${d.households} households, ${d.operators} operators, ` +
      `${d.benefitLinks} benefit links${meta.options.small ? " [--small: volume generator skipped this time]" : ""}; PostgreSQL ${d.postgresVersion}`,
    `Machine: ${meta.machine.cores} cores, ${meta.machine.model}, ${meta.machine.memoryGB} GB, ${meta.machine.os}` +
      " (load generator and server share it)",
    `Versions: Node ${meta.versions.node}, Next ${meta.versions.next}, autocannon ${meta.versions.autocannon}`,
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------

async function main() {
  handleSignals();
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(LOG_DIR, { recursive: true });
  const began = Date.now();

  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is in use (another benchmark?): free it first`);
  if (!existsSync(path.join(ROOT, "prisma/seed.ts")))
    throw new Error("prisma/seed.ts does not exist yet: nothing to seed the benchmark with");
  if (!options.small && !existsSync(path.join(ROOT, "prisma/seed-large.ts"))) {
    throw new Error("prisma/seed-large.ts does not exist yet: run with --small to measure with the demo data only");
  }
  if (!options.build && !buildId()) throw new Error(`--no-build, but there is no build in ${DIST_DIR}`);

  // 1. Database and data.
  const { db, secrets } = await benchDatabase({ dataDir: DATA_DIR, port: DB_PORT, log });
  const env = { DATABASE_URL: db.url, ...secrets, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR };
  await step("seed", "tsx", ["prisma/seed.ts"], { env, timeoutMs: 10 * 60_000 });
  // The volume without order lines, as docs/benchmarks.md describes the run: the million lines took
  // over a quarter of an hour to write on a busy machine before any page was measured.
  if (!options.small) await step("seed-large", "tsx", ["prisma/seed-large.ts", "--order-lines", "0"], { env, timeoutMs: 45 * 60_000 });
  const data = await inspectData(db.url, options);
  log(`data: ${data.size.products} products, ${data.size.households} households`);

  // 2. Build and server.
  if (options.build) await step("build", "next", ["build"], { env: { ...env, NODE_ENV: "production" }, timeoutMs: 20 * 60_000 });
  const builtAs = buildId();
  const serverLog = path.join(LOG_DIR, options.serve ? "serve.log" : "next-start.log");
  const server = options.serve
    ? // scripts/serve.mjs on PORT, `next start` behind it on PORT + 10000 (same process group: its CPU is counted).
      start(process.execPath, [options.serve], {
        env: { ...env, NODE_ENV: "production", PORT: String(PORT), HOSTNAME: HOST, NEXTAUTH_URL: BASE },
        logFile: serverLog,
      })
    : start("next", ["start", ...(await bindArgs()), "-p", String(PORT)], {
        env: { ...env, NODE_ENV: "production" },
        logFile: serverLog,
      });
  onCleanup(async () => {
    log("stopping the web server");
    await server.stop();
  });
  onCleanup(() => running?.stop?.());
  let finished = false;
  server.exited.then(({ code }) => {
    if (finished || isShuttingDown()) return;
    console.error(`[bench] the web server exited (code ${code}) during the benchmark; last lines of its log:\n${tail(serverLog)}`);
    shutdown(1);
  });
  const answer = await waitForHttp(`${BASE}/en/about`, { proc: server, timeoutMs: 3 * 60_000, ok: (s) => s < 500 });
  if (!("status" in answer)) throw new Error(`the server did not answer on ${BASE} (see ${path.relative(ROOT, serverLog)})`);
  if (buildId() !== builtAs) throw new Error(`${DIST_DIR} was rebuilt while the server started: run the benchmark again`);
  log(`server ready on ${BASE} (build ${builtAs})`);

  const headers = options.gzip ? { "accept-encoding": "gzip" } : {};
  // 3. Cold and warm.
  const primed = [];
  for (const p of data.primers) {
    const r = await timedGet(p, headers);
    primed.push({ path: p, ms: r.ms, status: r.status, cache: r.cache });
  }
  const cold = new Map();
  for (const u of data.urls) {
    const r = await timedGet(u.path, headers);
    if (r.status !== 200) throw new Error(`${u.path} answered ${r.status} (cold request); see ${path.relative(ROOT, serverLog)}`);
    if (!r.body.includes(u.expect))
      throw new Error(`${u.path} answered 200 but without ${JSON.stringify(u.expect)}: not the expected page`);
    cold.set(u.id, { ms: r.ms, cache: r.cache, bytes: r.bytes, cacheControl: r.cacheControl });
    log(`cold ${u.path}: ${fixed(r.ms)} ms, ${r.bytes} bytes, x-nextjs-cache ${r.cache}`);
  }
  const warm = new Map();
  for (const u of data.urls) {
    let last;
    for (let i = 0; i < WARM_REQUESTS; i++) last = await timedGet(u.path, headers);
    warm.set(u.id, { ms: last.ms, cache: last.cache, status: last.status });
  }

  // 4. Load, one URL at a time, the static page first and last.
  const plan = [...data.urls, data.urls[0]];
  const runs = [];
  for (const [index, u] of plan.entries()) {
    if (isShuttingDown()) return;
    log(`load ${index + 1}/${plan.length}: ${u.path} (${options.duration} s, ${options.connections} connections)`);
    const result = await load(u.path, options, headers, server.child.pid);
    const after = await timedGet(u.path, headers);
    runs.push({
      id: u.id,
      path: u.path,
      label: u.label,
      coldMs: index === plan.length - 1 ? undefined : cold.get(u.id).ms,
      warmMs: warm.get(u.id).ms,
      cacheBefore: warm.get(u.id).cache,
      cacheAfter: after.cache,
      bytes: cold.get(u.id).bytes,
      ...result,
    });
    log(`  ${fixed(result.requestsPerSecond, 0)} req/s, p95 ${fixed(result.latencyMs.p95)} ms, non-2xx ${result.non2xx}`);
    await sleep(1000); // let sockets close between runs
  }
  finished = true;

  // 5. Figures.
  const statics = runs.filter((r) => r.id === "static");
  const yardstick = statics.reduce((a, r) => a + r.requestsPerSecond, 0) / statics.length;
  for (const run of runs) {
    run.ratio = run.requestsPerSecond / yardstick;
    run.pass = run.ratio >= TARGETS.minRatio && run.latencyMs.p95 < TARGETS.maxP95Ms && !run.non2xx && !run.errors && !run.timeouts;
  }
  const failed = runs.filter((r) => r.non2xx || r.errors || r.timeouts);
  const cpus = os.cpus();
  const meta = {
    generatedAt: new Date().toISOString(),
    options,
    targets: TARGETS,
    machine: {
      cores: cpus.length,
      model: cpus[0]?.model ?? "unknown",
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    versions: {
      node: process.version,
      next: require("next/package.json").version,
      autocannon: require("autocannon/package.json").version,
      buildId: builtAs,
    },
    dataset: data.size,
    choice: data.choice,
    urls: data.urls.map(({ id, label, path: p }) => ({ id, label, path: p, decoded: decodeURIComponent(p) })),
  };
  console.log(report({ runs, yardstick, meta }));
  console.log(`Machine during the run: ${machineLoad()}`);
  const staticSpread = Math.abs(statics[0].requestsPerSecond - statics[1].requestsPerSecond) / yardstick;
  if (staticSpread > 0.1) log(`note: the two /about runs differ by ${fixed(staticSpread * 100, 0)}%: the machine is noisy, repeat the run`);
  const busiest = Math.max(...runs.map((r) => r.cpu.otherPercentOfMachine));
  if (busiest > 15)
    log(
      `note: other processes took up to ${fixed(busiest, 0)}% of the machine during a run: the figures are noisy, repeat on a quiet machine`,
    );
  const buildChanged = buildId() !== builtAs;
  const serverErrors = tail(serverLog, 100000)
    .split("\n")
    .filter((l) => /\b(Error|error)\b|⨯/.test(l));
  if (serverErrors.length) log(`note: ${serverErrors.length} error lines in ${path.relative(ROOT, serverLog)}, first: ${serverErrors[0]}`);

  const results = {
    ...meta,
    ok: failed.length === 0 && !buildChanged,
    buildChanged,
    allPass: runs.every((r) => r.pass),
    yardstickRequestsPerSecond: yardstick,
    staticRunSpread: staticSpread,
    primers: primed,
    cold: Object.fromEntries(cold),
    runs,
    durationS: Math.round((Date.now() - began) / 1000),
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, "pages.json"), JSON.stringify(results, null, 2) + "\n");
  log(`figures written to ${path.relative(ROOT, path.join(OUT_DIR, "pages.json"))} (total ${formatDuration(Date.now() - began)})`);

  if (buildChanged) {
    console.error(`\n[bench] INVALID: ${DIST_DIR} was rebuilt during the benchmark (BUILD_ID changed): run it again`);
    await shutdown(1);
  }
  if (failed.length) {
    console.error(
      `\n[bench] FAILED: non-2xx responses or errors under load:\n` +
        failed
          .map(
            (r) =>
              `  ${r.path}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, status codes ${JSON.stringify(r.statusCodes)}`,
          )
          .join("\n") +
        `\n  see ${path.relative(ROOT, serverLog)}`,
    );
    await shutdown(1);
  }
  await shutdown(0);
}

main().catch((error) => {
  if (isShuttingDown()) return;
  console.error(`[bench] ${error instanceof Error ? error.message : error}`);
  shutdown(1);
});
