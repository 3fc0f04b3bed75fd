// The buy side of the office report (lib/reports/buyers.ts), against numbers worked out by hand, from
// the rollups and from the raw ledger alike; who sees what; and the exported buy-side tables.
//
// A county of its own (629903, tests/support/report-county.ts) and organisations of their own:
//   U  budget unit with a canteen, located in the county; budget 2026 ¥10,000
//   N  U's trade union (its purchases count toward U's quota), located in the county
//   P  pairing partner in Tianjin (12), paired with the county
//   E  enterprise in Tianjin; F another budget unit with a canteen, in Lanzhou (6201)
// Orders (Shanghai time, 2026; P1 ¥100 certified, P2 ¥50 not, P3 ¥200 certified; G = a Gangu product ¥50):
//   1  U INSTITUTION  paid 03-31 23:30  P1 ×3 = 30000 → refund 10000 on 05-02 (the March sale goes down)
//   2  N INSTITUTION  paid 04-01 00:10  P2 ×2 = 10000 (not certified) + P3 ×1 = 20000
//   3  P PAIRING      paid 04-01 00:20  P3 ×1 = 20000
//   4  E INSTITUTION  paid 04-02        G ×2 = 10000 (Gangu: outside the county)
//   5  P PAIRING      paid 04-03        G ×1 = 5000  (Gangu is not paired with P)
//   6  RETAIL, no organisation, 04-05   P1 ×1 = 10000 (no buy side)
//   7  campaign K (04-10 12:00–14:00, P1) LIVESTREAM paid 04-10 12:30  P1 ×2 = 20000 → H1 +2000, H2 +1000;
//      refund 10000 on 05-03 → H1 −1000, H2 −500 (in May)
// For the county: March U 20000/20000; April N 20000/30000, P 20000/20000; pairing P×county April 20000.
// Quota 2026 of U: counted U 20000 + N 20000 = 40000 (N's uncertified P2 does not count).
import Papa from "papaparse";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session.server";
import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import { creditCodeCheckChar } from "@/lib/operators/credit-code";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { requestRefund } from "@/lib/orders/refunds";
import { countedPurchasesFen } from "@/lib/organisations/purchases";
import { quotaBpsFor, quotaFen } from "@/lib/organisations/quota";
import { demoProvider } from "@/lib/payments/demo";
import { loadBuyerReport, type BuyerReport } from "@/lib/reports/buyers";
import { parseReportFilters } from "@/lib/reports/filters";
import { loadReport, type ReportSource } from "@/lib/reports/queries";
import { resolveReportScope } from "@/lib/reports/scope";
import { buyerTables, reportTables } from "@/lib/reports/tables";
import { GET as exportRoute } from "@/app/api/office/reports/export/route";
import { testDb } from "./support/db";
import { actorOf, OPERATOR_A } from "./support/personas";
import { makeReportCounty, type ReportCounty } from "./support/report-county";
import { reportTextOf } from "./support/report-text";
import { cartOf, makeProduct } from "./support/shop";

vi.mock("@/lib/auth/session.server", () => ({ getActor: vi.fn(async () => null) }));
vi.mock("next-intl/server", async () => {
  const { translator } = await import("@/tests/support/report-text");
  return { getTranslations: async ({ locale, namespace }: { locale: "zh-CN" | "en"; namespace: string }) => translator(locale, namespace) };
});

const SOURCES: ReportSource[] = ["rollups", "ledger"];
const sh = (local: string) => new Date(`${local}+08:00`);
let c: ReportCounty;
let admin: Actor;
let gangu: Actor;
const org: Record<"U" | "N" | "P" | "E" | "F", string> = { U: "", N: "", P: "", E: "", F: "" };
let campaignId = "";

function creditCode(): string {
  const body = Array.from(randomBytes(9), (b) => "0123456789ABCDEFGHJKLMNPQRTUWXY"[b % 31]).join("");
  const first17 = "12620100" + body;
  return first17 + creditCodeCheckChar(first17);
}

async function organisation(
  name: string,
  kind: OrganisationKind,
  regionId: string,
  extra: { hasCanteen?: boolean; parentUnitId?: string } = {},
) {
  const row = await testDb.organisation.create({
    data: { nameZh: `测试${name}单位`, nameEn: `Test buyer ${name}`, kind, creditCode: creditCode(), regionId, ...extra },
  });
  return row.id;
}

/** An order placed and paid as a member of the organisation would (the order carries the organisation before payment). */
async function buy(
  items: { id: string; priceFen: number; quantity: number }[],
  over: { channel: "RETAIL" | "INSTITUTION" | "PAIRING" | "LIVESTREAM"; organisationId?: string; campaignId?: string },
  paid: Date,
) {
  const ctx = { provider: demoProvider, origin: "http://localhost:3000", locale: "zh-CN" as const, actor: admin, now: paid };
  const order = await placeOrder(testDb, cartOf(items), ctx);
  await testDb.order.update({
    where: { id: order.orderId },
    data: { channel: over.channel, organisationId: over.organisationId ?? null, campaignId: over.campaignId ?? null },
  });
  expect(await confirmPayment(testDb, { orderId: order.orderId, at: paid })).toEqual({ result: "applied" });
  return order.orderId;
}

async function refundAt(at: Date, orderId: string, amountFen: number) {
  const line = await testDb.orderLine.findFirstOrThrow({ where: { orderId } });
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    await requestRefund(testDb, demoProvider, { orderId, lines: [{ orderLineId: line.id, amountFen }] }, admin);
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  admin = (await actorOf("admin"))!;
  gangu = (await actorOf("officerGangu"))!;
  c = await makeReportCounty("629903");
  org.U = await organisation("U", "BUDGET_UNIT", c.county, { hasCanteen: true });
  org.N = await organisation("N", "TRADE_UNION", c.county, { parentUnitId: org.U });
  org.P = await organisation("P", "PARTNER", "12");
  org.E = await organisation("E", "ENTERPRISE", "12");
  org.F = await organisation("F", "BUDGET_UNIT", "6201", { hasCanteen: true });
  await testDb.organisationPairing.create({ data: { organisationId: org.P, countyId: c.county } });
  await testDb.canteenBudget.create({ data: { organisationId: org.U, year: 2026, budgetFen: 1_000_000n, declaredById: admin.userId } });
  const g = await makeProduct(OPERATOR_A, { priceFen: 5000 });

  const campaign = await testDb.campaign.create({
    data: {
      slug: `test-buyers-${randomBytes(3).toString("hex")}`,
      titleZh: "测试直播专场",
      titleEn: "Test livestream",
      hostZh: "测试主播",
      startsAt: sh("2026-04-10T12:00:00"),
      endsAt: sh("2026-04-10T14:00:00"),
      perBuyerLimit: 5,
      status: "PUBLISHED",
      createdById: admin.userId,
      products: { create: [{ productId: c.p1.id, operatorId: c.o1, priceFen: c.p1.priceFen, allotment: 10 }] },
    },
  });
  campaignId = campaign.id;

  const { p1, p2, p3 } = c;
  const o1 = await buy([{ ...p1, quantity: 3 }], { channel: "INSTITUTION", organisationId: org.U }, sh("2026-03-31T23:30:00"));
  await buy(
    [
      { ...p2, quantity: 2 },
      { ...p3, quantity: 1 },
    ],
    { channel: "INSTITUTION", organisationId: org.N },
    sh("2026-04-01T00:10:00"),
  );
  await buy([{ ...p3, quantity: 1 }], { channel: "PAIRING", organisationId: org.P }, sh("2026-04-01T00:20:00"));
  await buy([{ ...g, quantity: 2 }], { channel: "INSTITUTION", organisationId: org.E }, sh("2026-04-02T10:00:00"));
  await buy([{ ...g, quantity: 1 }], { channel: "PAIRING", organisationId: org.P }, sh("2026-04-03T10:00:00"));
  await buy([{ ...p1, quantity: 1 }], { channel: "RETAIL" }, sh("2026-04-05T10:00:00"));
  const live = await buy([{ ...p1, quantity: 2 }], { channel: "LIVESTREAM", campaignId }, sh("2026-04-10T12:30:00"));
  await refundAt(sh("2026-05-02T10:00:00"), o1, 10000);
  await refundAt(sh("2026-05-03T10:00:00"), live, 10000);
  await c.unlist();
}, 90_000);

afterAll(() => {
  vi.mocked(getActor).mockReset();
});

async function buyersFor(actor: Actor, query: string, source: ReportSource): Promise<BuyerReport> {
  const parsed = parseReportFilters(new URLSearchParams(query), "2026-11-22");
  const { scope, filters } = await resolveReportScope(testDb, actor, parsed.filters);
  return loadBuyerReport(testDb, scope, filters, { source });
}

const money = (assistFen: number, totalFen: number) => ({ assistFen, totalFen });
const mine = (r: BuyerReport) => r.organisations.filter((o) => Object.values(org).includes(o.id));
const row = (r: BuyerReport, id: string) => r.organisations.find((o) => o.id === id);

describe.each(SOURCES)("the buy side from %s", (source) => {
  it("a month: the unit's March purchase net of the refund made in May", async () => {
    const r = await buyersFor(c.officer, "period=month&month=2026-03", source);
    expect(r.organisations.map((o) => [o.id, o.assistFen, o.totalFen])).toEqual([[org.U, 20000, 20000]]);
    expect(r.total).toEqual(money(20000, 20000));
    expect(r.kinds).toEqual([
      { kind: "BUDGET_UNIT", organisations: 1, ...money(20000, 20000) },
      { kind: "TRADE_UNION", organisations: 0, ...money(0, 0) },
      { kind: "ENTERPRISE", organisations: 0, ...money(0, 0) },
      { kind: "PARTNER", organisations: 0, ...money(0, 0) },
    ]);
    expect(r.provinces.map((p) => [p.rank, p.id, p.organisations, p.totalFen])).toEqual([[1, "62", 1, 20000]]);
    expect(r.pairings.map((p) => [p.partner.id, p.county.id, p.assistFen, p.totalFen])).toEqual([[org.P, c.county, 0, 0]]);
  });

  it("across the period boundary: April has the union's and the partner's purchases, ranked, and the pairing", async () => {
    const r = await buyersFor(c.officer, "period=month&month=2026-04", source);
    expect(r.organisations.map((o) => [o.id, o.kind, o.assistFen, o.totalFen])).toEqual([
      [org.N, "TRADE_UNION", 20000, 30000],
      [org.P, "PARTNER", 20000, 20000],
    ]);
    expect(r.provinces.map((p) => [p.rank, p.id, p.nameZh, p.totalFen])).toEqual([
      [1, "62", "甘肃省", 30000],
      [2, "12", "天津市", 20000],
    ]);
    expect(r.pairings).toEqual([
      { partner: expect.objectContaining({ id: org.P }), county: expect.objectContaining({ id: c.county }), ...money(20000, 20000) },
    ]);
    expect(r.total).toEqual(money(40000, 50000));
  });

  it("the year, and the channel filter", async () => {
    const year = await buyersFor(c.officer, "period=year&year=2026", source);
    expect(year.total).toEqual(money(60000, 70000));
    expect(year.kinds.reduce((s, k) => s + k.totalFen, 0)).toBe(70000);
    const pairing = await buyersFor(c.officer, "period=year&year=2026&channel=PAIRING", source);
    expect(pairing.organisations.map((o) => [o.id, o.totalFen])).toEqual([[org.P, 20000]]);
    // A product filter narrows to the product's sales (from the ledger whatever the source).
    const p2 = await buyersFor(c.officer, `period=year&year=2026&operator=${c.o1}&product=${c.p2.id}`, source);
    expect(p2.organisations.map((o) => [o.id, o.assistFen, o.totalFen])).toEqual([[org.N, 0, 10000]]);
  });

  it("quota completion: the unit's certified purchases and its union's, net of refunds, the same as countedPurchasesFen", async () => {
    const r = await buyersFor(c.officer, "period=month&month=2026-04", source);
    expect(r.quotaYear).toBe(2026);
    const rates = await testDb.quotaRate.findMany({ select: { regionId: true, bps: true } });
    const bps = quotaBpsFor(c.county, rates);
    const quota = Number(quotaFen(1_000_000n, bps));
    const counted = await countedPurchasesFen(testDb, [org.U], 2026);
    expect(Number(counted.get(org.U))).toBe(40000);
    expect(r.quota).toEqual([
      expect.objectContaining({
        id: org.U,
        budgetFen: 1_000_000,
        bps,
        quotaFen: quota,
        countedFen: 40000,
        remainingFen: quota - 40000,
        progressBps: Math.floor((40000 * 10000) / quota),
      }),
    ]);
    // The admin sees every budget unit with a canteen, F (nothing declared, nothing bought) too.
    const all = await buyersFor(admin, "period=year&year=2026", source);
    expect(all.quota.find((q) => q.id === org.F)).toMatchObject({ budgetFen: null, quotaFen: 0, countedFen: 0, progressBps: null });
    expect(all.quota.find((q) => q.id === org.U)).toMatchObject({ countedFen: 40000 });
  });

  it("the campaign breakdown: sales net of the later refund, households reached in the period", async () => {
    const april = await buyersFor(c.officer, "period=month&month=2026-04", source);
    expect(april.campaigns).toEqual([
      expect.objectContaining({ id: campaignId, nameZh: "测试直播专场", ...money(10000, 10000), reached: 2, people: 7 }),
    ]);
    // May: the campaign's window is not in May; its refund rows lower May's households, not April's.
    expect((await buyersFor(c.officer, "period=month&month=2026-05", source)).campaigns).toEqual([]);
    // Another county's officer does not see a campaign that sells nothing of theirs.
    expect((await buyersFor(gangu, "period=month&month=2026-04", source)).campaigns.map((x) => x.id)).not.toContain(campaignId);
  });

  it("scope: an officer sees purchases into their county only, and the partners paired with it", async () => {
    const theirs = await buyersFor(gangu, "period=year&year=2026", source);
    // Gangu's officer: E's and P's purchases of Gangu's product, nothing of the 629903 county's.
    expect(row(theirs, org.U)).toBeUndefined();
    expect(row(theirs, org.N)).toBeUndefined();
    expect(row(theirs, org.E)).toMatchObject(money(10000, 10000));
    expect(row(theirs, org.P)).toMatchObject(money(5000, 5000));
    expect(theirs.pairings.every((p) => p.county.id === "620523")).toBe(true);
    expect(theirs.quota.map((q) => q.id)).not.toContain(org.U);
    // The county's own officer: nothing bought from Gangu.
    const own = await buyersFor(c.officer, "period=year&year=2026", source);
    expect(
      mine(own)
        .map((o) => o.id)
        .sort(),
    ).toEqual([org.U, org.N, org.P].sort());
    expect(row(own, org.P)).toMatchObject(money(20000, 20000));
    expect(own.quota.map((q) => q.id)).toEqual([org.U]);
    // A county in the URL that is not theirs is ignored.
    const tried = await buyersFor(c.officer, "period=year&year=2026&county=620523", source);
    expect(tried.total).toEqual(own.total);
    // The admin: everything, both counties.
    const all = await buyersFor(admin, "period=year&year=2026", source);
    expect(row(all, org.P)).toMatchObject(money(25000, 25000));
    expect(all.pairings.find((p) => p.partner.id === org.P)).toMatchObject(money(20000, 20000));
  });
});

describe("the county report's channel table", () => {
  it.each(SOURCES)("has all four channels, zero rows included, from real orders (%s)", async (source) => {
    const parsed = parseReportFilters(new URLSearchParams("period=month&month=2026-04"), "2026-11-22");
    const { scope, filters } = await resolveReportScope(testDb, c.officer, parsed.filters);
    const report = await loadReport(testDb, scope, filters, { source });
    expect(report.channels).toEqual([
      { channel: "RETAIL", ...money(10000, 10000) },
      { channel: "INSTITUTION", ...money(20000, 30000) },
      { channel: "PAIRING", ...money(20000, 20000) },
      { channel: "LIVESTREAM", ...money(10000, 10000) },
    ]);
    const march = await loadReport(
      testDb,
      scope,
      { ...filters, period: parseReportFilters(new URLSearchParams("period=month&month=2026-03"), "2026-11-22").filters.period },
      { source },
    );
    expect(march.channels.map((ch) => [ch.channel, ch.totalFen])).toEqual([
      ["RETAIL", 0],
      ["INSTITUTION", 20000],
      ["PAIRING", 0],
      ["LIVESTREAM", 0],
    ]);
    for (const locale of ["zh-CN", "en"] as const) {
      const labels = reportTables(march, reportTextOf(locale)).channels.rows.map((cells) => (cells[0] as { value: string }).value);
      expect(labels).toEqual(
        locale === "en"
          ? ["Retail", "Institutional purchase", "East–west pairing", "Livestream"]
          : ["零售", "单位采购", "东西部协作/定点帮扶", "直播带货"],
      );
    }
  });
});

describe("buy-side exports", () => {
  async function csv(actor: Actor, table: string) {
    vi.mocked(getActor).mockResolvedValue(actor);
    const response = await exportRoute(
      new Request(`http://localhost:3000/api/office/reports/export?period=month&month=2026-04&table=${table}&format=csv&lang=zh-CN`),
    );
    expect(response.status).toBe(200);
    return Papa.parse<string[]>(new TextDecoder().decode(await response.arrayBuffer()), { skipEmptyLines: true }).data;
  }

  it("the pairing and buyer tables as files, with the page's numbers, for the officer's county only", async () => {
    const pairings = await csv(c.officer, "pairings");
    expect(pairings).toContainEqual(["测试P单位", "报表县629903", "200.00", "200.00", "100.0"]);
    const buyers = await csv(c.officer, "buyers");
    expect(buyers).toContainEqual(["1", "测试N单位", "工会", "报表县629903", "200.00", "300.00", "66.7"]);
    expect(buyers.at(-1)).toEqual(["", "合计", "", "", "400.00", "500.00", "80.0"]);
    const theirs = await csv(gangu, "buyers");
    expect(theirs.flat()).not.toContain("测试N单位");
    expect((await csv(gangu, "pairings")).flat()).not.toContain("测试P单位");
  });

  it("the tables model: every kind row is named in both languages", async () => {
    const r = await buyersFor(c.officer, "period=month&month=2026-04", "rollups");
    for (const locale of ["zh-CN", "en"] as const) {
      const t = buyerTables(r, reportTextOf(locale));
      expect(t.buyerKinds.rows.map((cells) => cells[0])).toEqual(
        (locale === "en"
          ? ["Budget unit", "Trade union", "Enterprise", "Pairing partner"]
          : ["预算单位", "工会", "企业", "东西部协作/定点帮扶单位"]
        ).map((value) => ({ kind: "text", value })),
      );
      expect(t.quota.title).toContain("2026");
    }
  });
});
