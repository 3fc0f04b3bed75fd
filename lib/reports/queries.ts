// The figures of the program office report (docs/DESIGN.md#reports, "The figures a program office reports"),
// computed in SQL from the sale ledger. Every sum is taken in the database as bigint; amounts are
// integer fen. The caller resolves the scope first (./scope.ts): nothing here checks who reads.
//
// DEFINITIONS (what each figure is, precisely)
//   Sales of a period: the order lines of orders paid in the period (Order.paidAt in [start, end),
//     Shanghai days), each counted at netFen − refundedFen: what was paid and not given back,
//     whenever the refund happened. (A seller's settlement counts a refund in the month it is made
//     instead, because money already paid out can only come back from a later payout; the two
//     figures for one month differ by exactly those refunds, and both pages say so: see
//     lib/settlement/payout.ts.) Assistance sales (消费帮扶销售额): the lines with
//     certifiedAtSale (the product was certified when sold); all sales: every line. Shown side by
//     side, never added together.
//   Region of a sale: the product's village, township and county. The region filter and the
//     breakdown by region narrow and split the sales by it.
//   Households reached (带动户数): households whose allocation rows written in the period (sale
//     rows + and refund rows −, Allocation.createdAt in [start, end)) add up to more than zero.
//     Households are counted where they live (Household.countyId/townshipId/villageId): the
//     region filter and the breakdown by region narrow and split them by residence. The
//     operator, product, category and channel filters narrow the allocations to those of
//     matching sales. People reached (带动人数): the sum of those households' members.
//   Income of the households reached: their allocations in the period (as above) plus the payouts
//     they received in the period (Payout.paidOn within [from, to]); with an operator filter only
//     that operator's payouts; with a product, category or channel filter no payouts, which
//     belong to no product or channel (the page says so).
//   Income per household reached (户均增收): that income divided by the households reached,
//     rounded to the nearest fen (halves up); none when no household was reached.
//   Coverage of monitored households: of the households in the region whose status is MONITORED
//     now, the share whose allocations plus payouts in the period (filtered as above) are above
//     zero.
//
// SOURCES
//   "rollups": ReportSales / ReportHousehold (./rollups.ts), for periods made of whole months,
//              quarters or years; the household figures under an operator, product, category or
//              channel filter and custom ranges that cut a month always come from the ledger.
//   "ledger":  straight from OrderLine, Order, Product, Allocation and Payout (GROUP BY over the
//              raw rows). The same numbers, slower: tests/report-rollups.test.ts compares them,
//              and `npm run bench:reports` times both.
import type { Db, Prisma } from "@/lib/db/client";
import type { Category, Channel } from "@/lib/generated/prisma/enums";
import { CHANNELS, hasSaleFilter, type ReportFilters } from "./filters";
import { periodInstants, rollupPlan, trendMonths, type Period } from "./periods";
import type { NamedRow, RegionLevelName, ReportScope } from "./scope";

type Reader = Db | Prisma.TransactionClient;
export type ReportSource = "rollups" | "ledger";

export interface Money {
  /** Assistance sales (certified products), fen. */
  assistFen: number;
  /** All sales, fen. */
  totalFen: number;
}

export interface HouseholdFigures {
  reached: number;
  people: number;
  incomeFen: number;
  incomePerHouseholdFen: number | null;
  monitored: number;
  covered: number;
}

export type RegionRow = NamedRow & Money & { reached: number; people: number };
export type OperatorRow = NamedRow & Money;
export type ProductRow = NamedRow & Money & { operatorZh: string; operatorEn: string; category: Category };
export type ChannelRow = Money & { channel: Channel };
export type VillageRow = NamedRow & Money & { rank: number; townshipZh: string; townshipEn: string; reached: number; people: number };
export interface TrendRow extends Money {
  /** "2026-03" */
  month: string;
}

export interface Report {
  period: Period;
  /** What answered the sales figures and the household figures. */
  sources: { sales: ReportSource; households: ReportSource };
  /** False when a product, category or channel filter leaves payouts out of the income. */
  payoutsIncluded: boolean;
  headline: Money & HouseholdFigures;
  trend: TrendRow[];
  regionLevel: RegionLevelName;
  regions: RegionRow[];
  /** An admin's report over every county: the sum per province. */
  provinces: RegionRow[];
  operators: OperatorRow[];
  products: ProductRow[];
  channels: ChannelRow[];
  villages: VillageRow[];
  /** How many rows each list has in all (the lists above may be cut to `limit`). */
  counts: { operators: number; products: number; villages: number };
}

// ------------------------------------------------------------------------------------------------
// A little SQL builder: positional parameters, collected as the text is written.

class Sql {
  readonly params: unknown[] = [];
  p(value: unknown, cast?: string): string {
    this.params.push(value);
    return `$${this.params.length}${cast ? `::${cast}` : ""}`;
  }
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);
const byMoney = <T extends Money & { id?: string; channel?: string }>(a: T, b: T) =>
  b.assistFen - a.assistFen || b.totalFen - a.totalFen || String(a.id ?? a.channel).localeCompare(String(b.id ?? b.channel));

/** income / households, to the nearest fen, halves up (exact integer arithmetic). */
export function perHousehold(incomeFen: number, households: number): number | null {
  if (households <= 0) return null;
  const income = BigInt(incomeFen);
  const count = BigInt(households);
  const twice = 2n * income + (income >= 0n ? count : -count);
  return Number(twice / (2n * count));
}

// ------------------------------------------------------------------------------------------------
// Sales

interface SalesFrom {
  /** FROM … WHERE … */
  from: string;
  product: string;
  operator: string;
  channel: string;
  certified: string;
  amount: string;
}

/** Where the sales of the period come from, with every filter applied. `joinProduct` when region or category columns are needed. */
function salesFrom(q: Sql, scope: ReportScope, f: ReportFilters, range: SalesRange, joinProduct: boolean): SalesFrom {
  const needProduct = joinProduct || Boolean(f.township || f.village || f.category);
  const where: string[] = [];
  let from: string;
  let cols: Omit<SalesFrom, "from">;
  if (range.kind === "rollup") {
    from = `"ReportSales" s${needProduct ? ` JOIN "Product" p ON p."id" = s."productId"` : ""}`;
    where.push(
      `s."grain" = ${q.p(range.grain, `"ReportGrain"`)}`,
      `s."periodStart" BETWEEN ${q.p(range.firstStart, "date")} AND ${q.p(range.lastStart, "date")}`,
    );
    if (scope.countyIds) {
      where.push(`s."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
      // The same condition on the product (always true) lets its covering index serve the join.
      if (needProduct) where.push(`p."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
    }
    if (f.operator) where.push(`s."operatorId" = ${q.p(f.operator)}`);
    if (f.product) where.push(`s."productId" = ${q.p(f.product)}`);
    if (f.channel) where.push(`s."channel" = ${q.p(f.channel, `"Channel"`)}`);
    cols = {
      product: `s."productId"`,
      operator: `s."operatorId"`,
      channel: `s."channel"`,
      certified: `s."certified"`,
      amount: `(s."netFen" - s."refundedFen")`,
    };
  } else {
    from = `"OrderLine" l JOIN "Order" o ON o."id" = l."orderId"${needProduct || scope.countyIds ? ` JOIN "Product" p ON p."id" = l."productId"` : ""}`;
    where.push(`o."paidAt" >= ${q.p(range.start, "timestamp(3)")}`, `o."paidAt" < ${q.p(range.end, "timestamp(3)")}`);
    if (scope.countyIds) where.push(`p."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
    if (f.operator) where.push(`l."operatorId" = ${q.p(f.operator)}`);
    if (f.product) where.push(`l."productId" = ${q.p(f.product)}`);
    if (f.channel) where.push(`o."channel" = ${q.p(f.channel, `"Channel"`)}`);
    cols = {
      product: `l."productId"`,
      operator: `l."operatorId"`,
      channel: `o."channel"`,
      certified: `l."certifiedAtSale"`,
      amount: `(l."netFen" - l."refundedFen")::bigint`,
    };
  }
  if (f.township) where.push(`p."townshipId" = ${q.p(f.township)}`);
  if (f.village) where.push(`p."villageId" = ${q.p(f.village)}`);
  if (f.category) where.push(`p."category" = ${q.p(f.category, `"Category"`)}`);
  return { from: `${from} WHERE ${where.join(" AND ")}`, ...cols };
}

type SalesRange =
  | { kind: "rollup"; grain: "MONTH" | "QUARTER" | "YEAR"; firstStart: string; lastStart: string }
  | { kind: "ledger"; start: string; end: string };

function salesRange(period: Pick<Period, "from" | "to" | "kind" | "value">, source: ReportSource): SalesRange {
  const plan = source === "rollups" ? rollupPlan(period as Period) : null;
  if (plan) return { kind: "rollup", ...plan };
  const { start, end } = periodInstants(period);
  return { kind: "ledger", start: start.toISOString(), end: end.toISOString() };
}

const REGION_COLUMN: Record<RegionLevelName, string> = { COUNTY: `p."countyId"`, TOWNSHIP: `p."townshipId"`, VILLAGE: `p."villageId"` };

interface SalesGroups {
  total: Money;
  regions: Map<string, Money>;
  /** The first `limit` operators and products, by money (every one without a limit), with their names, and how many there are. */
  operators: Map<string, OperatorRow>;
  products: Map<string, ProductRow>;
  counts: { operators: number; products: number };
  channels: Map<string, Money>;
  villages: Map<string, Money>;
}

const GROUP_COLUMNS = ["region", "op", "prod", "ch", "vil"] as const;
type SalesSet = "total" | (typeof GROUP_COLUMNS)[number];
const ALL_SALES_SETS: SalesSet[] = ["total", ...GROUP_COLUMNS];

/**
 * GROUPING(c1, c2, …) of a row has a bit for each column, the first the highest, set when the row
 * is NOT grouped by that column: the value for the row of each set (only columns that some set
 * groups by may be named).
 */
export function groupingMasks<S extends string>(columns: readonly S[]): Record<S | "total", number> {
  const full = (1 << columns.length) - 1;
  const masks = { total: full } as Record<S | "total", number>;
  columns.forEach((c, i) => (masks[c] = full ^ (1 << (columns.length - 1 - i))));
  return masks;
}

/** The period's sales lines (or rollup rows) with every filter: region, op, prod, ch, vil, amount, certified. */
function salesRows(q: Sql, scope: ReportScope, f: ReportFilters, range: SalesRange): string {
  const s = salesFrom(q, scope, f, range, true);
  return `SELECT ${REGION_COLUMN[scope.regionLevel]} AS region, ${s.operator} AS op, ${s.product} AS prod, ${s.channel}::text AS ch,
                 p."villageId" AS vil, ${s.amount} AS amount, ${s.certified} AS certified
          FROM ${s.from}`;
}

/**
 * The grouped rows of salesGroups from the rollups without a channel filter: the breakdowns by
 * region, operator, product and village from ReportProductSales (a row per product, not per
 * channel too), the channels from ReportCountySales (or, under a filter it cannot apply, from
 * ReportSales). `g` is the GROUPING value the single pass would give each row.
 */
function productRollupGroups(
  q: Sql,
  scope: ReportScope,
  f: ReportFilters,
  range: Extract<SalesRange, { kind: "rollup" }>,
  sets: SalesSet[],
  GROUP: Record<string, number>,
): string {
  const parts: string[] = [];
  const productSets = sets.filter((set) => set !== "ch");
  const sums = `COALESCE(SUM(amount) FILTER (WHERE certified), 0)::bigint AS assist, COALESCE(SUM(amount), 0)::bigint AS total`;
  if (productSets.length) {
    const where = [
      `s."grain" = ${q.p(range.grain, `"ReportGrain"`)}`,
      `s."periodStart" BETWEEN ${q.p(range.firstStart, "date")} AND ${q.p(range.lastStart, "date")}`,
    ];
    if (scope.countyIds)
      where.push(`s."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`, `p."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
    if (f.operator) where.push(`s."operatorId" = ${q.p(f.operator)}`);
    if (f.product) where.push(`s."productId" = ${q.p(f.product)}`);
    if (f.township) where.push(`p."townshipId" = ${q.p(f.township)}`);
    if (f.village) where.push(`p."villageId" = ${q.p(f.village)}`);
    if (f.category) where.push(`p."category" = ${q.p(f.category, `"Category"`)}`);
    const levels = productSets.filter((set): set is Exclude<SalesSet, "total" | "ch"> => set !== "total");
    const g = levels.length
      ? `CASE ${levels.map((l) => `WHEN GROUPING(${l}) = 0 THEN ${GROUP[l]}`).join(" ")} ELSE ${GROUP.total} END`
      : String(GROUP.total);
    parts.push(`SELECT ${g} AS g, ${GROUP_COLUMNS.map((c) => ((levels as string[]).includes(c) ? c : `NULL::text AS ${c}`)).join(", ")}, ${sums}
      FROM (SELECT ${REGION_COLUMN[scope.regionLevel]} AS region, s."operatorId" AS op, s."productId" AS prod, p."villageId" AS vil,
                   (s."netFen" - s."refundedFen") AS amount, s."certified" AS certified
            FROM "ReportProductSales" s JOIN "Product" p ON p."id" = s."productId" WHERE ${where.join(" AND ")}) x
      GROUP BY GROUPING SETS (${productSets.map((set) => (set === "total" ? "()" : `(${set})`)).join(", ")})`);
  }
  if (sets.includes("ch")) {
    let channelRows: string;
    if (f.township || f.village || f.category || f.operator || f.product) channelRows = salesRows(q, scope, f, range);
    else {
      const where = [
        `c."grain" = ${q.p(range.grain, `"ReportGrain"`)}`,
        `c."periodStart" BETWEEN ${q.p(range.firstStart, "date")} AND ${q.p(range.lastStart, "date")}`,
      ];
      if (scope.countyIds) where.push(`c."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
      channelRows = `SELECT c."channel"::text AS ch, (c."netFen" - c."refundedFen") AS amount, c."certified" AS certified
                     FROM "ReportCountySales" c WHERE ${where.join(" AND ")}`;
    }
    parts.push(`SELECT ${GROUP.ch} AS g, ${GROUP_COLUMNS.map((c) => (c === "ch" ? "ch" : `NULL::text AS ${c}`)).join(", ")}, ${sums}
      FROM (${channelRows}) y GROUP BY ch`);
  }
  return parts.join(" UNION ALL ");
}

/** The period's sales grouped six ways at once (GROUPING SETS), or only the `sets` asked for. */
async function salesGroups(
  db: Reader,
  scope: ReportScope,
  f: ReportFilters,
  source: ReportSource,
  limit: number,
  sets: SalesSet[] = ALL_SALES_SETS,
): Promise<{ groups: SalesGroups; source: ReportSource }> {
  const q = new Sql();
  const range = salesRange(f.period, source);
  const columns = GROUP_COLUMNS.filter((c) => sets.includes(c));
  const GROUP = groupingMasks(columns);
  const grouped =
    range.kind === "rollup" && !f.channel
      ? productRollupGroups(q, scope, f, range, sets, GROUP)
      : `SELECT GROUPING(${columns.join(", ")})::int AS g, ${GROUP_COLUMNS.map((c) => (columns.includes(c) ? c : `NULL::text AS ${c}`)).join(", ")},
                COALESCE(SUM(amount) FILTER (WHERE certified), 0)::bigint AS assist, COALESCE(SUM(amount), 0)::bigint AS total
         FROM (${salesRows(q, scope, f, range)}) x
         GROUP BY GROUPING SETS (${sets.map((set) => (set === "total" ? "()" : `(${set})`)).join(", ")})`;
  // The first `limit` operators and products by money (the page; every one for the exports), each
  // as its own ORDER BY … LIMIT over the grouped rows (a bounded top-N sort of the few thousand
  // product rows instead of ranking them all with a window), and how many there are in all (the
  // row g = -1: operators in `assist`, products in `total`). Ties at the cut are broken by the id,
  // as before. The operators' and products' names come with them (no second round trip).
  const top = GROUP.op !== undefined || GROUP.prod !== undefined ? q.p(Number.isFinite(limit) ? limit : null, "bigint") : "";
  const noNames = `NULL::text AS "nameZh", NULL::text AS "nameEn", NULL::text AS category, NULL::text AS "operatorZh", NULL::text AS "operatorEn"`;
  const picked = [
    `SELECT *, ${noNames} FROM grouped${GROUP.op === undefined && GROUP.prod === undefined ? "" : ` WHERE g NOT IN (${GROUP.op ?? -1}, ${GROUP.prod ?? -1})`}`,
  ];
  // The names joined to the few rows kept (so the planner looks each one up by its key).
  if (GROUP.op !== undefined)
    picked.push(`SELECT t.*, o."nameZh", o."nameEn", NULL::text, NULL::text, NULL::text
                 FROM (SELECT * FROM grouped WHERE g = ${GROUP.op} ORDER BY assist DESC, total DESC, op LIMIT ${top}) t
                 JOIN "Operator" o ON o."id" = t.op`);
  if (GROUP.prod !== undefined)
    picked.push(`SELECT t.*, p."nameZh", p."nameEn", p."category"::text, po."nameZh", po."nameEn"
                 FROM (SELECT * FROM grouped WHERE g = ${GROUP.prod} ORDER BY assist DESC, total DESC, prod LIMIT ${top}) t
                 JOIN "Product" p ON p."id" = t.prod JOIN "Operator" po ON po."id" = p."operatorId"`);
  if (GROUP.op !== undefined || GROUP.prod !== undefined)
    picked.push(`SELECT -1, ${GROUP_COLUMNS.map((c) => `NULL::text AS ${c}`).join(", ")},
                        count(*) FILTER (WHERE g = ${GROUP.op ?? -1})::bigint, count(*) FILTER (WHERE g = ${GROUP.prod ?? -1})::bigint, ${noNames}
                 FROM grouped`);
  const rows = await db.$queryRawUnsafe<
    {
      g: number;
      region: string | null;
      op: string | null;
      prod: string | null;
      ch: string | null;
      vil: string | null;
      assist: bigint;
      total: bigint;
      nameZh: string | null;
      nameEn: string | null;
      category: Category | null;
      operatorZh: string | null;
      operatorEn: string | null;
    }[]
  >(`WITH grouped AS MATERIALIZED (${grouped}) ${picked.join(" UNION ALL ")}`, ...q.params);
  const groups: SalesGroups = {
    total: { assistFen: 0, totalFen: 0 },
    regions: new Map(),
    operators: new Map(),
    products: new Map(),
    counts: { operators: 0, products: 0 },
    channels: new Map(),
    villages: new Map(),
  };
  for (const r of rows) {
    const money = { assistFen: n(r.assist), totalFen: n(r.total) };
    if (r.g === -1) groups.counts = { operators: money.assistFen, products: money.totalFen };
    else if (r.g === GROUP.total) groups.total = money;
    else if (r.g === GROUP.region && r.region) groups.regions.set(r.region, money);
    else if (r.g === GROUP.op && r.op) groups.operators.set(r.op, { id: r.op, nameZh: r.nameZh!, nameEn: r.nameEn!, ...money });
    else if (r.g === GROUP.prod && r.prod)
      groups.products.set(r.prod, {
        id: r.prod,
        nameZh: r.nameZh!,
        nameEn: r.nameEn!,
        category: r.category!,
        operatorZh: r.operatorZh!,
        operatorEn: r.operatorEn!,
        ...money,
      });
    else if (r.g === GROUP.ch && r.ch) groups.channels.set(r.ch, money);
    else if (r.g === GROUP.vil && r.vil) groups.villages.set(r.vil, money);
  }
  return { groups, source: range.kind === "rollup" ? "rollups" : "ledger" };
}

async function salesTrend(db: Reader, scope: ReportScope, f: ReportFilters, source: ReportSource): Promise<TrendRow[]> {
  const months = trendMonths(f.period);
  const q = new Sql();
  const first = months[0]!;
  const last = months[months.length - 1]!;
  let sql: string;
  if (source === "rollups" && !(f.township || f.village || f.category || f.operator || f.product)) {
    // The county rollup: a few rows per month.
    const where = [`c."grain" = 'MONTH'`, `c."periodStart" BETWEEN ${q.p(first, "date")} AND ${q.p(last, "date")}`];
    if (scope.countyIds) where.push(`c."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
    if (f.channel) where.push(`c."channel" = ${q.p(f.channel, `"Channel"`)}`);
    sql = `SELECT to_char(c."periodStart", 'YYYY-MM') AS month, COALESCE(SUM(c."netFen" - c."refundedFen") FILTER (WHERE c."certified"), 0)::bigint AS assist,
                  COALESCE(SUM(c."netFen" - c."refundedFen"), 0)::bigint AS total
           FROM "ReportCountySales" c WHERE ${where.join(" AND ")} GROUP BY 1`;
  } else if (source === "rollups") {
    const s = salesFrom(q, scope, f, { kind: "rollup", grain: "MONTH", firstStart: first, lastStart: last }, false);
    sql = `SELECT to_char(s."periodStart", 'YYYY-MM') AS month, COALESCE(SUM(${s.amount}) FILTER (WHERE ${s.certified}), 0)::bigint AS assist,
                  COALESCE(SUM(${s.amount}), 0)::bigint AS total
           FROM ${s.from} GROUP BY 1`;
  } else {
    const lastDay = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const { start, end } = periodInstants({ from: first, to: lastDay });
    const s = salesFrom(q, scope, f, { kind: "ledger", start: start.toISOString(), end: end.toISOString() }, false);
    sql = `SELECT to_char((o."paidAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
                  COALESCE(SUM(${s.amount}) FILTER (WHERE ${s.certified}), 0)::bigint AS assist, COALESCE(SUM(${s.amount}), 0)::bigint AS total
           FROM ${s.from} GROUP BY 1`;
  }
  const rows = await db.$queryRawUnsafe<{ month: string; assist: bigint; total: bigint }[]>(sql, ...q.params);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => {
    const r = byMonth.get(m.slice(0, 7));
    return { month: m.slice(0, 7), assistFen: n(r?.assist), totalFen: n(r?.total) };
  });
}

// ------------------------------------------------------------------------------------------------
// Households

type HouseholdGroup = HouseholdFigures;

type HouseholdSet = "total" | "county" | "township" | "village";
const HOUSEHOLD_COLUMN = { county: `h."countyId"`, township: `h."townshipId"`, village: `h."villageId"` } as const;
const HOUSEHOLD_SET_SQL: Record<HouseholdSet, string> = {
  total: "()",
  county: `(h."countyId")`,
  township: `(h."townshipId")`,
  village: `(h."villageId")`,
};

async function householdGroups(
  db: Reader,
  scope: ReportScope,
  f: ReportFilters,
  source: ReportSource,
  sets: HouseholdSet[] = ["total", "county", "township", "village"],
): Promise<{
  total: HouseholdGroup;
  counties: Map<string, HouseholdGroup>;
  townships: Map<string, HouseholdGroup>;
  villages: Map<string, HouseholdGroup>;
  source: ReportSource;
  payoutsIncluded: boolean;
}> {
  const q = new Sql();
  const saleFilter = hasSaleFilter(f);
  const plan = source === "rollups" && !saleFilter ? rollupPlan(f.period) : null;
  if (plan && plan.firstStart === plan.lastStart) return villageHouseholdGroups(db, scope, f, plan, sets);
  const { start, end } = periodInstants(f.period);

  const payoutsIncluded = !(f.product || f.category || f.channel);
  // Per household, the allocations (alloc) and payouts (paid) of the period: `join` brings them in as
  // i.<alloc>, i.<paid>. For one rollup period that is the rollup's own rows (a merge join of two
  // index-only scans in household order); otherwise a sum per household (WITH inc).
  let withInc = "";
  let join: string;
  let alloc = "i.alloc";
  let paid = "i.paid";
  if (plan && plan.firstStart === plan.lastStart) {
    join = `LEFT JOIN "ReportHousehold" i ON i."householdId" = h."id" AND i."grain" = ${q.p(plan.grain, `"ReportGrain"`)} AND i."periodStart" = ${q.p(plan.firstStart, "date")}`;
    alloc = `i."allocFen"`;
    paid = `i."payoutFen"`;
  } else if (plan) {
    withInc = `WITH inc AS (
      SELECT r."householdId", SUM(r."allocFen")::bigint AS alloc, SUM(r."payoutFen")::bigint AS paid FROM "ReportHousehold" r
      WHERE r."grain" = ${q.p(plan.grain, `"ReportGrain"`)} AND r."periodStart" BETWEEN ${q.p(plan.firstStart, "date")} AND ${q.p(plan.lastStart, "date")}
      GROUP BY 1)`;
    join = `LEFT JOIN inc i ON i."householdId" = h."id"`;
  } else {
    const where = [
      `a."createdAt" >= ${q.p(start.toISOString(), "timestamp(3)")}`,
      `a."createdAt" < ${q.p(end.toISOString(), "timestamp(3)")}`,
    ];
    const joins: string[] = [];
    if (saleFilter) joins.push(`JOIN "OrderLine" l ON l."id" = a."orderLineId"`);
    if (f.channel) joins.push(`JOIN "Order" o ON o."id" = l."orderId"`);
    if (f.category) joins.push(`JOIN "Product" p ON p."id" = l."productId"`);
    if (f.operator) where.push(`l."operatorId" = ${q.p(f.operator)}`);
    if (f.product) where.push(`l."productId" = ${q.p(f.product)}`);
    if (f.channel) where.push(`o."channel" = ${q.p(f.channel, `"Channel"`)}`);
    if (f.category) where.push(`p."category" = ${q.p(f.category, `"Category"`)}`);
    const payouts = payoutsIncluded
      ? `UNION ALL
         SELECT "householdId", 0, "amountFen" FROM "Payout"
         WHERE "paidOn" BETWEEN ${q.p(f.period.from, "date")} AND ${q.p(f.period.to, "date")}${f.operator ? ` AND "operatorId" = ${q.p(f.operator)}` : ""}`
      : "";
    withInc = `WITH inc AS (
      SELECT "householdId", SUM(alloc)::bigint AS alloc, SUM(paid)::bigint AS paid FROM (
        SELECT a."householdId", a."amountFen" AS alloc, 0 AS paid FROM "Allocation" a ${joins.join(" ")} WHERE ${where.join(" AND ")}
        ${payouts}
      ) x GROUP BY 1)`;
    join = `LEFT JOIN inc i ON i."householdId" = h."id"`;
  }
  if (!payoutsIncluded) paid = "0";

  const where: string[] = [];
  // One county as an equality, so the county's households come in id order (the merge join above).
  if (scope.countyIds?.length === 1) where.push(`h."countyId" = ${q.p(scope.countyIds[0])}`);
  else if (scope.countyIds) where.push(`h."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
  if (f.township) where.push(`h."townshipId" = ${q.p(f.township)}`);
  if (f.village) where.push(`h."villageId" = ${q.p(f.village)}`);

  const { levels, mask } = householdMasks(sets);
  const rows = await db.$queryRawUnsafe<HouseholdGroupRow[]>(
    `${withInc}
     SELECT GROUPING(${levels.map((l) => HOUSEHOLD_COLUMN[l]).join(", ")})::int AS g,
            ${(["county", "township", "village"] as const).map((l) => (levels.includes(l) ? `${HOUSEHOLD_COLUMN[l]} AS ${l}` : `NULL::text AS ${l}`)).join(", ")},
            COUNT(*) FILTER (WHERE ${alloc} > 0) AS reached,
            COALESCE(SUM(h."members") FILTER (WHERE ${alloc} > 0), 0)::bigint AS people,
            COALESCE(SUM(${alloc} + COALESCE(${paid}, 0)) FILTER (WHERE ${alloc} > 0), 0)::bigint AS income,
            COUNT(*) FILTER (WHERE h."status" = 'MONITORED') AS monitored,
            COUNT(*) FILTER (WHERE h."status" = 'MONITORED' AND COALESCE(${alloc}, 0) + COALESCE(${paid}, 0) > 0) AS covered
     FROM "Household" h
     ${join}
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     GROUP BY GROUPING SETS (${sets.map((set) => HOUSEHOLD_SET_SQL[set]).join(", ")})`,
    ...q.params,
  );
  return { ...householdGroupsOf(rows, mask), source: plan ? "rollups" : "ledger", payoutsIncluded };
}

interface HouseholdGroupRow {
  g: number;
  county: string | null;
  township: string | null;
  village: string | null;
  reached: bigint;
  people: bigint;
  income: bigint;
  monitored: bigint;
  covered: bigint;
}
type HouseholdGroups = Record<"counties" | "townships" | "villages", Map<string, HouseholdGroup>> & { total: HouseholdGroup };

function householdGroupsOf(rows: HouseholdGroupRow[], mask: Record<HouseholdSet, number>): HouseholdGroups {
  const figures = (r: HouseholdGroupRow): HouseholdGroup => ({
    reached: n(r.reached),
    people: n(r.people),
    incomeFen: n(r.income),
    incomePerHouseholdFen: perHousehold(n(r.income), n(r.reached)),
    monitored: n(r.monitored),
    covered: n(r.covered),
  });
  const empty: HouseholdGroup = { reached: 0, people: 0, incomeFen: 0, incomePerHouseholdFen: null, monitored: 0, covered: 0 };
  const out: HouseholdGroups = { total: empty, counties: new Map(), townships: new Map(), villages: new Map() };
  for (const r of rows) {
    if (r.g === mask.total) out.total = figures(r);
    else if (r.g === mask.county && r.county) out.counties.set(r.county, figures(r));
    else if (r.g === mask.township && r.township) out.townships.set(r.township, figures(r));
    else if (r.g === mask.village && r.village) out.villages.set(r.village, figures(r));
  }
  return out;
}

/** GROUPING() values of the household sets asked for (-1 for a level not asked). */
function householdMasks(sets: HouseholdSet[]) {
  const levels = (["county", "township", "village"] as const).filter((l) => sets.includes(l));
  const mask: Record<HouseholdSet, number> = { county: -1, township: -1, village: -1, total: -1 };
  Object.assign(mask, groupingMasks(levels));
  return { levels, mask };
}

/**
 * The household figures of one rollup period without a sale filter, from the village rows of
 * ReportVillageHouseholds (a few rows per township) and the monitored households of the region (a
 * partial index): the same figures as the household-by-household join, which answers every other case.
 */
async function villageHouseholdGroups(
  db: Reader,
  scope: ReportScope,
  f: ReportFilters,
  plan: { grain: string; firstStart: string },
  sets: HouseholdSet[],
): Promise<HouseholdGroups & { source: ReportSource; payoutsIncluded: boolean }> {
  const q = new Sql();
  const where: string[] = [];
  if (scope.countyIds?.length === 1) where.push(`"countyId" = ${q.p(scope.countyIds[0])}`);
  else if (scope.countyIds) where.push(`"countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
  if (f.township) where.push(`"townshipId" = ${q.p(f.township)}`);
  if (f.village) where.push(`"villageId" = ${q.p(f.village)}`);
  const and = where.map((w) => ` AND ${w}`).join("");
  const { levels, mask } = householdMasks(sets);
  const column = { county: `"countyId"`, township: `"townshipId"`, village: `"villageId"` } as const;
  const rows = await db.$queryRawUnsafe<HouseholdGroupRow[]>(
    `SELECT GROUPING(${levels.map((l) => column[l]).join(", ")})::int AS g,
            ${(["county", "township", "village"] as const).map((l) => (levels.includes(l) ? `${column[l]} AS ${l}` : `NULL::text AS ${l}`)).join(", ")},
            COALESCE(SUM("reached"), 0)::bigint AS reached, COALESCE(SUM("people"), 0)::bigint AS people,
            COALESCE(SUM("incomeFen"), 0)::bigint AS income, COALESCE(SUM("monitored"), 0)::bigint AS monitored,
            COALESCE(SUM("covered"), 0)::bigint AS covered
     FROM (
       SELECT "countyId", "townshipId", "villageId", "reached", "people", "incomeFen", 0 AS "monitored", "covered"
       FROM "ReportVillageHouseholds"
       WHERE "grain" = ${q.p(plan.grain, `"ReportGrain"`)} AND "periodStart" = ${q.p(plan.firstStart, "date")}${and}
       UNION ALL
       SELECT "countyId", "townshipId", "villageId", 0, 0, 0, count(*), 0 FROM "Household" WHERE "status" = 'MONITORED'${and} GROUP BY 1, 2, 3
     ) x
     GROUP BY GROUPING SETS (${sets.map((set) => (set === "total" ? "()" : `(${column[set]})`)).join(", ")})`,
    ...q.params,
  );
  return { ...householdGroupsOf(rows, mask), source: "rollups", payoutsIncluded: true };
}

// ------------------------------------------------------------------------------------------------
// The report

const zero: Money = { assistFen: 0, totalFen: 0 };

/**
 * The child regions of the scope (the rows of the breakdown by region, each listed sold or not)
 * and its villages with their townships' names (the village ranking lists every one), in one
 * query, each in id order.
 */
async function scopeRegions(
  db: Reader,
  scope: ReportScope,
): Promise<{ regionRows: NamedRow[]; villageRows: (NamedRow & { townshipZh: string | null; townshipEn: string | null })[] }> {
  const q = new Sql();
  const parts: string[] = [];
  if (!scope.village) {
    const parent = scope.township ? scope.township.id : scope.county ? scope.county.id : null;
    parts.push(`SELECT 'region' AS kind, r."id", r."nameZh", r."nameEn", NULL::text AS "townshipZh", NULL::text AS "townshipEn"
                FROM "Region" r WHERE ${parent ? `r."parentId" = ${q.p(parent)}` : `r."level" = 'COUNTY'`}`);
  }
  const villageWhere = scope.village
    ? `v."id" = ${q.p(scope.village.id)}`
    : scope.township
      ? `v."parentId" = ${q.p(scope.township.id)}`
      : `v."level" = 'VILLAGE'${scope.countyIds ? ` AND EXISTS (SELECT 1 FROM unnest(${q.p(scope.countyIds, "text[]")}) c(id) WHERE starts_with(v."id", c.id))` : ""}`;
  parts.push(`SELECT 'village' AS kind, v."id", v."nameZh", v."nameEn", t."nameZh" AS "townshipZh", t."nameEn" AS "townshipEn"
              FROM "Region" v LEFT JOIN "Region" t ON t."id" = v."parentId" WHERE ${villageWhere}`);
  const rows = await db.$queryRawUnsafe<
    (NamedRow & { kind: "region" | "village"; townshipZh: string | null; townshipEn: string | null })[]
  >(`${parts.join(" UNION ALL ")} ORDER BY 1, 2`, ...q.params);
  const regionRows = scope.village
    ? [{ id: scope.village.id, nameZh: scope.village.nameZh, nameEn: scope.village.nameEn }]
    : rows.filter((r) => r.kind === "region").map((r) => ({ id: r.id, nameZh: r.nameZh, nameEn: r.nameEn }));
  const villageRows = rows
    .filter((r) => r.kind === "village")
    .map((r) => ({ id: r.id, nameZh: r.nameZh, nameEn: r.nameEn, townshipZh: r.townshipZh, townshipEn: r.townshipEn }));
  return { regionRows, villageRows };
}

/**
 * Every figure of the report for this scope and these filters. `limit` cuts the operators, products
 * and villages to the first rows (the page); without it every row is there (the exports).
 */
export async function loadReport(
  db: Reader,
  scope: ReportScope,
  f: ReportFilters,
  options: { source?: ReportSource; limit?: number } = {},
): Promise<Report> {
  const source = options.source ?? "rollups";
  const limit = options.limit ?? Infinity;

  // The regions of the scope (every child region is listed, sold or not) and its villages: known
  // before any sum, so they are read meanwhile (one query for both).
  const [sales, trend, households, { regionRows, villageRows }] = await Promise.all([
    salesGroups(db, scope, f, source, limit),
    salesTrend(db, scope, f, source),
    // The households per region of the breakdown's level and per village (the ranking); by county only in a province roll-up.
    householdGroups(
      db,
      scope,
      f,
      source,
      scope.regionLevel === "COUNTY"
        ? ["total", "county", "village"]
        : scope.regionLevel === "TOWNSHIP"
          ? ["total", "township", "village"]
          : ["total", "village"],
    ),
    scopeRegions(db, scope),
  ]);
  const g = sales.groups;

  const householdsOf = (level: RegionLevelName) =>
    level === "COUNTY" ? households.counties : level === "TOWNSHIP" ? households.townships : households.villages;
  const regionHouseholds = householdsOf(scope.regionLevel);
  const regions: RegionRow[] = regionRows.map((r) => ({
    id: r.id,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    ...(g.regions.get(r.id) ?? zero),
    reached: regionHouseholds.get(r.id)?.reached ?? 0,
    people: regionHouseholds.get(r.id)?.people ?? 0,
  }));

  let provinces: RegionRow[] = [];
  if (!scope.countyIds) {
    const provinceRows = await db.region.findMany({
      where: { level: "PROVINCE" },
      orderBy: { id: "asc" },
      select: { id: true, nameZh: true, nameEn: true },
    });
    provinces = provinceRows
      .map((p) => {
        const inside = regions.filter((r) => r.id.startsWith(p.id));
        return {
          ...p,
          assistFen: inside.reduce((s, r) => s + r.assistFen, 0),
          totalFen: inside.reduce((s, r) => s + r.totalFen, 0),
          reached: inside.reduce((s, r) => s + r.reached, 0),
          people: inside.reduce((s, r) => s + r.people, 0),
        };
      })
      .filter((p) => regions.some((r) => r.id.startsWith(p.id)));
  }

  const allVillages: VillageRow[] = villageRows
    .map((v) => ({
      id: v.id,
      nameZh: v.nameZh,
      nameEn: v.nameEn,
      townshipZh: v.townshipZh ?? "",
      townshipEn: v.townshipEn ?? "",
      ...(g.villages.get(v.id) ?? zero),
      reached: households.villages.get(v.id)?.reached ?? 0,
      people: households.villages.get(v.id)?.people ?? 0,
      rank: 0,
    }))
    .sort(byMoney)
    .map((v, i) => ({ ...v, rank: i + 1 }));
  const villages = allVillages.slice(0, limit);

  const operators: OperatorRow[] = [...g.operators.values()].sort(byMoney);
  const products: ProductRow[] = [...g.products.values()].sort(byMoney);
  const channels: ChannelRow[] = CHANNELS.filter((c) => !f.channel || c === f.channel).map((channel) => ({
    channel,
    ...(g.channels.get(channel) ?? zero),
  }));

  return {
    period: f.period,
    sources: { sales: sales.source, households: households.source },
    payoutsIncluded: households.payoutsIncluded,
    headline: { ...g.total, ...households.total },
    trend,
    regionLevel: scope.regionLevel,
    regions,
    provinces,
    operators,
    products,
    channels,
    villages,
    counts: { operators: g.counts.operators, products: g.counts.products, villages: allVillages.length },
  };
}

/**
 * The breakdown by region alone (the region table of the report: each child region of the scope,
 * its sales and the households reached who live there), without the rest of the report.
 */
export async function loadRegionBreakdown(
  db: Reader,
  scope: ReportScope,
  f: ReportFilters,
  options: { source?: ReportSource } = {},
): Promise<RegionRow[]> {
  const source = options.source ?? "rollups";
  const level = scope.regionLevel;
  const regionParent = scope.village ? null : scope.township ? scope.township.id : scope.county ? scope.county.id : null;
  const [sales, households, regionRows] = await Promise.all([
    salesGroups(db, scope, f, source, Infinity, ["region"]),
    householdGroups(db, scope, f, source, [level === "COUNTY" ? "county" : level === "TOWNSHIP" ? "township" : "village"]),
    scope.village
      ? Promise.resolve([{ id: scope.village.id, nameZh: scope.village.nameZh, nameEn: scope.village.nameEn }])
      : db.region.findMany({
          where: regionParent ? { parentId: regionParent } : { level: "COUNTY" },
          orderBy: { id: "asc" },
          select: { id: true, nameZh: true, nameEn: true },
        }),
  ]);
  const byRegion = level === "COUNTY" ? households.counties : level === "TOWNSHIP" ? households.townships : households.villages;
  return regionRows.map((r) => ({
    ...r,
    ...(sales.groups.regions.get(r.id) ?? zero),
    reached: byRegion.get(r.id)?.reached ?? 0,
    people: byRegion.get(r.id)?.people ?? 0,
  }));
}
