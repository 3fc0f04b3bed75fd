// `npm run bench:checkout`: how fast checkout holds stock on one hot product, through the real
// HTTP endpoint (POST /api/checkout on a production build, demo payment provider), on the
// embedded PostgreSQL. A benchmark, not a test: it prints figures and fails only on oversell.
//   1. its own PostgreSQL (.data/postgres-bench-checkout, made anew each run; port 54333), migrations, demo seed
//   2. next build into .next-bench (shared with bench:pages), next start on port 3201
//   3. a hot product with STOCK units at ¥50 (13,400 by default: the seed report's livestream,
//      ¥670,000 in 3 seconds), then STOCK + EXTRA checkouts of one unit from N concurrent buyers;
//      the extra ones must be refused
//   4. in the same run, the same number of plain guarded one-row UPDATEs straight to PostgreSQL,
//      one per transaction, from N concurrent clients: the ceiling for "one order, one transaction"
// Prints reservations per second, p50/p95/p99, oversold units (must be 0), the ratio to the
// ceiling, and how long the livestream's 13,400 orders took. Writes bench-results/checkout.json.
// Options: --buyers N (default 200), --stock N (13400), --extra N (600), --no-build
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { lookup } from "node:dns/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchDatabase, fixed, machineLoad, parseBurstArgs, percentile } from "./lib/bench.mjs";
import { ROOT, formatDuration, handleSignals, onCleanup, portIsFree, runStep, shutdown, start, waitForHttp } from "./lib/proc.mjs";

const USAGE = "usage: npm run bench:checkout -- [--buyers N] [--stock N] [--extra N] [--no-build]";
const DATA_DIR = ".data/postgres-bench-checkout";
const DB_PORT = 54333;
const PORT = 3201;
const BASE = `http://127.0.0.1:${PORT}`;
const DIST_DIR = ".next-bench";
const OUT_DIR = path.join(ROOT, "bench-results");
const PRICE_FEN = 5000;

const log = (message) => console.error(`[bench:checkout] ${message}`);

/** A copy of a demo product with `stock` units at ¥50, and its id. */
async function hotProduct(client, stock, tag) {
  const id = `bench-hot-${tag}-${randomBytes(4).toString("hex")}`;
  await client.query(
    `INSERT INTO "Product" ("id","slug","operatorId","nameZh","nameEn","category","unitZh","unitEn","specZh","specEn","priceFen","stock","status","listed",
       "villageId","townshipId","countyId","isDemo","updatedAt")
     SELECT $1, $1, "operatorId", '直播爆款辣椒', 'Livestream chili', "category", "unitZh", "unitEn", "specZh", "specEn", $2, $3, 'CERTIFIED', true,
       "villageId","townshipId","countyId", true, now()
     FROM "Product" WHERE "slug" = 'gangu-chili-5kg-box' OR true ORDER BY ("slug" = 'gangu-chili-5kg-box') DESC LIMIT 1`,
    [id, PRICE_FEN, stock],
  );
  return id;
}

/** Runs `total` jobs with `concurrency` workers; each job's latency in ms. */
async function pool(total, concurrency, job) {
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

const ADDRESS = {
  recipient: "直播间买家",
  mobile: "13800138000",
  province: "甘肃省",
  city: "天水市",
  district: "甘谷县",
  address: "大像山镇人民路 1 号",
};

async function main() {
  handleSignals();
  const options = parseBurstArgs(process.argv.slice(2), USAGE);
  mkdirSync(path.join(OUT_DIR, "logs"), { recursive: true });
  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is in use: free it first`);
  const { db, secrets } = await benchDatabase({ dataDir: DATA_DIR, port: DB_PORT, log, fresh: true });
  const env = {
    DATABASE_URL: db.url,
    ...secrets,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DEMO_PAYMENTS: "1",
    MAX_UNPAID_ORDERS: "1000000", // every order of this benchmark is one guest's
    STRIPE_SECRET_KEY: "",
  };
  log("seeding the demo data");
  if ((await runStep("tsx", ["prisma/seed.ts"], { env })) !== 0) throw new Error("the seed failed");
  if (options.build || !existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    log(`building into ${DIST_DIR}`);
    if ((await runStep("next", ["build"], { env: { ...env, NODE_ENV: "production" } })) !== 0) throw new Error("next build failed");
  }
  const { address } = await lookup("localhost").catch(() => ({ address: undefined }));
  const serverLog = path.join(OUT_DIR, "logs", "checkout-server.log");
  const server = start("next", ["start", ...(address === "127.0.0.1" ? ["-H", "localhost"] : []), "-p", String(PORT)], {
    env: { ...env, NODE_ENV: "production", NEXTAUTH_URL: BASE },
    logFile: serverLog,
  });
  onCleanup(() => server.stop());
  const ready = await waitForHttp(`${BASE}/about`, { proc: server, timeoutMs: 120_000, ok: (s) => s === 200 });
  if (!("status" in ready)) throw new Error(`the server did not start; see ${path.relative(ROOT, serverLog)}`);

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  onCleanup(() => client.end());

  const checkout = async (productId) => {
    const response = await fetch(`${BASE}/api/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        locale: "zh-CN",
        order: {
          checkoutKey: randomBytes(16).toString("base64url"),
          email: "live@example.test",
          address: ADDRESS,
          items: [{ productId, quantity: 1, expectedPriceFen: PRICE_FEN }],
        },
      }),
    });
    await response.arrayBuffer();
    return response.status;
  };

  // Warm-up: compile the route and fill the connection pools.
  const warm = await hotProduct(client, 400, "warm");
  await pool(400, Math.min(options.buyers, 50), () => checkout(warm));

  // The run.
  const hot = await hotProduct(client, options.stock, "run");
  const total = options.stock + options.extra;
  const statuses = new Map();
  let reservedAtMs = null;
  let reserved = 0;
  const began = performance.now();
  log(`${total} checkouts of one unit from ${options.buyers} concurrent buyers, ${options.stock} in stock`);
  const run = await pool(total, options.buyers, async () => {
    const status = await checkout(hot);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status === 200 && ++reserved === options.stock) reservedAtMs = performance.now() - began;
  });
  const after = (
    await client.query(
      `SELECT p."stock", (SELECT COALESCE(SUM(l."quantity"),0)::int FROM "OrderLine" l WHERE l."productId" = p."id") AS "sold",
              (SELECT COALESCE(SUM(m."delta"),0)::int FROM "StockMovement" m WHERE m."productId" = p."id") AS "moved"
       FROM "Product" p WHERE p."id" = $1`,
      [hot],
    )
  ).rows[0];
  const oversold = Math.max(0, after.sold - options.stock) + (after.stock < 0 ? -after.stock : 0);

  // The ceiling: plain guarded UPDATEs, one per transaction, from as many clients (up to the
  // server's connection limit).
  const ceilingProduct = await hotProduct(client, options.stock, "ceiling");
  const clients = Math.min(options.buyers, 80);
  const sql = new pg.Pool({ connectionString: db.url, max: clients });
  onCleanup(() => sql.end());
  await pool(clients, clients, () => sql.query("SELECT 1"));
  let ceilingRows = 0;
  const ceiling = await pool(total, options.buyers, async () => {
    const r = await sql.query(`UPDATE "Product" SET "stock" = "stock" - 1 WHERE "id" = $1 AND "stock" >= 1`, [ceilingProduct]);
    ceilingRows += r.rowCount;
  });

  const rate = (reserved / run.elapsedMs) * 1000;
  const ceilingRate = (total / ceiling.elapsedMs) * 1000;
  const result = {
    generatedAt: new Date().toISOString(),
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version },
    options,
    checkout: {
      requests: total,
      statuses: Object.fromEntries(statuses),
      reserved,
      elapsedMs: run.elapsedMs,
      reservationsPerSecond: rate,
      latencyMs: { p50: percentile(run.latencies, 50), p95: percentile(run.latencies, 95), p99: percentile(run.latencies, 99) },
      stockAfter: after.stock,
      unitsOnOrders: after.sold,
      ledgerSum: after.moved,
      oversold,
      livestreamMs: reservedAtMs,
    },
    ceiling: {
      updates: total,
      rowsChanged: ceilingRows,
      elapsedMs: ceiling.elapsedMs,
      perSecond: ceilingRate,
      latencyMs: { p50: percentile(ceiling.latencies, 50), p95: percentile(ceiling.latencies, 95), p99: percentile(ceiling.latencies, 99) },
    },
    ratio: rate / ceilingRate,
  };
  writeFileSync(path.join(OUT_DIR, "checkout.json"), `${JSON.stringify(result, null, 2)}\n`);

  const c = result.checkout;
  console.log(`Machine during the run: ${machineLoad()}`);
  console.log("");
  console.log(
    `checkout (POST /api/checkout, ${options.buyers} concurrent buyers, one product, ${options.stock} in stock, ${total} requests)`,
  );
  console.log(`  reserved            ${c.reserved} (answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")})`);
  console.log(`  reservations/s      ${fixed(c.reservationsPerSecond, 0)}`);
  console.log(`  latency p50/p95/p99 ${fixed(c.latencyMs.p50)} / ${fixed(c.latencyMs.p95)} / ${fixed(c.latencyMs.p99)} ms`);
  console.log(
    `  stock after         ${c.stockAfter} (units on orders ${c.unitsOnOrders}, stock ledger sum ${c.ledgerSum} after an opening of +0)`,
  );
  console.log(`  oversold units      ${c.oversold}`);
  console.log(`ceiling (guarded one-row UPDATE, one per transaction, ${clients} connections)`);
  console.log(
    `  updates/s           ${fixed(result.ceiling.perSecond, 0)}  (p50 ${fixed(result.ceiling.latencyMs.p50)} ms, p95 ${fixed(result.ceiling.latencyMs.p95)} ms)`,
  );
  console.log(`ratio checkout / ceiling  ${fixed(result.ratio * 100, 0)}%`);
  console.log(
    `livestream: ${options.stock.toLocaleString("en-US")} orders of ¥50 (¥${((options.stock * PRICE_FEN) / 100).toLocaleString("en-US")}) absorbed in ${
      c.livestreamMs === null ? "— (not all reserved)" : formatDuration(c.livestreamMs)
    }`,
  );
  console.log(`(${path.relative(ROOT, path.join(OUT_DIR, "checkout.json"))})`);
  return shutdown(oversold > 0 || c.stockAfter < 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`[bench:checkout] ${error instanceof Error ? error.message : error}`);
  shutdown(1);
});
