// `npm run bench:reports`: how fast the office reports answer on a year of a busy county (a
// benchmark, not a test).
//   1. its own PostgreSQL (embedded, .data/postgres-bench-reports on port BENCH_DB_PORT, default 54352; DATABASE_URL wins),
//      migrations, the demo seed, and the volume generator (prisma/seed-large.ts: 10,000 products,
//      100,000 households, then 1,000,000 order lines over two years with their allocations, refunds
//      and payouts, computed by the payment's own ledger code); the generation time is printed.
//      The data folder is kept: a second run reuses it (--fresh starts over).
//   2. scripts/bench-reports-run.ts (tsx): p50/p95 of the county dashboard (everything /office/reports
//      computes for the busiest county, this year) and of a one-year township breakdown, from the
//      rollups and, in the same run, naively (GROUP BY over the raw order lines and allocations),
//      with the ratio; and 10 officers opening the dashboard at once. Targets: dashboard p95 < 150 ms,
//      10 at once p95 < 500 ms. The load average is printed beside every figure.
//   3. a table, and bench-results/reports.json.
// Options: --fresh  --runs N (default 40)  --naive-runs N (default 8)  --order-lines N (default 1,000,000)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase, loggedStep, machineLoad } from "./lib/bench.mjs";
import { ROOT, formatDuration, handleSignals, isShuttingDown, shutdown } from "./lib/proc.mjs";

const USAGE = "usage: npm run bench:reports -- [--fresh] [--runs N] [--naive-runs N] [--order-lines N]";
const DATA_DIR = ".data/postgres-bench-reports";
const DB_PORT = Number(process.env.BENCH_DB_PORT || 54352);
const OUT_DIR = path.join(ROOT, "bench-results");
const LOG_DIR = path.join(OUT_DIR, "logs");
const TARGET_P95_MS = 150;
const TARGET_CROWD_P95_MS = 500;

const log = (message) => console.error(`[bench] ${message}`);

function parseArgs(argv) {
  const options = { fresh: false, runs: 40, naiveRuns: 8, orderLines: 1_000_000 };
  const number = (name, raw, max) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      console.error(`${name} needs a whole number from 1 to ${max}\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--fresh") options.fresh = true;
    else if (flag === "--runs") options.runs = number(flag, value(), 10_000);
    else if (flag === "--naive-runs") options.naiveRuns = number(flag, value(), 1_000);
    else if (flag === "--order-lines") options.orderLines = number(flag, value(), 50_000_000);
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

/** Runs a project command; its output goes to bench-results/logs/<name>.log and is returned. */
const step = (name, command, args, env) => loggedStep(name, command, args, { env, logDir: LOG_DIR, log });

const ms = (n) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

async function main() {
  handleSignals();
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(LOG_DIR, { recursive: true });
  const began = Date.now();
  if (options.fresh && !process.env.DATABASE_URL) {
    log(`--fresh: removing ${DATA_DIR}`);
    rmSync(path.join(ROOT, DATA_DIR), { recursive: true, force: true });
  }
  const { db, secrets } = await benchDatabase({ dataDir: DATA_DIR, port: DB_PORT, log });
  const env = { DATABASE_URL: db.url, ...secrets };
  await step("seed", "tsx", ["prisma/seed.ts"], env);
  const generation = await step("seed-large", "tsx", ["prisma/seed-large.ts", "--order-lines", String(options.orderLines)], env);
  const generatorLines = generation.output
    .replace(/\r/g, "\n")
    .split("\n")
    .filter((l) => /^seed-large: (operators|now)/.test(l));
  for (const line of generatorLines) log(line);

  const measured = await step(
    "measure",
    "tsx",
    ["scripts/bench-reports-run.ts", "--runs", String(options.runs), "--naive-runs", String(options.naiveRuns)],
    env,
  );
  const result = JSON.parse(
    measured.output
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .at(-1),
  );
  const t = result.timings;
  const d = result.dataset;
  const pass = t.dashboard.p95 < TARGET_P95_MS;
  const crowdPass = t.crowd.p95 < TARGET_CROWD_P95_MS;
  const cpus = os.cpus();
  const rows = [
    ["county dashboard (rollups)", t.dashboard],
    ["county dashboard (naive GROUP BY over raw lines)", t.dashboardNaive],
    ["10 officers' dashboards at once (rollups)", t.crowd],
    ["township breakdown, one year (rollups)", t.township],
    ["township breakdown, one year (naive)", t.townshipNaive],
  ];
  console.log(`Machine during the run: ${machineLoad()}`);
  console.log(
    [
      "",
      `Reports benchmark, ${new Date().toISOString()}`,
      `Data: ${d.orderLines.toLocaleString("en")} order lines (${d.paidLines.toLocaleString("en")} paid) in ${d.orders.toLocaleString("en")} orders, ` +
        `${d.allocations.toLocaleString("en")} allocations, ${d.refunds.toLocaleString("en")} refunds, ${d.payouts.toLocaleString("en")} payouts, ` +
        `${d.products.toLocaleString("en")} products, ${d.households.toLocaleString("en")} households; sales ${d.firstSale} – ${d.lastSale}; PostgreSQL ${d.postgresVersion}`,
      `Rollups: ${d.reportSalesRows.toLocaleString("en")} sales rows, ${d.reportCountySalesRows.toLocaleString("en")} county rows, ${d.reportBuyerSalesRows.toLocaleString("en")} buyer rows, ${d.reportHouseholdRows.toLocaleString("en")} household rows`,
      `Buyers: ${d.organisations.toLocaleString("en")} organisations, ${d.organisationOrders.toLocaleString("en")} orders bought for them; the dashboard's buy side: ${result.buySide.organisations} organisations, ${result.buySide.provinces} provinces, ${result.buySide.pairings} pairings`,
      `Generation (seed-large, this run): ${formatDuration(generation.ms)}${generatorLines.length ? `\n  ${generatorLines.join("\n  ")}` : ""}`,
      `County: ${result.county.nameEn} (${result.county.id}), ${result.county.orderLines.toLocaleString("en")} order lines; dashboard period ${result.periods.dashboard.from} – ${result.periods.dashboard.to}, township breakdown ${result.periods.township.from} – ${result.periods.township.to}`,
      "",
      "| measured | runs | p50 | p95 | min | max | machine busy | load average (before → after) |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        ([label, r]) =>
          `| ${label} | ${r.runs} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.min)} | ${ms(r.max)} | ${r.machineBusyPercent.toFixed(0)}% | ${r.loadAverage[0].toFixed(1)} → ${r.loadAverage[1].toFixed(1)} |`,
      ),
      "",
      `Naive / rollups: dashboard ${result.ratios.dashboardP50.toFixed(1)}× (p50), ${result.ratios.dashboardP95.toFixed(1)}× (p95); ` +
        `township breakdown ${result.ratios.townshipP50.toFixed(1)}× (p50), ${result.ratios.townshipP95.toFixed(1)}× (p95)`,
      `Target dashboard p95 < ${TARGET_P95_MS} ms: ${pass ? "PASS" : "MISS"} (${ms(t.dashboard.p95)})`,
      `Target 10 officers at once p95 < ${TARGET_CROWD_P95_MS} ms: ${crowdPass ? "PASS" : "MISS"} (${ms(t.crowd.p95)})`,
      `Machine: ${cpus.length} cores, ${cpus[0]?.model ?? "unknown"}; "machine busy" = share of all cores busy during the runs (PostgreSQL, the benchmark and anyone else)`,
      "",
    ].join("\n"),
  );
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(
    path.join(OUT_DIR, "reports.json"),
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        options,
        generationMs: generation.ms,
        generatorLines,
        ...result,
        target: { dashboardP95Ms: TARGET_P95_MS, pass, crowdP95Ms: TARGET_CROWD_P95_MS, crowdPass },
      },
      null,
      2,
    ) + "\n",
  );
  log(`figures written to ${path.relative(ROOT, path.join(OUT_DIR, "reports.json"))} (total ${formatDuration(Date.now() - began)})`);
  await shutdown(0);
}

main().catch((error) => {
  if (isShuttingDown()) return;
  console.error(`[bench] ${error instanceof Error ? error.message : error}`);
  shutdown(1);
});
