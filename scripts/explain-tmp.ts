// temporary: EXPLAIN ANALYZE every query of the county dashboard (not committed)
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { loadBuyerReport } from "@/lib/reports/buyers";
import { parseReportFilters } from "@/lib/reports/filters";
import { loadReport } from "@/lib/reports/queries";
import type { ReportScope } from "@/lib/reports/scope";

async function main() {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 20 }), log: [{ emit: "event", level: "query" }] });
  const seen: { query: string; params: string; duration: number }[] = [];
  db.$on("query" as never, (e: { query: string; params: string; duration: number }) => seen.push(e));
  const county = await db.region.findUniqueOrThrow({ where: { id: "620523" }, select: { id: true, nameZh: true, nameEn: true } });
  const scope: ReportScope = { countyIds: [county.id], county, township: null, village: null, operator: null, product: null, regionLevel: "TOWNSHIP" };
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const f = { ...parseReportFilters(new URLSearchParams(""), today).filters, county: county.id };
  for (let i = 0; i < 3; i++) await Promise.all([loadReport(db, scope, f, { limit: 20 }), loadBuyerReport(db, scope, f)]);
  seen.length = 0;
  const t = performance.now();
  await Promise.all([loadReport(db, scope, f, { limit: 20 }), loadBuyerReport(db, scope, f)]);
  console.log(`dashboard ${(performance.now() - t).toFixed(1)} ms, ${seen.length} queries`);
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  for (const q of seen) {
    const params = JSON.parse(q.params) as unknown[];
    if (!/^\s*(SELECT|WITH)/i.test(q.query)) continue;
    const began = performance.now();
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.query}`, params as never[]);
    const ms = performance.now() - began;
    console.log(`\n===== ${q.duration} ms in the dashboard, ${ms.toFixed(1)} ms alone: ${q.query.replace(/\s+/g, " ").slice(0, 200)}`);
    if (process.argv.includes("--plans")) console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    else console.log(plan.rows.slice(-2).map((r) => r["QUERY PLAN"]).join("\n"));
  }
  await client.end();
  await db.$disconnect();
}
main();
