// The report rollups are a cache of the ledger and nothing more: after payments, partial and whole
// refunds, payouts written, changed and removed, and orders written by the volume generator
// (prisma/seed-orders.ts, through the same ledger and rollup functions), every rollup row equals
// the same sum taken over the whole ledger, and every report figure is the same from the rollups
// as from the raw ledger. Nothing else may write to them.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { creditCodeCheckChar } from "@/lib/operators/credit-code";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { requestRefund } from "@/lib/orders/refunds";
import { demoProvider } from "@/lib/payments/demo";
import { loadBuyerReport } from "@/lib/reports/buyers";
import { parseReportFilters } from "@/lib/reports/filters";
import { loadReport } from "@/lib/reports/queries";
import { ROLLUP_FROM_LEDGER } from "@/lib/reports/rollups";
import { resolveReportScope } from "@/lib/reports/scope";
import { generateOrders } from "@/prisma/seed-orders";
import { testDb } from "./support/db";
import { actorOf, OPERATOR_A } from "./support/personas";
import { makeReportCounty, type ReportCounty } from "./support/report-county";
import { cartOf, linkHouseholds, makeProduct } from "./support/shop";

let c: ReportCounty;
let admin: Actor;
const TABLES = [
  ["ReportSales", ROLLUP_FROM_LEDGER.sales],
  ["ReportProductSales", ROLLUP_FROM_LEDGER.productSales],
  ["ReportCountySales", ROLLUP_FROM_LEDGER.countySales],
  ["ReportBuyerSales", ROLLUP_FROM_LEDGER.buyerSales],
  ["ReportHousehold", ROLLUP_FROM_LEDGER.households],
  ["ReportVillageHouseholds", ROLLUP_FROM_LEDGER.villageHouseholds],
] as const;
// A row whose sums are all zero reads exactly like no row (a payout moved to another day leaves
// one behind), so both sides are compared without them.
const NONZERO: Record<string, string> = {
  ReportSales: `"netFen" <> 0 OR "refundedFen" <> 0`,
  ReportProductSales: `"netFen" <> 0 OR "refundedFen" <> 0`,
  ReportCountySales: `"netFen" <> 0 OR "refundedFen" <> 0`,
  ReportBuyerSales: `"netFen" <> 0 OR "refundedFen" <> 0`,
  ReportHousehold: `"allocFen" <> 0 OR "payoutFen" <> 0`,
  ReportVillageHouseholds: `"reached" <> 0 OR "people" <> 0 OR "incomeFen" <> 0 OR "covered" <> 0`,
};

/** Rows in the rollup table that the ledger does not give, and the other way round. */
async function differences(table: string, fromLedger: string) {
  const mine = `SELECT * FROM "${table}" WHERE ${NONZERO[table]}`;
  const ledger = `SELECT * FROM (${fromLedger}) l WHERE ${NONZERO[table]}`;
  const stored = await testDb.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM (${mine} EXCEPT ALL ${ledger}) x`);
  const missing = await testDb.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM (${ledger} EXCEPT ALL ${mine}) x`);
  const rows = await testDb.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
  return { stored: Number(stored[0]!.n), missing: Number(missing[0]!.n), rows: Number(rows[0]!.n) };
}

beforeAll(async () => {
  admin = (await actorOf("admin"))!;
  c = await makeReportCounty("629902");
  const ctx = { provider: demoProvider, origin: "http://localhost:3000", locale: "zh-CN" as const, actor: admin };

  // Payments now, in this county and in Gangu (a product with links of its own), in several channels.
  const gangu = await makeProduct(OPERATOR_A, { priceFen: 3333 });
  await linkHouseholds(gangu, [700, 300, 1]);
  // Buyer organisations (the buy side, ReportBuyerSales): a unit with a canteen and its union in
  // this county, a partner paired with it; the orders carry them from before the payment, as checkout writes them.
  const code = () => {
    const body = Array.from(randomBytes(9), (b) => "0123456789ABCDEFGHJKLMNPQRTUWXY"[b % 31]).join("");
    return "12620100" + body + creditCodeCheckChar("12620100" + body);
  };
  const unit = await testDb.organisation.create({
    data: { nameZh: "汇总测试单位", kind: "BUDGET_UNIT", creditCode: code(), regionId: c.county, hasCanteen: true },
  });
  const union = await testDb.organisation.create({
    data: { nameZh: "汇总测试工会", kind: "TRADE_UNION", creditCode: code(), regionId: c.county, parentUnitId: unit.id },
  });
  const partner = await testDb.organisation.create({
    data: {
      nameZh: "汇总测试协作单位",
      kind: "PARTNER",
      creditCode: code(),
      regionId: "12",
      pairings: { create: [{ countyId: c.county }] },
    },
  });
  await testDb.canteenBudget.create({
    data: { organisationId: unit.id, year: new Date().getFullYear(), budgetFen: 5_000_000n, declaredById: admin.userId },
  });
  const buyerOf: Record<string, string | null> = { RETAIL: null, INSTITUTION: union.id, PAIRING: partner.id };
  const orders: string[] = [];
  for (const [items, channel] of [
    [
      [
        { ...c.p1, quantity: 3 },
        { ...c.p2, quantity: 2 },
      ],
      "RETAIL",
    ],
    [
      [
        { ...c.p3, quantity: 1 },
        { ...gangu, quantity: 7 },
      ],
      "INSTITUTION",
    ],
    [[{ ...c.p1, quantity: 1 }], "PAIRING"],
    [[{ ...c.p3, quantity: 2 }], "INSTITUTION"],
  ] as const) {
    const order = await placeOrder(testDb, cartOf([...items]), ctx);
    // The channel and the organisation come from a buyer organisation at checkout; this fixture sets
    // them directly, before payment (the rollups take them from the paid order).
    await testDb.order.update({
      where: { id: order.orderId },
      data: { ...(channel !== "RETAIL" ? { channel } : {}), organisationId: buyerOf[channel] },
    });
    await confirmPayment(testDb, { orderId: order.orderId });
    orders.push(order.orderId);
  }
  // Refunds: part of one line twice, then the rest of it; a whole order.
  const line = await testDb.orderLine.findFirstOrThrow({ where: { orderId: orders[1], productId: gangu.id } });
  await requestRefund(testDb, demoProvider, { orderId: orders[1]!, lines: [{ orderLineId: line.id, amountFen: 777 }] }, admin);
  await requestRefund(testDb, demoProvider, { orderId: orders[1]!, lines: [{ orderLineId: line.id, amountFen: 1 }] }, admin);
  await requestRefund(testDb, demoProvider, { orderId: orders[1]!, lines: [{ orderLineId: line.id }] }, admin);
  const whole = await testDb.orderLine.findMany({ where: { orderId: orders[0] } });
  await requestRefund(testDb, demoProvider, { orderId: orders[0]!, lines: whole.map((l) => ({ orderLineId: l.id })) }, admin);

  // Payouts: written, changed, moved to another day, removed (a trigger keeps the rollup).
  const kept = await testDb.payout.create({
    data: { operatorId: c.o1, householdId: c.h.h1, mechanism: "DIVIDEND", amountFen: 1234, paidOn: new Date("2025-12-31T00:00:00Z") },
  });
  await testDb.payout.update({ where: { id: kept.id }, data: { amountFen: 4321, paidOn: new Date("2026-01-01T00:00:00Z") } });
  const gone = await testDb.payout.create({
    data: { operatorId: c.o2, householdId: c.h.h3, mechanism: "WAGE", amountFen: 999, paidOn: new Date("2026-02-01T00:00:00Z") },
  });
  await testDb.payout.delete({ where: { id: gone.id } });

  // The volume generator, small: orders over two years on this county's products, with refunds
  // and payouts, kept in the rollups by recordSaleInReports / recordRefundInReports as it goes.
  const volume = await generateOrders(testDb, { lines: 600, add: true, countyIds: [c.county], until: new Date(), bulk: false });
  expect(volume.lines).toBeGreaterThanOrEqual(600);

  // The registry changes after the sales: a household's members and another's status, and a
  // household moves to a village of the other township (its part of the village rows moves with it).
  await testDb.household.update({ where: { id: c.h.h2 }, data: { members: 6 } });
  await testDb.household.update({ where: { id: c.h.h1 }, data: { status: "LIFTED" } });
  await testDb.household.update({ where: { id: c.h.h3 }, data: { villageId: c.v2, townshipId: c.t1 } });
  await testDb.household.updateMany({ where: { id: { in: [c.h.h1, c.h.h2, c.h.h4] } }, data: { members: { increment: 1 } } });
  await c.unlist();
}, 120_000);

describe("report rollups", () => {
  for (const [table, fromLedger] of TABLES) {
    it(`${table} equals the sums over the whole ledger`, async () => {
      const d = await differences(table, fromLedger);
      expect(d.rows).toBeGreaterThan(0);
      expect(d).toEqual({ stored: 0, missing: 0, rows: d.rows });
    });
  }

  it("the generator's orders are in them, with their refunds", async () => {
    const refunded = await testDb.orderLine.count({
      where: { orderId: { startsWith: "vol-o-" }, refundedFen: { gt: 0 }, product: { countyId: c.county } },
    });
    expect(refunded).toBeGreaterThan(0);
    const rows = await testDb.$queryRawUnsafe<{ net: bigint; refunded: bigint }[]>(
      `SELECT SUM("netFen")::bigint AS net, SUM("refundedFen")::bigint AS refunded FROM "ReportSales" WHERE "grain" = 'YEAR' AND "countyId" = $1`,
      c.county,
    );
    const lines = await testDb.$queryRawUnsafe<{ net: bigint; refunded: bigint }[]>(
      `SELECT SUM(l."netFen")::bigint AS net, SUM(l."refundedFen")::bigint AS refunded
       FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" JOIN "Product" p ON p.id = l."productId"
       WHERE o."paidAt" IS NOT NULL AND p."countyId" = $1`,
      c.county,
    );
    expect(rows[0]).toEqual(lines[0]);
    expect(Number(rows[0]!.refunded)).toBeGreaterThan(0);
  });

  const QUERIES = [
    "",
    "period=year&year=2025",
    "period=quarter&quarter=2026-Q1",
    "period=month&month=2026-01",
    "period=custom&from=2025-01-01&to=2026-06-30",
    "period=custom&from=2025-02-14&to=2025-11-03",
    "period=year&year=2025&channel=INSTITUTION",
    "period=year&year=2025&category=YAK",
    "period=quarter&quarter=2026-Q1&category=CHILI",
  ];
  for (const query of QUERIES) {
    it(`every figure is the same from the rollups and from the ledger: ${query || "(default)"}`, async () => {
      for (const [actor, extra] of [
        [admin, ""],
        [c.officer, ""],
        [c.officer, `&township=${c.t1}`],
        [c.officer, `&operator=${c.o1}`],
        [await actorOf("officerGangu"), ""],
      ] as const) {
        const parsed = parseReportFilters(new URLSearchParams(query + extra), new Date().toISOString().slice(0, 10));
        const { scope, filters } = await resolveReportScope(testDb, actor!, parsed.filters);
        const { sources: _a, ...fromRollups } = await loadReport(testDb, scope, filters, { source: "rollups" });
        const { sources: _b, ...fromLedger } = await loadReport(testDb, scope, filters, { source: "ledger" });
        void [_a, _b];
        expect(fromRollups, `${actor!.email} ${query}${extra}`).toEqual(fromLedger);
        // The buy side too: purchases, pairings, quota completion (rollup YEAR rows vs countedPurchasesFen), campaigns.
        const { source: _c, ...buyersFromRollups } = await loadBuyerReport(testDb, scope, filters, { source: "rollups" });
        const { source: _d, ...buyersFromLedger } = await loadBuyerReport(testDb, scope, filters, { source: "ledger" });
        void [_c, _d];
        expect(buyersFromRollups, `buy side: ${actor!.email} ${query}${extra}`).toEqual(buyersFromLedger);
      }
    });
  }

  it("refuses every write that is not the ledger's", async () => {
    for (const sql of [
      `INSERT INTO "ReportSales" VALUES ('YEAR', '2026-01-01', 'x', 'y', '629902', 'RETAIL', true, 1, 0)`,
      `UPDATE "ReportSales" SET "netFen" = "netFen" + 100`,
      `DELETE FROM "ReportHousehold"`,
      `UPDATE "ReportCountySales" SET "refundedFen" = 0`,
      `TRUNCATE "ReportCountySales"`,
      `INSERT INTO "ReportBuyerSales" VALUES ('YEAR', '2026-01-01', 'x', '629902', 'INSTITUTION', true, 1, 0)`,
      `UPDATE "ReportBuyerSales" SET "netFen" = 0`,
      `TRUNCATE "ReportBuyerSales"`,
      `UPDATE "ReportVillageHouseholds" SET "reached" = 0`,
      `DELETE FROM "ReportProductSales"`,
      `TRUNCATE "ReportVillageHouseholds"`,
    ]) {
      await expect(testDb.$executeRawUnsafe(sql), sql).rejects.toThrow(/kept by the ledger code only/);
    }
    const d = await differences("ReportSales", ROLLUP_FROM_LEDGER.sales);
    expect([d.stored, d.missing]).toEqual([0, 0]);
  });
});
