// `npm run bench:lighthouse`: Lighthouse (mobile) on the production build, a benchmark, not a test.
//   1. its own PostgreSQL (.data/postgres-bench, port 54331 or BENCH_DB_PORT; DATABASE_URL wins), migrations, the demo seed
//   2. `next build` into .next-bench (skipped with --no-build), then the production server: scripts/serve.mjs
//      on port 3200 (or BENCH_PORT) in front of `next start` on BENCH_PORT + 10000, as ./start runs it
//      (it serves the build's scripts and stylesheet in Brotli); --next-start measures `next start` alone
//   3. Lighthouse 12.2.3 (pinned; 13.x needs Node 22) through npx, with Debian's Chromium (CHROME_PATH,
//      default /usr/bin/chromium), mobile emulation and its default simulated throttling, --runs times
//      (default 3) per page: the home page, /products, a filtered search, a product page (and a campaign
//      page when the data has one)
//   4. the median of each category score and of LCP, TBT and CLS per page, against the targets
//      (performance ≥ 95, accessibility 100, LCP < 2.0 s, TBT < 150 ms, CLS 0), and the machine's load
//      average, since the machine is shared; bench-results/lighthouse.json keeps every run.
// Options: --no-build  --runs N  --only ID (home|catalog|filtered|product|campaign)  --next-start
//   --save-assets: keep each run's trace and network log beside its report (lighthouse-<page>-<n>-0.trace.json,
//   …devtoolslog.json), which scripts/lantern-what-if.mjs simulates again with other sizes
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { ensureDatabase } from "./lib/database.mjs";
import { migrate, run } from "./lib/run.mjs";
import { ensurePrismaClient } from "./lib/prepare.mjs";
import { loadSecrets } from "./lib/secrets.mjs";
import { ROOT, handleSignals, isShuttingDown, onCleanup, portIsFree, start, stopDatabase, waitForHttp } from "./lib/proc.mjs";

const exec = promisify(execFile);
const LIGHTHOUSE = "lighthouse@12.2.3";
const DATA_DIR = ".data/postgres-bench";
const DB_PORT = Number(process.env.BENCH_DB_PORT || 54331);
const PORT = Number(process.env.BENCH_PORT || 3200);
const BASE = `http://localhost:${PORT}`;
const DIST_DIR = ".next-bench";
const OUT_DIR = path.join(ROOT, "bench-results");
const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
const TARGETS = { performance: 95, accessibility: 100, lcpMs: 2000, tbtMs: 150, cls: 0 };
const log = (m) => console.error(`[lighthouse] ${m}`);

function parseArgs(argv) {
  const o = { build: true, runs: 3, only: null, nextStart: false, saveAssets: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--no-build") o.build = false;
    else if (flag === "--runs") o.runs = Math.max(1, Math.min(9, Number(value()) || 3));
    else if (flag === "--only") o.only = value();
    else if (flag === "--next-start") o.nextStart = true;
    else if (flag === "--save-assets") o.saveAssets = true;
    else throw new Error(`unknown option ${argv[i]} (use --no-build, --runs N, --only ID, --next-start, --save-assets)`);
  }
  return o;
}

async function pages(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const product = (
      await client.query(`SELECT slug FROM "Product" WHERE listed AND status = 'CERTIFIED' AND stock > 0
        ORDER BY "soldCount" DESC, slug LIMIT 1`)
    ).rows[0];
    const list = [
      { id: "home", path: "/" },
      { id: "catalog", path: "/products" },
      { id: "filtered", path: `/products?${new URLSearchParams({ county: "620523", category: "CHILI", q: "甘谷 辣椒" })}` },
      { id: "product", path: `/products/${product.slug}` },
    ];
    // A campaign's page (直播页, /live/<slug>). The demo seed has none: add one published campaign
    // that starts tomorrow (a countdown; nothing is taken from the shelves), for the product above.
    await client.query(
      `INSERT INTO "Campaign" (id, slug, "titleZh", "titleEn", "hostZh", "hostEn", "startsAt", "endsAt", "perBuyerLimit", status,
         "createdById", "publishedById", "publishedAt")
       SELECT 'bench-live', 'bench-live', '甘谷助农直播', 'Gangu assistance livestream', '甘谷县融媒体中心', 'Gangu County Media Centre',
         now() + interval '1 day', now() + interval '1 day 2 hours', 2, 'PUBLISHED', u.id, u.id, now()
       FROM "User" u WHERE u.role = 'ADMIN' ORDER BY u."createdAt" LIMIT 1
       ON CONFLICT DO NOTHING`,
    );
    await client.query(
      `INSERT INTO "CampaignProduct" (id, "campaignId", "productId", "operatorId", "priceFen", allotment)
       SELECT 'bench-live-1', 'bench-live', p.id, p."operatorId", GREATEST(1, p."priceFen" * 8 / 10), 50 FROM "Product" p WHERE p.slug = $1
       ON CONFLICT DO NOTHING`,
      [product.slug],
    );
    const campaign = await client
      .query(`SELECT slug FROM "Campaign" WHERE status = 'PUBLISHED' ORDER BY "startsAt" DESC LIMIT 1`)
      .then((r) => r.rows[0])
      .catch(() => undefined);
    if (campaign) list.push({ id: "campaign", path: `/live/${campaign.slug}` });
    return list;
  } finally {
    await client.end();
  }
}

/** Loads a page and its build assets until each comes in Brotli (serve.mjs) or 10 s have passed. */
async function warm(url, { untilBrotli }) {
  const html = await fetch(url).then((r) => r.text());
  const assets = [...new Set(html.match(/\/_next\/static\/[\w\-./~]+\.(?:js|css)(?=")/g) ?? [])];
  const deadline = Date.now() + 10_000;
  for (let pending = assets; pending.length > 0 && Date.now() < deadline;) {
    const encodings = await Promise.all(
      pending.map((a) =>
        fetch(BASE + a, { headers: { "accept-encoding": "br, gzip" } }).then(
          async (r) => (await r.arrayBuffer(), r.headers.get("content-encoding")),
        ),
      ),
    );
    pending = pending.filter((_, i) => encodings[i] !== "br");
    if (!untilBrotli) return; // `next start` sends gzip only
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 500));
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One Lighthouse run; a run that Lighthouse itself reports as broken (e.g. NO_NAVSTART on a busy machine) is tried again, twice. */
async function lighthouse(url, outFile, extraArgs = []) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url, outFile, extraArgs);
    } catch (error) {
      if (attempt >= 3) throw error;
      log(
        `lighthouse run failed (${
          String(error?.message ?? error)
            .split("\n")
            .find((l) => /error/i.test(l)) ?? "error"
        }); trying again`,
      );
    }
  }
}

async function lighthouseOnce(url, outFile, extraArgs) {
  await exec(
    "npx",
    [
      "--yes",
      LIGHTHOUSE,
      url,
      "--quiet",
      ...extraArgs,
      "--output=json",
      `--output-path=${outFile}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ],
    { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60_000 },
  );
  const lhr = JSON.parse(readFileSync(outFile, "utf8"));
  const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcpMs: lhr.audits["largest-contentful-paint"].numericValue,
    tbtMs: lhr.audits["total-blocking-time"].numericValue,
    cls: lhr.audits["cumulative-layout-shift"].numericValue,
    fcpMs: lhr.audits["first-contentful-paint"].numericValue,
    lcpElement: lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
    jsBytes: (lhr.audits["resource-summary"]?.details?.items ?? []).find((i) => i.resourceType === "script")?.transferSize ?? null,
  };
}

async function main() {
  handleSignals();
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(path.join(OUT_DIR, "logs"), { recursive: true });
  ensurePrismaClient();
  if (!existsSync(CHROME)) throw new Error(`no Chromium at ${CHROME}: apt-get install -y chromium, or set CHROME_PATH`);
  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is in use: set BENCH_PORT`);
  const secrets = loadSecrets({ file: ".data/bench-secrets.json" });

  let db;
  onCleanup(async () => db && (await stopDatabase(db, path.join(ROOT, DATA_DIR))));
  db = await ensureDatabase({ dataDir: DATA_DIR, port: DB_PORT, log: (m) => log(`db: ${m}`) });
  await migrate(db.url);
  const env = { ...process.env, DATABASE_URL: db.url, ...secrets, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR };
  log("seeding (demo data)");
  await run("tsx", ["prisma/seed.ts"], { env });
  if (options.build) {
    log("building (next build, into .next-bench)");
    await run("next", ["build"], { env: { ...env, NODE_ENV: "production" } });
  }
  const server = options.nextStart
    ? start("next", ["start", "-H", "localhost", "-p", String(PORT)], {
        env: { ...env, NODE_ENV: "production" },
        logFile: path.join(OUT_DIR, "logs", "lighthouse-next-start.log"),
      })
    : start(process.execPath, [path.join(ROOT, "scripts/serve.mjs")], {
        env: { ...env, NODE_ENV: "production", PORT: String(PORT), HOSTNAME: "localhost", NEXTAUTH_URL: BASE },
        logFile: path.join(OUT_DIR, "logs", "lighthouse-serve.log"),
      });
  onCleanup(() => server.stop());
  const ready = await waitForHttp(`${BASE}/about`, { proc: server, timeoutMs: 3 * 60_000, ok: (s) => s < 500 });
  if (!("status" in ready)) throw new Error("the server did not start");

  const list = (await pages(db.url)).filter((p) => !options.only || p.id === options.only);
  // Render each page once first: Lighthouse measures the cached page a shopper gets, not the first
  // render; and ask for its scripts and stylesheet, which serve.mjs compresses (Brotli) after the
  // first request of each (lib/http/static-brotli.ts), as it has for any visitor after the first.
  for (const p of list) await warm(BASE + p.path, { untilBrotli: !options.nextStart });

  const results = [];
  for (const p of list) {
    const runs = [];
    for (let i = 1; i <= options.runs; i++) {
      if (isShuttingDown()) return;
      const load = os.loadavg()[0];
      const r = await lighthouse(
        BASE + p.path,
        path.join(OUT_DIR, "logs", `lighthouse-${p.id}-${i}.json`),
        options.saveAssets ? ["--save-assets"] : [],
      );
      runs.push({ ...r, loadAverage: load });
      log(
        `${p.id} run ${i}: performance ${r.performance}, accessibility ${r.accessibility}, LCP ${Math.round(r.lcpMs)} ms, TBT ${Math.round(r.tbtMs)} ms, CLS ${r.cls.toFixed(3)} (load ${load.toFixed(2)})`,
      );
    }
    const m = (k) => median(runs.map((r) => r[k]));
    const med = {
      performance: m("performance"),
      accessibility: m("accessibility"),
      bestPractices: m("bestPractices"),
      seo: m("seo"),
      lcpMs: m("lcpMs"),
      tbtMs: m("tbtMs"),
      cls: m("cls"),
      loadAverage: m("loadAverage"),
    };
    const pass =
      med.performance >= TARGETS.performance &&
      med.accessibility >= TARGETS.accessibility &&
      med.lcpMs < TARGETS.lcpMs &&
      med.tbtMs < TARGETS.tbtMs &&
      med.cls <= TARGETS.cls;
    results.push({ ...p, median: med, pass, runs, lcpElement: runs[0]?.lcpElement, jsBytes: runs[0]?.jsBytes });
  }

  const rows = results.map(
    (r) =>
      `| ${r.id} | \`${decodeURIComponent(r.path)}\` | ${r.median.performance} | ${r.median.accessibility} | ${r.median.bestPractices} | ${r.median.seo} | ${(r.median.lcpMs / 1000).toFixed(2)} s | ${Math.round(r.median.tbtMs)} ms | ${r.median.cls.toFixed(3)} | ${r.median.loadAverage.toFixed(2)} | ${r.pass ? "PASS" : "MISS"} |`,
  );
  console.log(
    [
      `Lighthouse ${LIGHTHOUSE.split("@")[1]}, mobile, medians of ${options.runs} runs (${os.cpus().length} cores, shared machine: load average per run in the table)`,
      "",
      "| page | path | perf | a11y | best pr. | SEO | LCP | TBT | CLS | load avg | target |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
      `Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, LCP < ${TARGETS.lcpMs / 1000} s, TBT < ${TARGETS.tbtMs} ms, CLS ${TARGETS.cls}.`,
    ].join("\n"),
  );
  writeFileSync(
    path.join(OUT_DIR, "lighthouse.json"),
    JSON.stringify({ generatedAt: new Date().toISOString(), targets: TARGETS, results }, null, 2),
  );
  await server.stop();
  await stopDatabase(db, path.join(ROOT, DATA_DIR));
  db = undefined;
  process.exit(0);
}

main().catch((error) => {
  console.error(`[lighthouse] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
