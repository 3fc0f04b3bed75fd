// The office report, checked against numbers worked out by hand: a county of its own
// (tests/support/report-county.ts), orders placed and paid through checkout with the demo payment
// provider at chosen instants, refunds through requestRefund, payouts; then every figure of the
// report, from the rollups and from the raw ledger, and every exported table (CSV and XLSX,
// through the real route), to the fen and to the household. Then who sees what.
//
// The ledger, by hand (all amounts in fen; Shanghai time):
//   A  RETAIL       paid 2025-03-10 10:00  P1 ×2 = 20000 (certified) → H1 +2000, H2 +1000
//                                          P2 ×1 =  5000 (not)       → H2 +500
//   B  INSTITUTION  paid 2025-03-31 23:30  P3 ×3 = 60000 (certified) → H3 +1500
//   C  PAIRING      paid 2025-04-01 00:10  P1 ×1 = 10000 (certified) → H1 +1000, H2 +500
//                   (still March in UTC: the period must be Shanghai's)
//   D  RETAIL       placed 2025-03-12, never paid (cancelled): counts nowhere
//   refund of 5000 of A's P1 line on 2025-04-15 → H1 −500, H2 −250 (floor(2000×5000/20000) …)
//   refund of all of C on 2025-05-02            → H1 −1000, H2 −500
//   payouts: H4 30000 (O2) 2025-03-20; H1 10002 (O1) 2025-06-01; H2 2000 (O1) 2024-12-31
// Year 2025: sales A.P1 20000−5000 = 15000, A.P2 5000, B 60000, C 10000−10000 = 0
//   assistance 15000 + 60000 + 0 = 75000; all 80000; share 93.75% → 93.8%
//   allocations: H1 2000+1000−500−1000 = 1500, H2 1000+500+500−250−500 = 1250, H3 1500, H4 0, H5 0
//   reached H1, H2, H3 = 3; people 3+4+2 = 9; income 1500+10002 + 1250 + 1500 = 14252
//   per household 14252 / 3 = 4750.67 → 4751; monitored H1 H3 H4 H5 = 4; with income H1 H3 H4 = 3 (75.0%)
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session.server";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment, releaseReservation } from "@/lib/orders/fulfilment";
import { requestRefund } from "@/lib/orders/refunds";
import { demoProvider } from "@/lib/payments/demo";
import { parseReportFilters } from "@/lib/reports/filters";
import { loadRegionBreakdown, loadReport, type Report, type ReportSource } from "@/lib/reports/queries";
import { resolveReportScope } from "@/lib/reports/scope";
import { reportTables } from "@/lib/reports/tables";
import { GET as exportRoute } from "@/app/api/office/reports/export/route";
import { testDb } from "./support/db";
import { actorOf, OPERATOR_B } from "./support/personas";
import { makeReportCounty, type ReportCounty } from "./support/report-county";
import { reportTextOf } from "./support/report-text";
import { cartOf, makeProduct } from "./support/shop";

vi.mock("@/lib/auth/session.server", () => ({ getActor: vi.fn(async () => null) }));
vi.mock("next-intl/server", async () => {
  const { translator } = await import("@/tests/support/report-text");
  return { getTranslations: async ({ locale, namespace }: { locale: "zh-CN" | "en"; namespace: string }) => translator(locale, namespace) };
});

const SOURCES: ReportSource[] = ["rollups", "ledger"];
let c: ReportCounty;
let admin: Actor;
const lines: Record<string, string> = {};

/** Shanghai wall-clock time → the instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

async function pay(
  items: { id: string; priceFen: number; quantity: number }[],
  channel: "RETAIL" | "INSTITUTION" | "PAIRING",
  placed: Date,
  paid: Date | null,
) {
  const ctx = { provider: demoProvider, origin: "http://localhost:3000", locale: "zh-CN" as const, actor: admin, now: placed };
  const order = await placeOrder(testDb, cartOf(items), ctx);
  // Checkout takes the channel from a buyer organisation (lib/organisations/channel.ts); these
  // report fixtures set it directly, before the payment writes the ledger.
  if (channel !== "RETAIL") await testDb.order.update({ where: { id: order.orderId }, data: { channel } });
  if (paid) expect(await confirmPayment(testDb, { orderId: order.orderId, at: paid })).toEqual({ result: "applied" });
  else await releaseReservation(testDb, { orderId: order.orderId, reason: "EXPIRED", at: placed });
  return order.orderId;
}

async function refundAt(at: Date, orderId: string, orderLineId: string, amountFen?: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    await requestRefund(testDb, demoProvider, { orderId, lines: [{ orderLineId, amountFen }] }, admin);
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  admin = (await actorOf("admin"))!;
  c = await makeReportCounty("629901");
  const { p1, p2, p3 } = c;
  const a = await pay(
    [
      { ...p1, quantity: 2 },
      { ...p2, quantity: 1 },
    ],
    "RETAIL",
    sh("2025-03-10T09:58:00"),
    sh("2025-03-10T10:00:00"),
  );
  await pay([{ ...p3, quantity: 3 }], "INSTITUTION", sh("2025-03-31T23:25:00"), sh("2025-03-31T23:30:00"));
  const cOrder = await pay([{ ...p1, quantity: 1 }], "PAIRING", sh("2025-04-01T00:05:00"), sh("2025-04-01T00:10:00"));
  await pay([{ ...p3, quantity: 1 }], "RETAIL", sh("2025-03-12T08:00:00"), null);
  for (const l of await testDb.orderLine.findMany({ where: { orderId: { in: [a, cOrder] } } }))
    lines[`${l.orderId === a ? "a" : "c"}-${l.productId}`] = l.id;
  await refundAt(sh("2025-04-15T10:00:00"), a, lines[`a-${p1.id}`]!, 5000);
  await refundAt(sh("2025-05-02T10:00:00"), cOrder, lines[`c-${p1.id}`]!);
  await testDb.payout.createMany({
    data: [
      { operatorId: c.o2, householdId: c.h.h4, mechanism: "DIVIDEND", amountFen: 30000, paidOn: new Date("2025-03-20T00:00:00Z") },
      { operatorId: c.o1, householdId: c.h.h1, mechanism: "DIVIDEND", amountFen: 10002, paidOn: new Date("2025-06-01T00:00:00Z") },
      { operatorId: c.o1, householdId: c.h.h2, mechanism: "WAGE", amountFen: 2000, paidOn: new Date("2024-12-31T00:00:00Z") },
    ],
  });
  await c.unlist();
}, 60_000);

afterAll(() => {
  vi.mocked(getActor).mockReset();
});

async function reportFor(actor: Actor, query: string, source: ReportSource, limit?: number) {
  const parsed = parseReportFilters(new URLSearchParams(query), "2026-11-22");
  const { scope, filters, problems } = await resolveReportScope(testDb, actor, parsed.filters);
  return { scope, filters, problems, report: await loadReport(testDb, scope, filters, { source, limit }) };
}

const money = (assistFen: number, totalFen: number) => ({ assistFen, totalFen });

interface Expected {
  headline: Report["headline"];
  regions?: [string, number, number, number, number][];
  villages?: [string, number, number, number, number, number][];
  operators?: [string, number, number][];
  products?: [string, number, number][];
  channels?: [string, number, number][];
  trend?: Record<string, [number, number]>;
}

function check(report: Report, e: Expected) {
  expect(report.headline).toEqual(e.headline);
  if (e.regions) expect(report.regions.map((r) => [r.id, r.assistFen, r.totalFen, r.reached, r.people])).toEqual(e.regions);
  if (e.villages) expect(report.villages.map((r) => [r.id, r.rank, r.assistFen, r.totalFen, r.reached, r.people])).toEqual(e.villages);
  if (e.operators) expect(report.operators.map((r) => [r.id, r.assistFen, r.totalFen])).toEqual(e.operators);
  if (e.products) expect(report.products.map((r) => [r.id, r.assistFen, r.totalFen])).toEqual(e.products);
  if (e.channels) expect(report.channels.map((r) => [r.channel, r.assistFen, r.totalFen])).toEqual(e.channels);
  if (e.trend) {
    for (const row of report.trend)
      expect([row.month, row.assistFen, row.totalFen]).toEqual([row.month, ...(e.trend[row.month] ?? [0, 0])]);
  }
}

const YEAR: () => Expected = () => ({
  headline: { ...money(75000, 80000), reached: 3, people: 9, incomeFen: 14252, incomePerHouseholdFen: 4751, monitored: 4, covered: 3 },
  regions: [
    [c.t1, 15000, 20000, 2, 7],
    [c.t2, 60000, 60000, 1, 2],
  ],
  villages: [
    [c.v3, 1, 60000, 60000, 1, 2],
    [c.v1, 2, 15000, 15000, 1, 3],
    [c.v2, 3, 0, 5000, 1, 4],
  ],
  operators: [
    [c.o2, 60000, 60000],
    [c.o1, 15000, 20000],
  ],
  products: [
    [c.p3.id, 60000, 60000],
    [c.p1.id, 15000, 15000],
    [c.p2.id, 0, 5000],
  ],
  channels: [
    ["RETAIL", 15000, 20000],
    ["INSTITUTION", 60000, 60000],
    ["PAIRING", 0, 0],
    ["LIVESTREAM", 0, 0],
  ],
  trend: { "2025-03": [75000, 80000], "2025-04": [0, 0] },
});

describe("office report figures, by hand", () => {
  for (const source of SOURCES) {
    it(`year 2025, from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, "period=year&year=2025", source);
      expect(report.sources.sales).toBe(source);
      expect(report.trend.map((t) => t.month)).toEqual([
        "2025-01",
        "2025-02",
        "2025-03",
        "2025-04",
        "2025-05",
        "2025-06",
        "2025-07",
        "2025-08",
        "2025-09",
        "2025-10",
        "2025-11",
        "2025-12",
      ]);
      check(report, YEAR());
      // The region table alone (what the benchmark times as the township breakdown) is the same.
      const { scope, filters } = await reportFor(c.officer, "period=year&year=2025", source);
      expect(await loadRegionBreakdown(testDb, scope, filters, { source })).toEqual(report.regions);
    });

    it(`March 2025 (B paid 23:30 on the 31st counts; C, March in UTC, does not), from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, "period=month&month=2025-03", source);
      // Allocations written in March: H1 +2000, H2 +1500, H3 +1500; H4's payout of 30000 covers it.
      check(report, {
        headline: { ...money(75000, 80000), reached: 3, people: 9, incomeFen: 5000, incomePerHouseholdFen: 1667, monitored: 4, covered: 3 },
        channels: [
          ["RETAIL", 15000, 20000],
          ["INSTITUTION", 60000, 60000],
          ["PAIRING", 0, 0],
          ["LIVESTREAM", 0, 0],
        ],
      });
    });

    it(`April 2025: C paid and refunded in full, refunds of A and C's sale rows, from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, "period=month&month=2025-04", source);
      // Sales paid in April: C, 10000 − 10000. Allocations in April: H1 1000−500 = 500, H2 500−250 = 250.
      check(report, {
        headline: { ...money(0, 0), reached: 2, people: 7, incomeFen: 750, incomePerHouseholdFen: 375, monitored: 4, covered: 1 },
        channels: [
          ["RETAIL", 0, 0],
          ["INSTITUTION", 0, 0],
          ["PAIRING", 0, 0],
          ["LIVESTREAM", 0, 0],
        ],
        products: [[c.p1.id, 0, 0]],
      });
    });

    it(`Q2 2025: net allocations below zero reach no one, but a payout still covers, from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, "period=quarter&quarter=2025-Q2", source);
      // H1: 1000 − 500 − 1000 = −500 (+ payout 10002: covered); H2: 500 − 250 − 500 = −250.
      check(report, {
        headline: { ...money(0, 0), reached: 0, people: 0, incomeFen: 0, incomePerHouseholdFen: null, monitored: 4, covered: 1 },
      });
    });

    it(`a custom range that cuts months (31 March – 1 April), from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, "period=custom&from=2025-03-31&to=2025-04-01", source);
      // Paid in range: B 60000, C 0. Allocations in range: H3 +1500, H1 +1000, H2 +500.
      check(report, {
        headline: { ...money(60000, 60000), reached: 3, people: 9, incomeFen: 3000, incomePerHouseholdFen: 1000, monitored: 4, covered: 2 },
      });
      expect(report.sources.households).toBe("ledger");
    });

    it(`channel RETAIL: households by the allocations of retail sales, no payouts, from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, "period=year&year=2025&channel=RETAIL", source);
      // A only: H1 2000 − 500 = 1500, H2 1000 + 500 − 250 = 1250.
      check(report, {
        headline: { ...money(15000, 20000), reached: 2, people: 7, incomeFen: 2750, incomePerHouseholdFen: 1375, monitored: 4, covered: 1 },
        channels: [["RETAIL", 15000, 20000]],
      });
      expect(report.payoutsIncluded).toBe(false);
    });

    it(`seller O2: its sales, its households, its payouts, from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, `period=year&year=2025&operator=${c.o2}`, source);
      check(report, {
        headline: { ...money(60000, 60000), reached: 1, people: 2, incomeFen: 1500, incomePerHouseholdFen: 1500, monitored: 4, covered: 2 },
        operators: [[c.o2, 60000, 60000]],
      });
    });

    it(`township T2: sales of its products, its resident households, from the ${source}`, async () => {
      const { report, scope } = await reportFor(c.officer, `period=year&year=2025&township=${c.t2}`, source);
      expect(scope.regionLevel).toBe("VILLAGE");
      check(report, {
        headline: { ...money(60000, 60000), reached: 1, people: 2, incomeFen: 1500, incomePerHouseholdFen: 1500, monitored: 2, covered: 2 },
        regions: [[c.v3, 60000, 60000, 1, 2]],
      });
    });

    it(`category APPLE (the uncertified product), from the ${source}`, async () => {
      const { report } = await reportFor(c.officer, "period=year&year=2025&category=APPLE", source);
      check(report, {
        headline: { ...money(0, 5000), reached: 1, people: 4, incomeFen: 500, incomePerHouseholdFen: 500, monitored: 4, covered: 0 },
      });
    });
  }
});

// ---- exports ------------------------------------------------------------------------------------

async function download(actor: Actor | null, query: string) {
  vi.mocked(getActor).mockResolvedValue(actor);
  return exportRoute(new Request(`http://localhost:3000/api/office/reports/export?${query}`));
}

async function csvRows(actor: Actor, query: string) {
  const response = await download(actor, query);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark: Excel reads the Chinese right
  return Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data;
}

async function xlsxRows(actor: Actor, query: string) {
  const response = await download(actor, query);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => v ?? null)));
  return rows;
}

describe("office report exports, by hand", () => {
  const Q = "period=year&year=2025&lang=zh-CN";

  it("every table's CSV has the filters in its header lines and the hand-computed numbers", async () => {
    const n = c.names;
    const header = ["统计范围", n[c.county]!];
    const expected: Record<string, string[][]> = {
      summary: [
        ["指标", "数值"],
        ["消费帮扶销售额", "750.00"],
        ["全部产品销售额", "800.00"],
        ["帮扶产品占比", "93.8"],
        ["带动户数", "3"],
        ["带动人数", "9"],
        ["带动户收入(分配+分红工资)", "142.52"],
        ["户均增收", "47.51"],
        ["监测户数", "4"],
        ["有收入的监测户", "3"],
        ["监测户覆盖率", "75.0"],
      ],
      regions: [
        ["区划代码", "乡镇", "消费帮扶销售额 (元)", "全部产品销售额 (元)", "帮扶占比 (%)", "带动户数", "带动人数"],
        [c.t1, n[c.t1]!, "150.00", "200.00", "75.0", "2", "7"],
        [c.t2, n[c.t2]!, "600.00", "600.00", "100.0", "1", "2"],
        ["", "合计", "750.00", "800.00", "93.8", "3", "9"],
      ],
      villages: [
        ["排名", "村", "乡镇", "消费帮扶销售额 (元)", "全部产品销售额 (元)", "帮扶占比 (%)", "带动户数", "带动人数"],
        ["1", n[c.v3]!, n[c.t2]!, "600.00", "600.00", "100.0", "1", "2"],
        ["2", n[c.v1]!, n[c.t1]!, "150.00", "150.00", "100.0", "1", "3"],
        ["3", n[c.v2]!, n[c.t1]!, "0.00", "50.00", "0.0", "1", "4"],
      ],
      operators: [
        ["排名", "经营主体", "消费帮扶销售额 (元)", "全部产品销售额 (元)", "帮扶占比 (%)"],
        ["1", n[c.o2]!, "600.00", "600.00", "100.0"],
        ["2", n[c.o1]!, "150.00", "200.00", "75.0"],
        ["", "合计", "750.00", "800.00", "93.8"],
      ],
      products: [
        ["排名", "产品", "经营主体", "品类", "消费帮扶销售额 (元)", "全部产品销售额 (元)", "帮扶占比 (%)"],
        ["1", n[c.p3.id]!, n[c.o2]!, "牦牛肉", "600.00", "600.00", "100.0"],
        ["2", n[c.p1.id]!, n[c.o1]!, "辣椒", "150.00", "150.00", "100.0"],
        ["3", n[c.p2.id]!, n[c.o1]!, "苹果", "0.00", "50.00", "0.0"],
        ["", "合计", "", "", "750.00", "800.00", "93.8"],
      ],
      channels: [
        ["渠道", "消费帮扶销售额 (元)", "全部产品销售额 (元)", "帮扶占比 (%)"],
        ["零售", "150.00", "200.00", "75.0"],
        ["单位采购", "600.00", "600.00", "100.0"],
        ["东西部协作/定点帮扶", "0.00", "0.00", ""],
        ["直播带货", "0.00", "0.00", ""],
        ["合计", "750.00", "800.00", "93.8"],
      ],
    };
    for (const [table, body] of Object.entries(expected)) {
      const rows = await csvRows(c.officer, `${Q}&table=${table}&format=csv`);
      expect(rows[0]![0], table).toMatch(/^小康集市消费帮扶统计:/);
      expect(rows[1], table).toEqual(header);
      expect(rows[2], table).toEqual(["统计期间", "2025年 (2025-01-01 – 2025-12-31)"]);
      expect(rows[3], table).toEqual(["筛选条件", "无"]);
      expect(rows[4]![0], table).toBe("生成时间");
      expect(rows.slice(6), table).toEqual(body);
    }
    const trend = await csvRows(c.officer, `${Q}&table=trend&format=csv`);
    expect(trend.slice(7, 19).map((r) => r.slice(0, 3))).toEqual(
      ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => [
        `2025-${m}`,
        m === "03" ? "750.00" : "0.00",
        m === "03" ? "800.00" : "0.00",
      ]),
    );
  });

  it("the XLSX has the same rows, money as numbers in yuan", async () => {
    const rows = await xlsxRows(c.officer, `${Q}&table=regions&format=xlsx`);
    expect(rows[1]).toEqual(["统计范围", c.names[c.county]]);
    expect(rows.slice(6)).toEqual([
      ["区划代码", "乡镇", "消费帮扶销售额 (元)", "全部产品销售额 (元)", "帮扶占比 (%)", "带动户数", "带动人数"],
      [c.t1, c.names[c.t1], 150, 200, 75, 2, 7],
      [c.t2, c.names[c.t2], 600, 600, 100, 1, 2],
      ["", "合计", 750, 800, 93.8, 3, 9],
    ]);
    const summary = await xlsxRows(c.officer, `${Q}&table=summary&format=xlsx`);
    expect(summary.slice(7).map((r) => r[1])).toEqual([750, 800, 93.8, 3, 9, 142.52, 47.51, 4, 3, 75]);
  });

  it("writes the filters it applied in the header, in the reader's language", async () => {
    const rows = await csvRows(c.officer, `period=month&month=2025-03&channel=RETAIL&operator=${c.o1}&lang=en&table=products&format=csv`);
    expect(rows[1]).toEqual(["Region", `Report County ${c.county}`]);
    expect(rows[2]).toEqual(["Period", "3/2025 (2025-03-01 – 2025-03-31)"]);
    expect(rows[3]).toEqual(["Filters", "Seller: Report seller 1; Channel: Retail"]);
    expect(rows.slice(6)).toEqual([
      ["Rank", "Product", "Seller", "Category", "Assistance sales (yuan)", "All sales (yuan)", "Assistance share (%)"],
      ["1", "Report product 1", "Report seller 1", "Chili", "150.00", "150.00", "100.0"],
      ["2", "Report product 2", "Report seller 1", "Apples", "0.00", "50.00", "0.0"],
      ["", "Total", "", "", "150.00", "200.00", "75.0"],
    ]);
  });

  it("the page's tables are the export's first rows, cell for cell", async () => {
    const text = reportTextOf("zh-CN");
    const full = reportTables((await reportFor(c.officer, "period=year&year=2025", "rollups")).report, text);
    const page = reportTables((await reportFor(c.officer, "period=year&year=2025", "rollups", 2)).report, text);
    for (const key of Object.keys(full) as (keyof typeof full)[]) {
      expect(page[key].rows, key).toEqual(full[key].rows.slice(0, page[key].rows.length));
      expect(page[key].total, key).toEqual(full[key].total);
    }
    expect(page.products.rows).toHaveLength(2);
  });

  it("refuses an unknown table or format, in the reader's language", async () => {
    const response = await download(c.officer, "table=secrets&format=csv&lang=en");
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("Unknown table or format.");
    expect((await download(c.officer, "table=regions&format=pdf")).status).toBe(400);
  });
});

// ---- scope --------------------------------------------------------------------------------------

describe("office report scope", () => {
  let sunanProduct: string;

  beforeAll(async () => {
    // A Sunan sale now, under a name that must never reach Gangu's report.
    const p = await makeProduct(OPERATOR_B, { priceFen: 4321 });
    await testDb.product.update({ where: { id: p.id }, data: { nameZh: "肃南专属测试牦牛肉", nameEn: "Sunan-only test yak" } });
    const order = await placeOrder(testDb, cartOf([{ ...p, quantity: 1 }]), {
      provider: demoProvider,
      origin: "http://localhost:3000",
      locale: "zh-CN",
      actor: null,
    });
    await confirmPayment(testDb, { orderId: order.orderId });
    sunanProduct = p.id;
  });

  it("an officer of Gangu sees Gangu only, whatever the URL asks for", async () => {
    const gangu = (await actorOf("officerGangu"))!;
    const sunanOperator = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_B } });
    const { scope, problems, report } = await reportFor(
      gangu,
      `county=620721&township=620721100&operator=${sunanOperator.id}&product=${sunanProduct}`,
      "rollups",
    );
    expect(scope.countyIds).toEqual(["620523"]);
    expect(scope.township).toBeNull();
    expect(scope.operator).toBeNull();
    expect(scope.product).toBeNull();
    expect(problems.sort()).toEqual(["county", "operator", "product", "township"]);
    expect(report.regions.every((r) => r.id.startsWith("620523"))).toBe(true);
    expect(report.products.some((p) => p.id === sunanProduct)).toBe(false);
  });

  it("and so do the exports; Sunan's officer sees the sale; others get 404", async () => {
    const query = "county=620721&table=products&format=csv";
    const ganguCsv = (await csvRows((await actorOf("officerGangu"))!, query)).flat().join("|");
    expect(ganguCsv).toContain("甘谷县");
    expect(ganguCsv).not.toContain("肃南");
    expect(ganguCsv).not.toContain("肃南专属测试牦牛肉");
    const sunanCsv = (await csvRows((await actorOf("officerSunan"))!, query)).flat().join("|");
    expect(sunanCsv).toContain("肃南专属测试牦牛肉");
    for (const persona of ["anonymous", "shopper", "managerA", "managerB"] as const) {
      const response = await download(await actorOf(persona), query);
      expect(response.status, persona).toBe(404);
    }
  });

  it("an admin sees every county and the province roll-up", async () => {
    const { scope, report } = await reportFor(admin, "period=year&year=2025", "rollups");
    expect(scope.countyIds).toBeNull();
    expect(scope.regionLevel).toBe("COUNTY");
    expect(report.regions.map((r) => r.id)).toEqual(expect.arrayContaining(["620523", "620721", c.county]));
    expect(report.provinces.map((p) => p.id)).toEqual(["62"]);
    const sum = (k: "assistFen" | "totalFen" | "reached" | "people") => report.regions.reduce((s, r) => s + r[k], 0);
    expect(report.provinces[0]).toMatchObject({
      assistFen: sum("assistFen"),
      totalFen: sum("totalFen"),
      reached: sum("reached"),
      people: sum("people"),
    });
    expect(report.provinces[0]!.assistFen).toBe(report.headline.assistFen);
    expect(report.regions.find((r) => r.id === c.county)).toMatchObject({ assistFen: 75000, totalFen: 80000, reached: 3, people: 9 });
    // The admin may narrow to one county, with the same figures as its officer.
    const one = await reportFor(admin, `period=year&year=2025&county=${c.county}`, "rollups");
    expect(one.report.headline).toEqual(YEAR().headline);
  });
});
