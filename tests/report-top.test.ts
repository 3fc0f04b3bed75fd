// The page's report keeps only the first operators and products (lib/reports/queries.ts: each
// list as its own ORDER BY … LIMIT, with a separate count): with ties at the cut, the rows kept
// are those the whole list (the exports) starts with, ties broken by the id, and the counts are
// those of the whole list, from the rollups and from the raw ledger alike.
//   P1 (O1, ¥100, certified) ×2 = 20000 and P3 (O2, ¥200, certified) ×1 = 20000, paid in June
//   2025: the two products tie, and so do their two sellers (P2, O1's other product, is not sold).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { demoProvider } from "@/lib/payments/demo";
import { parseReportFilters } from "@/lib/reports/filters";
import { loadReport, type ReportSource } from "@/lib/reports/queries";
import { resolveReportScope } from "@/lib/reports/scope";
import { testDb } from "./support/db";
import { actorOf } from "./support/personas";
import { makeReportCounty, type ReportCounty } from "./support/report-county";
import { cartOf } from "./support/shop";

let c: ReportCounty;

beforeAll(async () => {
  const admin: Actor = (await actorOf("admin"))!;
  c = await makeReportCounty("629904");
  for (const item of [
    { ...c.p1, quantity: 2 },
    { ...c.p3, quantity: 1 },
  ]) {
    const at = new Date("2025-06-10T10:00:00+08:00");
    const order = await placeOrder(testDb, cartOf([item]), {
      provider: demoProvider,
      origin: "http://localhost:3000",
      locale: "zh-CN",
      actor: admin,
      now: at,
    });
    expect(await confirmPayment(testDb, { orderId: order.orderId, at })).toEqual({ result: "applied" });
  }
  await c.unlist();
}, 60_000);

async function report(source: ReportSource, limit?: number) {
  const parsed = parseReportFilters(new URLSearchParams("period=month&month=2025-06"), "2026-11-22");
  const { scope, filters } = await resolveReportScope(testDb, c.officer, parsed.filters);
  return loadReport(testDb, scope, filters, { source, limit });
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("the report's first rows, with ties at the cut", () => {
  for (const source of ["rollups", "ledger"] as const) {
    it(`from the ${source}`, async () => {
      const full = await report(source);
      // The whole lists: the tied rows in id order, with their names.
      expect(full.products.map((p) => [p.id, p.assistFen, p.totalFen])).toEqual(
        [c.p1.id, c.p3.id].sort(byId).map((id) => [id, 20000, 20000]),
      );
      expect(full.operators.map((o) => [o.id, o.assistFen, o.totalFen])).toEqual([c.o1, c.o2].sort(byId).map((id) => [id, 20000, 20000]));
      expect(full.products.find((p) => p.id === c.p3.id)).toMatchObject({
        nameZh: "报表牦牛肉",
        nameEn: "Report product 3",
        category: "YAK",
        operatorZh: "报表二号合作社",
        operatorEn: "Report seller 2",
      });
      expect(full.operators.find((o) => o.id === c.o1)).toMatchObject({ nameZh: "报表一号合作社", nameEn: "Report seller 1" });
      expect(full.counts).toEqual({ operators: 2, products: 2, villages: 3 });

      for (const limit of [1, 2, 5]) {
        const page = await report(source, limit);
        expect(page.products, `limit ${limit}`).toEqual(full.products.slice(0, limit));
        expect(page.operators, `limit ${limit}`).toEqual(full.operators.slice(0, limit));
        expect(page.villages, `limit ${limit}`).toEqual(full.villages.slice(0, limit));
        expect(page.counts, `limit ${limit}`).toEqual(full.counts);
        expect(page.headline).toEqual(full.headline);
        expect(page.channels).toEqual(full.channels);
        expect(page.regions).toEqual(full.regions);
      }
    });
  }
});
