// The reservation path alone, no HTTP: a Reserver (lib/campaigns/reserve.ts) on the database, as
// many requests at a time as the livestream benchmark's connections, for one campaign product.
// What it is for: deciding a change of the hot path (shards, batch size, pool size) in seconds,
// alternating the variants in one run so they meet the same machine load.
//   node scripts/db.mjs exec -- tsx scripts/bench-reserve-run.ts [--shards 1,2,4,4/2] [--rounds 2]
//     [--stock 13400] [--extra 600] [--concurrency 200] [--pool 8] [--batch 256]
// Prints, for each round and variant: orders/s, how long the allotment took, the batches and
// sweeps, the 1-minute load average before and after, and fails on any unit oversold.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { startCampaign } from "@/lib/campaigns/lifecycle";
import { createHotPool } from "@/lib/campaigns/pool";
import { Reserver } from "@/lib/campaigns/reserve";
import { createPrismaClient } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { liveRequest } from "@/tests/support/live-request";
import { cpuSecondsByPid, processTree } from "./lib/bench.mjs";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
// Each variant is shards[/most batches in flight], e.g. 4/2: four shards, two batches at once.
const VARIANTS = option("shards", "1,2,4")
  .split(",")
  .map((v) => v.split("/").map(Number) as [number, number?]);
const ROUNDS = Number(option("rounds", "2"));
const STOCK = Number(option("stock", "13400"));
const EXTRA = Number(option("extra", "600"));
const CONCURRENCY = Number(option("concurrency", "200"));
const POOL = Number(option("pool", "8"));
const BATCH = Number(option("batch", "256"));
const load = () => os.loadavg()[0]!.toFixed(1);

const url = env().DATABASE_URL!;
const db = createPrismaClient(url, 4);

async function campaignOf(stock: number, shards: number) {
  const id = `bench-reserve-${randomBytes(4).toString("hex")}`;
  await db.$executeRaw`
    INSERT INTO "Product" ("id","slug","operatorId","nameZh","nameEn","category","unitZh","unitEn","specZh","specEn","priceFen","stock","status","listed",
       "villageId","townshipId","countyId","isDemo","updatedAt")
    SELECT ${id}, ${id}, "operatorId", '直播爆款辣椒', 'Livestream chili', "category", "unitZh", "unitEn", "specZh", "specEn", 6800, ${stock}::int, 'CERTIFIED', true,
       "villageId","townshipId","countyId", true, now()
    FROM "Product" ORDER BY ("slug" = 'gangu-chili-5kg-box') DESC, "slug" LIMIT 1`;
  await db.$executeRaw`
    INSERT INTO "StockMovement" ("id","productId","delta","stockAfter","reason","note","createdAt")
    VALUES (gen_random_uuid()::text, ${id}, ${stock}::int, ${stock}::int, 'INITIAL', 'bench', now())`;
  const now = new Date();
  await db.$executeRaw`
    INSERT INTO "Campaign" ("id","slug","titleZh","titleEn","hostZh","hostEn","startsAt","endsAt","perBuyerLimit","status","createdById","publishedById","publishedAt")
    VALUES (${id}, ${id}, '甘谷辣椒直播专场', 'Gangu chili livestream', '县长', 'The county head',
            ${new Date(now.getTime() - 1000)}, ${new Date(now.getTime() + 7200_000)}, 2, 'PUBLISHED', 'seed-user-admin', 'seed-user-admin', ${now})`;
  await db.$executeRaw`
    INSERT INTO "CampaignProduct" ("id","campaignId","productId","operatorId","priceFen","allotment")
    SELECT ${id}, ${id}, ${id}, "operatorId", 5000, ${stock}::int FROM "Product" WHERE "id" = ${id}`;
  if (!(await startCampaign(db, id, now, shards))) throw new Error("the campaign did not start");
  return id;
}

/** PostgreSQL's postmaster on this machine (the parent of a backend), for its CPU; null when it is elsewhere. */
async function postmasterPid(): Promise<number | null> {
  try {
    const [row] = await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    const stat = readFileSync(`/proc/${row!.pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) of a process and its descendants so far (Linux). */
const treeCpuSeconds = (pid: number): number => [...cpuSecondsByPid(processTree(pid)).values()].reduce((a, b) => a + b, 0);
const postmaster = await postmasterPid();

async function once([shards, parallel]: [number, number?]) {
  const id = await campaignOf(STOCK, shards);
  const pool = createHotPool(url, POOL);
  const reserver = new Reserver(pool, { batchMax: BATCH, maxParallel: parallel });
  const total = STOCK + EXTRA;
  const before = load();
  const pgBefore = postmaster ? treeCpuSeconds(postmaster) : 0;
  const nodeBefore = process.cpuUsage();
  let next = 0;
  let granted = 0;
  let allMs: number | null = null;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const n = next++;
        const r = await reserver.reserve(liveRequest(id, { who: n }));
        if (r.ok && r.created && ++granted === STOCK) allMs = performance.now() - began;
      }
    }),
  );
  const elapsed = performance.now() - began;
  const pgSeconds = postmaster ? treeCpuSeconds(postmaster) - pgBefore : NaN;
  const nodeUsage = process.cpuUsage(nodeBefore);
  const perRequest = (seconds: number) => Math.round((seconds / total) * 1e6);
  await pool.end();
  const [books] = await db.$queryRaw<{ left: number; sold: number }[]>`
    SELECT (SELECT COALESCE(SUM("stock"), 0)::int FROM "CampaignShard" WHERE "campaignProductId" = ${id}) AS "left",
           (SELECT COALESCE(SUM(l."quantity"), 0)::int FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" WHERE o."campaignId" = ${id}) AS "sold"`;
  const oversold = Math.max(0, books!.sold - STOCK);
  const ms = allMs ?? elapsed;
  console.log(
    `shards ${shards}${parallel ? `/${parallel} at once` : ""}: ${Math.round((granted / ms) * 1000)} orders/s, ${granted} in ${(ms / 1000).toFixed(2)} s, ` +
      `${reserver.stats.batches} transactions (${Math.round(reserver.stats.requests / Math.max(1, reserver.stats.batches))} requests each), ` +
      `${reserver.stats.sweeps} sweeps, left ${books!.left}, sold ${books!.sold}, oversold ${oversold}, ` +
      `CPU per request: PostgreSQL ${perRequest(pgSeconds)} µs, Node ${perRequest((nodeUsage.user + nodeUsage.system) / 1e6)} µs   load ${before} → ${load()}`,
  );
  if (oversold > 0 || books!.sold + books!.left !== STOCK) process.exitCode = 1;
}

for (let round = 1; round <= ROUNDS; round++) {
  console.log(`round ${round} (pool ${POOL}, batch ≤ ${BATCH}, ${CONCURRENCY} at a time)`);
  for (const variant of VARIANTS) await once(variant);
}
await db.$disconnect();
