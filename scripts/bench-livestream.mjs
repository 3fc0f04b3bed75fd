// `npm run bench:livestream`: the seed report's livestream (13,400 orders of ¥50 in 3 seconds)
// through the real reservation endpoint, on the embedded PostgreSQL. A benchmark, not a test: it
// prints figures and fails only on oversell or duplicates.
//   1. its own PostgreSQL (.data/postgres-bench-live, made anew each run; port BENCH_DB_PORT=54433),
//      migrations, demo seed
//   2. next build into .next-bench-live, the production server (scripts/serve.mjs) on BENCH_PORT=3213
//   3. a published campaign of one product, 13,400 units at ¥50, limit 2 per buyer, started by the
//      server's own campaign clock; 14,000 buyers, each with a real next-auth session cookie
//      (encoded with the server's AUTH_SECRET) and an address of their own
//   4. the burst: 14,000 POST /api/live/reserve from 200 concurrent connections (600 must be
//      refused), while a separate process times the product page and the campaign page, and the
//      server's resident memory is sampled
//   5. yardsticks in the same run: 14,000 POST /api/live/ping (a trivial route of the same server)
//      and 14,000 guarded one-row UPDATEs straight to PostgreSQL, one per transaction
//   6. every buyer presses 去支付: the payment-session queue's rate over 10 s (demo provider, the
//      configured PAYMENT_SESSIONS_PER_SECOND) and the drain time it implies for all 13,400
// Writes bench-results/livestream.json. Options: --buyers N (200 connections), --stock N (13400),
// --extra N (600), --no-build.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import jwt from "next-auth/jwt";
import pg from "pg";
import { ROOT, formatDuration, handleSignals, onCleanup, portIsFree, runStep, shutdown, start, waitForHttp } from "./lib/proc.mjs";
import { requestBytes, sendAll } from "./lib/burst-client.mjs";
import { benchDatabase, cpuSplit, fixed, machineLoad, parseBurstArgs, percentile, processTree } from "./lib/bench.mjs";

const USAGE = "usage: npm run bench:livestream -- [--buyers N] [--stock N] [--extra N] [--no-build]   (BENCH_DB_PORT, BENCH_PORT)";
const DATA_DIR = ".data/postgres-bench-live";
const DB_PORT = Number(process.env.BENCH_DB_PORT || 54433);
const PORT = Number(process.env.BENCH_PORT || 3213);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST_DIR = ".next-bench-live";
const OUT_DIR = path.join(ROOT, "bench-results");
const PRICE_FEN = 5000;
const LIMIT = 2;
// Reservations (and pings) before the burst, on a campaign of their own: enough for V8 to have
// compiled the hot path's code, as a server that has been up before the night has (with 400 the
// first ¾ s of the burst ran at half speed, both cores busy, most likely compiling).
const WARM = Number(process.env.BENCH_WARM || 2000);

const log = (message) => console.error(`[bench:livestream] ${message}`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `total` jobs with `concurrency` workers; each job's latency in ms. */
async function run(total, concurrency, job) {
  let next = 0;
  const latencies = [];
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const t = performance.now();
        await job(n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { elapsedMs: performance.now() - began, latencies: latencies.sort((a, b) => a - b) };
}

/** `total` POSTs to `pathname` as bytes (scripts/lib/burst-client.mjs); `request(n)` gives the n-th one's body and headers. */
function posts(pathname, total, request) {
  return Array.from({ length: total }, (_, n) => {
    const { body, headers } = request(n);
    return requestBytes({ path: pathname, host: `127.0.0.1:${PORT}`, body, headers: { "content-type": "application/json", ...headers } });
  });
}

/** Sends prebuilt requests over `connections` kept-alive connections; each answer's status and latency. */
function cannon(requests, connections, onAnswer) {
  return sendAll({ host: "127.0.0.1", port: PORT, requests, connections, onAnswer });
}

/** The machine's CPU time so far, in clock ticks: busy (all but idle and I/O wait) and total. Linux only. */
function machineTicks() {
  const ticks = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - ticks[3] - ticks[4], total };
}

/** A product (a copy of a demo one) with `stock` units and its opening ledger row; its id is its slug. */
async function productOf(client, stock, tag) {
  const id = `bench-live-${tag}-${randomBytes(4).toString("hex")}`;
  await client.query(
    `INSERT INTO "Product" ("id","slug","operatorId","nameZh","nameEn","category","unitZh","unitEn","specZh","specEn","priceFen","stock","status","listed",
       "villageId","townshipId","countyId","isDemo","updatedAt")
     SELECT $1, $1, "operatorId", '直播爆款辣椒', 'Livestream chili', "category", "unitZh", "unitEn", "specZh", "specEn", 6800, $2, 'CERTIFIED', true,
       "villageId","townshipId","countyId", true, now()
     FROM "Product" ORDER BY ("slug" = 'gangu-chili-5kg-box') DESC, "slug" LIMIT 1`,
    [id, stock],
  );
  await client.query(
    `INSERT INTO "StockMovement" ("id","productId","delta","stockAfter","reason","note","createdAt") VALUES (gen_random_uuid()::text, $1, $2, $2, 'INITIAL', 'bench', now())`,
    [id, stock],
  );
  return id;
}

/** A published campaign of a new product, `stock` units at ¥50, starting in 2 s. */
async function campaignOf(client, stock, tag) {
  const id = await productOf(client, stock, tag);
  await client.query(
    `INSERT INTO "Campaign" ("id","slug","titleZh","titleEn","hostZh","hostEn","startsAt","endsAt","perBuyerLimit","status","createdById","publishedById","publishedAt")
     VALUES ($1, $1, '甘谷辣椒直播专场', 'Gangu chili livestream', '县长', 'The county head',
             (now() AT TIME ZONE 'UTC') + interval '2 seconds', (now() AT TIME ZONE 'UTC') + interval '2 hours', $2, 'PUBLISHED',
             'seed-user-admin', 'seed-user-admin', now() AT TIME ZONE 'UTC')`,
    [id, LIMIT],
  );
  const cp = `${id}-cp`;
  await client.query(
    `INSERT INTO "CampaignProduct" ("id","campaignId","productId","operatorId","priceFen","allotment")
     SELECT $1, $2, $2, "operatorId", $3, $4 FROM "Product" WHERE "id" = $2`,
    [cp, id, PRICE_FEN, stock],
  );
  // The server's campaign clock takes the allotment when the window opens.
  for (let i = 0; i < 100; i++) {
    const r = await client.query(`SELECT "startedAt" FROM "Campaign" WHERE "id" = $1`, [id]);
    if (r.rows[0].startedAt) return { campaignId: id, campaignProductId: cp, productSlug: id };
    await sleep(200);
  }
  throw new Error("the server's campaign clock did not start the campaign within 20 s");
}

const ADDRESS = (i) => ({
  recipient: "直播间买家",
  mobile: `138${String(i).padStart(8, "0")}`,
  province: "甘肃省",
  city: "天水市",
  district: "甘谷县",
  address: `大像山镇人民路 ${i} 号`,
});

async function main() {
  handleSignals();
  const options = parseBurstArgs(process.argv.slice(2), USAGE);
  mkdirSync(path.join(OUT_DIR, "logs"), { recursive: true });
  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is in use: free it first (or set BENCH_PORT)`);
  const { db, secrets } = await benchDatabase({ dataDir: DATA_DIR, port: DB_PORT, log, fresh: true });
  const env = {
    DATABASE_URL: db.url,
    ...secrets,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DEMO_PAYMENTS: "1",
    STRIPE_SECRET_KEY: "",
  };
  log("seeding the demo data");
  if ((await runStep("tsx", ["prisma/seed.ts"], { env })) !== 0) throw new Error("the seed failed");
  if (options.build || !existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    log(`building into ${DIST_DIR}`);
    if ((await runStep("next", ["build"], { env: { ...env, NODE_ENV: "production" } })) !== 0) throw new Error("next build failed");
  }
  const serverLog = path.join(OUT_DIR, "logs", "livestream-server.log");
  const server = start(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), "scripts/serve.mjs"], {
    env: { ...env, NODE_ENV: "production", NEXTAUTH_URL: BASE, PORT: String(PORT), HOSTNAME: "127.0.0.1", LIVE_PING: "1" },
    logFile: serverLog,
  });
  onCleanup(() => server.stop());
  let lastStatus = null;
  const ready = await waitForHttp(`${BASE}/about`, { proc: server, timeoutMs: 600_000, ok: (s) => ((lastStatus = s), s === 200) });
  if (!("status" in ready)) throw new Error(`the server did not start (last answer ${lastStatus}); see ${path.relative(ROOT, serverLog)}`);
  const rate = Number(process.env.PAYMENT_SESSIONS_PER_SECOND || 20);

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  onCleanup(() => client.end());

  // Buyers: accounts with session cookies as next-auth would set them after sign-in.
  const total = options.stock + options.extra;
  const tag = randomBytes(3).toString("hex");
  log(`making ${total} buyers with session cookies`);
  await client.query(
    `INSERT INTO "User" ("id","email","name","passwordHash","role")
     SELECT 'bl-' || $1 || '-' || i, 'buyer' || i || '-' || $1 || '@bench.test', '买家' || i, 'not-a-hash', 'SHOPPER'
     FROM generate_series(1, $2::int) AS i`,
    [tag, total + WARM],
  );
  const cookies = [];
  for (let i = 1; i <= total + WARM; i++) {
    const token = await jwt.encode({
      token: { sub: `bl-${tag}-${i}`, email: `buyer${i}-${tag}@bench.test`, name: `买家${i}`, role: "SHOPPER", operatorIds: [] },
      secret: env.AUTH_SECRET,
    });
    cookies.push(`next-auth.session-token=${token}`);
  }
  const reserveBody = (campaignProductId, i) =>
    JSON.stringify({ campaignProductId, quantity: 1, checkoutKey: randomBytes(16).toString("base64url"), address: ADDRESS(i) });

  // Warm-up: JIT, pools, the page cache.
  const warm = await campaignOf(client, WARM, "warm");
  await cannon(
    posts("/api/live/reserve", WARM, (n) => ({
      body: reserveBody(warm.campaignProductId, total + n),
      headers: { cookie: cookies[total + n], origin: BASE },
    })),
    50,
  );
  await cannon(
    posts("/api/live/ping", WARM, () => ({ body: "{}", headers: {} })),
    50,
  );

  const hot = await campaignOf(client, options.stock, "run");
  const burstRequests = posts("/api/live/reserve", total, (i) => ({
    body: reserveBody(hot.campaignProductId, i),
    headers: { cookie: cookies[i], origin: BASE },
  }));
  const pages = [`${BASE}/products/${hot.productSlug}`, `${BASE}/live/${hot.campaignId}`];
  for (const url of pages) await fetch(url).then((r) => r.arrayBuffer());
  const probe = spawn(process.execPath, ["scripts/lib/page-probe.mjs", ...pages], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let probeOut = "";
  probe.stdout.on("data", (d) => (probeOut += d));
  await new Promise((r) => probe.stdout.once("data", r));
  let peakRssKb = 0;
  // The server is scripts/serve.mjs and the `next start` it runs: their resident memory together.
  const rssOf = () => {
    let kb = 0;
    for (const pid of processTree(server.child.pid)) {
      try {
        kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      } catch {
        /* gone */
      }
    }
    peakRssKb = Math.max(peakRssKb, kb);
  };
  const sampler = setInterval(rssOf, 100);
  // How busy the whole machine is in each 250 ms of the burst (beside the answers per 250 ms).
  const busyPerQuarter = [];
  let lastStat = machineTicks();
  const busySampler = setInterval(() => {
    const now = machineTicks();
    busyPerQuarter.push(Math.round((100 * (now.busy - lastStat.busy)) / Math.max(1, now.total - lastStat.total)));
    lastStat = now;
  }, 250);
  // Where the burst's CPU goes: the server's two processes, PostgreSQL (postmaster and backends),
  // this process (the load generator) and the page probe. Linux only; PostgreSQL is counted only
  // when the benchmark runs its own.
  const postmaster = (() => {
    try {
      return Number(readFileSync(path.join(ROOT, DATA_DIR, "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      return null;
    }
  })();
  const cpu = cpuSplit({
    "serve.mjs": () => [server.child.pid],
    "next start": () => processTree(server.child.pid).slice(1),
    PostgreSQL: () => (postmaster && !process.env.DATABASE_URL ? processTree(postmaster) : []),
    "load generator": () => [process.pid],
    "page probe": () => [probe.pid],
  });
  cpu.start();

  log(`${total} reservations from ${options.buyers} concurrent connections, ${options.stock} in the allotment, ${total} buyers`);
  let reserved = 0;
  let reservedAtMs = null;
  const answersPerQuarter = []; // answers in each 250 ms of the burst: where it ran slow
  const burst = await cannon(burstRequests, options.buyers, (status, atMs) => {
    if (status === 201 && ++reserved === options.stock) reservedAtMs = atMs;
    const quarter = Math.floor(atMs / 250);
    answersPerQuarter[quarter] = (answersPerQuarter[quarter] ?? 0) + 1;
  });
  const statuses = burst.statuses;
  clearInterval(busySampler);
  const cpuSeconds = cpu.stop();
  const batches = await fetch(`${BASE}/api/live/ping`)
    .then((r) => r.json())
    .then((j) => j.stats)
    .catch(() => null);
  probe.kill("SIGTERM");
  await new Promise((r) => probe.once("exit", r));
  clearInterval(sampler);
  rssOf();
  const probed = JSON.parse(probeOut.split("\n").filter(Boolean).pop());

  const books = (
    await client.query(
      `SELECT (SELECT COALESCE(SUM(s."stock"),0)::int FROM "CampaignShard" s WHERE s."campaignProductId" = cp."id") AS "stock",
         (SELECT count(*)::int FROM "CampaignShard" s WHERE s."campaignProductId" = cp."id") AS "shards", cp."taken",
         (SELECT COALESCE(SUM(l."quantity"),0)::int FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" WHERE o."campaignId" = cp."campaignId") AS "sold",
         (SELECT count(*)::int FROM "Order" o WHERE o."campaignId" = cp."campaignId") AS "orders",
         (SELECT count(DISTINCT o."checkoutKey")::int FROM "Order" o WHERE o."campaignId" = cp."campaignId") AS "keys",
         (SELECT COALESCE(max(n),0)::int FROM (SELECT count(*) AS n FROM "Order" o WHERE o."campaignId" = cp."campaignId" GROUP BY o."userId") x) AS "mostPerBuyer",
         (SELECT COALESCE(SUM(m."delta"),0)::int FROM "StockMovement" m WHERE m."campaignProductId" = cp."id") AS "ledger",
         (SELECT count(*)::int FROM "StockMovement" m WHERE m."campaignProductId" = cp."id" AND m."reason" = 'SALE') AS "ledgerRows"
       FROM "CampaignProduct" cp WHERE cp."id" = $1`,
      [hot.campaignProductId],
    )
  ).rows[0];
  const oversold = Math.max(0, books.sold - books.taken) + (books.stock < 0 ? -books.stock : 0);
  const duplicates = books.orders - books.keys;

  log("yardstick: a trivial POST route of the same server");
  const pingRequests = posts("/api/live/ping", total, () => ({ body: "{}", headers: {} }));
  const pingCpu = cpuSplit({ "serve.mjs": () => [server.child.pid], "load generator": () => [process.pid] });
  pingCpu.start();
  const ping = await cannon(pingRequests, options.buyers);
  const pingCpuSeconds = pingCpu.stop();

  log("ceiling: guarded one-row UPDATEs, one per transaction");
  const ceilingProduct = await productOf(client, options.stock, "ceiling");
  const clients = Math.min(options.buyers, 80);
  const sql = new pg.Pool({ connectionString: db.url, max: clients });
  onCleanup(() => sql.end());
  await run(clients, clients, () => sql.query("SELECT 1"));
  const ceiling = await run(total, options.buyers, () =>
    sql.query(`UPDATE "Product" SET "stock" = "stock" - 1 WHERE "id" = $1 AND "stock" >= 1`, [ceilingProduct]),
  );

  log(`payment queue: every buyer presses 去支付; ${rate} sessions/s configured`);
  await client.query(
    `INSERT INTO "PaymentSessionRequest" ("orderId","locale","origin") SELECT "id", 'zh-CN', $2 FROM "Order" WHERE "campaignId" = $1 ORDER BY "createdAt"`,
    [hot.campaignId, BASE],
  );
  // Requests left by an earlier run on this database are served first (oldest first): count every
  // session the workers finish in the 10 s, by the database's clock.
  const since = (await client.query(`SELECT clock_timestamp()::timestamp AS t`)).rows[0].t;
  const queueBegan = performance.now();
  await sleep(10_000);
  const drained = (
    await client.query(`SELECT count(*)::int AS n FROM "PaymentSessionRequest" WHERE "doneAt" > $1 AND "error" IS NULL`, [since])
  ).rows[0].n;
  const queueRate = drained / ((performance.now() - queueBegan) / 1000);

  const load = os.loadavg();
  const rateOf = (n, ms) => (n / ms) * 1000;
  const result = {
    generatedAt: new Date().toISOString(),
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version, loadavg: load },
    options,
    burst: {
      requests: total,
      statuses: Object.fromEntries(statuses),
      reserved,
      elapsedMs: burst.elapsedMs,
      ordersPerSecond: rateOf(reserved, burst.elapsedMs),
      livestreamMs: reservedAtMs,
      answersPerQuarterSecond: Array.from(answersPerQuarter, (n) => n ?? 0),
      machineBusyPercentPerQuarterSecond: busyPerQuarter,
      latencyMs: { p50: percentile(burst.latencies, 50), p95: percentile(burst.latencies, 95), p99: percentile(burst.latencies, 99) },
      books,
      oversold,
      duplicates,
      peakServerRssMb: peakRssKb / 1024,
      cpuSeconds,
      // The server's reservation transactions since it started (the warm-up's included).
      batches,
      cpuMicrosPerRequest: Object.fromEntries(Object.entries(cpuSeconds).map(([k, v]) => [k, (v / total) * 1e6])),
    },
    pagesDuringBurst: Object.fromEntries(
      Object.entries(probed.latencies).map(([url, l]) => {
        const s = [...l].sort((a, b) => a - b);
        return [
          url.replace(BASE, ""),
          { samples: s.length, p50: percentile(s, 50), p95: percentile(s, 95), statuses: probed.statuses[url] },
        ];
      }),
    ),
    yardstick: {
      requests: total,
      perSecond: rateOf(total, ping.elapsedMs),
      p50: percentile(ping.latencies, 50),
      p95: percentile(ping.latencies, 95),
      cpuMicrosPerRequest: Object.fromEntries(Object.entries(pingCpuSeconds).map(([k, v]) => [k, (v / total) * 1e6])),
    },
    ceiling: { updates: total, clients, perSecond: rateOf(total, ceiling.elapsedMs), p50: percentile(ceiling.latencies, 50) },
    paymentQueue: {
      configuredPerSecond: rate,
      measuredPerSecond: queueRate,
      sessionsIn10s: drained,
      fullDrainSeconds: options.stock / Math.max(queueRate, 0.001),
    },
  };
  writeFileSync(path.join(OUT_DIR, "livestream.json"), `${JSON.stringify(result, null, 2)}\n`);

  const b = result.burst;
  const pageLines = Object.entries(result.pagesDuringBurst).map(
    ([u, p]) => `  ${u.padEnd(40)} p50 ${fixed(p.p50)} ms, p95 ${fixed(p.p95)} ms (${p.samples} samples, ${JSON.stringify(p.statuses)})`,
  );
  console.log(
    [
      "",
      `livestream (POST /api/live/reserve, ${options.buyers} concurrent connections, ${total} buyers with session cookies, ${options.stock} units at ¥50, limit ${LIMIT})`,
      `  answers             ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`,
      `  orders/s            ${fixed(b.ordersPerSecond, 0)}`,
      `  ${options.stock} orders took  ${b.livestreamMs === null ? "— (not all reserved)" : formatDuration(b.livestreamMs)}   (target ≤ 3 s)`,
      `  answers per 250 ms  ${b.answersPerQuarterSecond.join(" ")}`,
      `  machine busy        ${b.machineBusyPercentPerQuarterSecond.map((p) => `${p}%`).join(" ")} (each 250 ms, both cores)`,
      `  latency p50/p95/p99 ${fixed(b.latencyMs.p50)} / ${fixed(b.latencyMs.p95)} / ${fixed(b.latencyMs.p99)} ms`,
      `  oversold units      ${oversold}   duplicates ${duplicates}   (allotment left ${books.stock} over ${books.shards} shards, on orders ${books.sold}, ledger ${books.ledger} in ${books.ledgerRows} sale rows, most orders per buyer ${books.mostPerBuyer})`,
      `  server RSS peak     ${fixed(b.peakServerRssMb, 0)} MB   (target < 1024)`,
      `  CPU in the burst    ${Object.entries(cpuSeconds)
        .map(([k, v]) => `${k} ${fixed(v, 2)} s (${fixed((v / total) * 1e6, 0)} µs/request)`)
        .join(", ")}; wall ${fixed(burst.elapsedMs / 1000, 2)} s × ${os.cpus().length} cores`,
      ...(batches
        ? [
            `  transactions       ${batches.batches} (${fixed(batches.requests / Math.max(1, batches.batches), 0)} requests each), ${batches.sweeps} sweeps over every shard, ${batches.refusedFromMemory} refused from memory (warm-up included)`,
          ]
        : []),
      `pages during the burst (a separate client, one request at a time)   (target p95 < 200 ms)`,
      ...pageLines,
      `yardstick: POST /api/live/ping, same server    ${fixed(result.yardstick.perSecond, 0)}/s (p50 ${fixed(result.yardstick.p50)} ms; CPU per request: ${Object.entries(
        result.yardstick.cpuMicrosPerRequest,
      )
        .map(([k, v]) => `${k} ${fixed(v, 0)} µs`)
        .join(", ")})`,
      `ceiling: guarded one-row UPDATE, ${clients} clients   ${fixed(result.ceiling.perSecond, 0)}/s`,
      `ratio to the ceiling      ${fixed(b.ordersPerSecond / result.ceiling.perSecond, 2)}×   (target ≥ 3×)`,
      `ratio to the yardstick    ${fixed(b.ordersPerSecond / result.yardstick.perSecond, 2)}×`,
      `payment queue: ${drained} sessions in 10 s = ${fixed(queueRate)}/s at ${rate}/s configured → all ${options.stock} in ≈ ${formatDuration(result.paymentQueue.fullDrainSeconds * 1000)}`,
      `machine during the run: ${machineLoad()}`,
      `(${path.relative(ROOT, path.join(OUT_DIR, "livestream.json"))})`,
    ].join("\n"),
  );
  return shutdown(oversold > 0 || duplicates > 0 || books.stock < 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`[bench:livestream] ${error instanceof Error ? error.stack : error}`);
  shutdown(1);
});
