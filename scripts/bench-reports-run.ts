// The measuring half of `npm run bench:reports` (scripts/bench-reports.mjs starts the database and
// loads the data, then runs this with tsx). Times the report's own functions (lib/reports/queries.ts,
// what /office/reports and the exports call after the sign-in check), each from the rollups and
// naively from the raw ledger (GROUP BY over the order lines and allocations), one call at a time,
// after a few unmeasured warm-up calls; then the dashboard for 10 officers at once (10 dashboards
// started together, `--crowd-rounds` times, each timed on its own), on a pool of the app's size (20).
// Every figure carries the load average when it was measured. Prints one JSON object on stdout.
//   tsx scripts/bench-reports-run.ts [--runs N] [--naive-runs N] [--warmup N] [--crowd N] [--crowd-rounds N]
import { readFileSync } from "node:fs";
import os from "node:os";
import { createPrismaClient } from "@/lib/db/client";
import { loadBuyerReport } from "@/lib/reports/buyers";
import { parseReportFilters } from "@/lib/reports/filters";
import { loadRegionBreakdown, loadReport, type ReportSource } from "@/lib/reports/queries";
import type { ReportScope } from "@/lib/reports/scope";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number, got ${process.argv[i + 1]}`);
  return n;
}
const RUNS = arg("--runs", 40);
const NAIVE_RUNS = arg("--naive-runs", 8);
const WARMUP = arg("--warmup", 3);
const CROWD = arg("--crowd", 10);
const CROWD_ROUNDS = arg("--crowd-rounds", 10);
/** The app's pool (lib/db/db.server.ts). */
const POOL = 20;

const load = () => os.loadavg()[0]!;

function percentile(sorted: number[], p: number) {
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** CPU time all cores spent busy so far, ms (Linux), to tell how loaded the machine was. */
function busyMs(): number {
  try {
    const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = values.map(Number);
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return NaN;
  }
}

async function timeIt(label: string, runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  const loadBefore = load();
  const ownBefore = process.cpuUsage();
  const busyBefore = busyMs();
  const began = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const wall = performance.now() - began;
  const own = process.cpuUsage(ownBefore);
  const sorted = [...samples].sort((a, b) => a - b);
  const result = {
    label,
    runs,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    // Share of the whole machine busy during the runs (this process, PostgreSQL and anyone else's).
    machineBusyPercent: (100 * (busyMs() - busyBefore)) / (wall * os.cpus().length),
    benchCpuPercent: (100 * ((own.user + own.system) / 1000)) / (wall * os.cpus().length),
    /** The 1-minute load average before and after (other work on the machine shows here). */
    loadAverage: [loadBefore, load()] as [number, number],
  };
  process.stderr.write(
    `[bench] ${label}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (${runs} runs, load ${loadBefore.toFixed(1)}→${load().toFixed(1)})\n`,
  );
  return result;
}

/** `crowd` dashboards started at once, `rounds` times: each one's own time. */
async function timeCrowd(label: string, crowd: number, rounds: number, fn: () => Promise<unknown>) {
  await Promise.all(Array.from({ length: crowd }, fn)); // warm-up
  const samples: number[] = [];
  const loadBefore = load();
  const busyBefore = busyMs();
  const began = performance.now();
  for (let r = 0; r < rounds; r++) {
    await Promise.all(
      Array.from({ length: crowd }, async () => {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }),
    );
  }
  const wall = performance.now() - began;
  const sorted = [...samples].sort((a, b) => a - b);
  const result = {
    label,
    runs: samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    machineBusyPercent: (100 * (busyMs() - busyBefore)) / (wall * os.cpus().length),
    benchCpuPercent: NaN,
    loadAverage: [loadBefore, load()] as [number, number],
  };
  process.stderr.write(
    `[bench] ${label}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (${samples.length} dashboards)\n`,
  );
  return result;
}

async function main() {
  const db = createPrismaClient(process.env.DATABASE_URL, POOL);
  try {
    const size = (
      await db.$queryRawUnsafe<Record<string, bigint | string>[]>(`SELECT
        (SELECT count(*) FROM "OrderLine") AS "orderLines",
        (SELECT count(*) FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" WHERE o."paidAt" IS NOT NULL) AS "paidLines",
        (SELECT count(*) FROM "Order") AS orders,
        (SELECT count(*) FROM "Allocation") AS allocations,
        (SELECT count(*) FROM "Refund") AS refunds,
        (SELECT count(*) FROM "Payout") AS payouts,
        (SELECT count(*) FROM "Product") AS products,
        (SELECT count(*) FROM "Household") AS households,
        (SELECT count(*) FROM "ReportSales") AS "reportSalesRows",
        (SELECT count(*) FROM "ReportCountySales") AS "reportCountySalesRows",
        (SELECT count(*) FROM "ReportBuyerSales") AS "reportBuyerSalesRows",
        (SELECT count(*) FROM "Organisation") AS organisations,
        (SELECT count(*) FROM "Order" WHERE "organisationId" IS NOT NULL) AS "organisationOrders",
        (SELECT count(*) FROM "ReportHousehold") AS "reportHouseholdRows",
        (SELECT to_char(min("paidAt"), 'YYYY-MM-DD') FROM "Order") AS "firstSale",
        (SELECT to_char(max("paidAt"), 'YYYY-MM-DD') FROM "Order") AS "lastSale",
        current_setting('server_version') AS "postgresVersion"`)
    )[0]!;
    const dataset = Object.fromEntries(Object.entries(size).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));

    // The county with the most sales, the last full calendar year, and the page's default (this year).
    const [top] = await db.$queryRawUnsafe<{ id: string; nameEn: string; lines: bigint }[]>(
      `SELECT p."countyId" AS id, r."nameEn", count(*) AS lines FROM "OrderLine" l JOIN "Product" p ON p.id = l."productId"
       JOIN "Region" r ON r.id = p."countyId" GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
    );
    if (!top) throw new Error("no order lines: run the volume generator first");
    const county = await db.region.findUniqueOrThrow({ where: { id: top.id }, select: { id: true, nameZh: true, nameEn: true } });
    const scope: ReportScope = {
      countyIds: [county.id],
      county,
      township: null,
      village: null,
      operator: null,
      product: null,
      regionLevel: "TOWNSHIP",
    };
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const lastYear = String(Number(today.slice(0, 4)) - 1);
    const dashboard = parseReportFilters(new URLSearchParams(""), today).filters; // the page's default: this year
    const oneYear = parseReportFilters(new URLSearchParams(`period=year&year=${lastYear}`), today).filters;

    const timings: Record<string, Awaited<ReturnType<typeof timeIt>>> = {};
    // The dashboard: what /office/reports loads (lib/reports/report.server.ts readerReport): the
    // report and its buy side, side by side.
    const run = (source: ReportSource) => ({
      dashboard: () =>
        Promise.all([
          loadReport(db, scope, { ...dashboard, county: county.id }, { source, limit: 20 }),
          loadBuyerReport(db, scope, { ...dashboard, county: county.id }, { source }),
        ]),
      township: () => loadRegionBreakdown(db, scope, { ...oneYear, county: county.id }, { source }),
    });
    // The same numbers either way (as the tests prove on small data): checked here once on the volume.
    const a = await run("rollups").dashboard();
    const b = await run("ledger").dashboard();
    const same =
      JSON.stringify([
        { ...a[0], sources: null },
        { ...a[1], source: null },
      ]) ===
      JSON.stringify([
        { ...b[0], sources: null },
        { ...b[1], source: null },
      ]);
    if (!same) throw new Error("the rollups and the raw ledger disagree on the dashboard: the rollups are out of date");
    const c1 = await run("rollups").township();
    const c2 = await run("ledger").township();
    if (JSON.stringify(c1) !== JSON.stringify(c2)) throw new Error("the rollups and the raw ledger disagree on the township breakdown");

    timings.dashboard = await timeIt(
      `county dashboard (${county.nameEn}, ${dashboard.period.value}), rollups`,
      RUNS,
      run("rollups").dashboard,
    );
    timings.crowd = await timeCrowd(`${CROWD} officers' dashboards at once, rollups`, CROWD, CROWD_ROUNDS, run("rollups").dashboard);
    timings.township = await timeIt(`township breakdown (${county.nameEn}, ${lastYear}), rollups`, RUNS, run("rollups").township);
    timings.dashboardNaive = await timeIt(`county dashboard, naive GROUP BY over raw lines`, NAIVE_RUNS, run("ledger").dashboard);
    timings.townshipNaive = await timeIt(`township breakdown, naive GROUP BY over raw lines`, NAIVE_RUNS, run("ledger").township);

    console.log(
      JSON.stringify({
        dataset,
        county: { ...county, orderLines: Number(top.lines) },
        periods: { dashboard: dashboard.period, township: oneYear.period },
        headline: a[0].headline,
        buySide: {
          total: a[1].total,
          organisations: a[1].organisations.length,
          provinces: a[1].provinces.length,
          pairings: a[1].pairings.length,
          quota: a[1].quota.length,
        },
        loadAverage: os.loadavg(),
        timings,
        ratios: {
          dashboardP50: timings.dashboardNaive.p50 / timings.dashboard.p50,
          dashboardP95: timings.dashboardNaive.p95 / timings.dashboard.p95,
          townshipP50: timings.townshipNaive.p50 / timings.township.p50,
          townshipP95: timings.townshipNaive.p95 / timings.township.p95,
        },
      }),
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
