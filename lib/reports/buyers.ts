// The buy side of the office report (docs/DESIGN.md#report-buy-side): what buyer organisations
// bought, by organisation, by kind and by the buyer's province; the 预留份额 quota completion of the
// budget units; the pairing-assistance purchases (东西部协作) of each partner in each paired county;
// and the livestream campaigns' breakdown (docs/DESIGN.md#report-campaigns). Computed in SQL from
// the sale ledger, as lib/reports/queries.ts is; nothing here checks who reads (./scope.ts first).
//
// DEFINITIONS
//   Purchases of an organisation in a period: the lines of the orders bought for it
//     (Order.organisationId) paid in the period, at netFen − refundedFen, exactly as sales are
//     counted (a refund lowers the period the order was paid in); assistance purchases: the lines
//     certified at the sale. The seller side narrows them: the scope's county (an officer: the
//     purchases INTO their county, by any organisation) and the report's filters (township,
//     village, operator, product, category, channel) by the product sold.
//   By kind: the same per Organisation.kind; by the buyer's region: per province of the
//     organisation's region (its first two digits), ranked by purchases (the 832 platform's buy side).
//   Pairing purchases (东西部协作): per pairing (OrganisationPairing: a PARTNER and a county), the
//     partner's purchases of products of that county. Every pairing in the scope is listed, bought
//     or not (an officer: the partners paired with their county).
//   Quota completion (预留份额): per budget unit with a canteen, for the calendar year of the
//     period's last day: the declared canteen budget, the rate of its region (lib/organisations/quota.ts),
//     the quota, and the purchases counted toward it by lib/organisations/purchases.ts
//     (countedPurchasesFen: paid certified lines of the year net of refunds, the unit's trade
//     unions' orders counted for the unit), never narrowed by the period's months or the filters.
//     The admin sees every unit; an officer the units whose region lies in their county.
//   Campaign breakdown: per livestream campaign whose window meets the period (and, for an officer,
//     that sells a product of their county): its sales and assistance sales (lines of the campaign's
//     orders paid in the period, narrowed as sales are), the households reached and people (the
//     households where they live in the scope whose allocation rows of the campaign's lines
//     written in the period add up to more than zero, as #report-households-reached).
//
// SOURCES: "rollups" reads ReportBuyerSales (./rollups.ts) for periods of whole months, quarters or
// years with at most a channel filter; otherwise, and with source "ledger", the raw lines. The quota
// from the rollups is the YEAR rows of the unit and its unions, certified, netFen − refundedFen;
// from the ledger, countedPurchasesFen itself. tests/report-rollups.test.ts proves both equal.
import type { Db, Prisma } from "@/lib/db/client";
import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import { countedPurchasesFen } from "@/lib/organisations/purchases";
import { quotaBpsFor, quotaFen, quotaProgress } from "@/lib/organisations/quota";
import type { ReportFilters } from "./filters";
import { periodInstants, rollupPlan } from "./periods";
import type { Money, ReportSource } from "./queries";
import type { NamedRow, ReportScope } from "./scope";

type Reader = Db | Prisma.TransactionClient;

export const ORGANISATION_KINDS = ["BUDGET_UNIT", "TRADE_UNION", "ENTERPRISE", "PARTNER"] as const satisfies readonly OrganisationKind[];

export type BuyerRow = NamedRow & Money & { kind: OrganisationKind; regionZh: string; regionEn: string };
export type KindRow = Money & { kind: OrganisationKind; organisations: number };
export type ProvinceRow = NamedRow & Money & { rank: number; organisations: number };
export type PairingRow = Money & { partner: NamedRow; county: NamedRow };
export interface QuotaRow extends NamedRow {
  regionZh: string;
  regionEn: string;
  /** The declared canteen budget of the year, fen; null when none is declared. */
  budgetFen: number | null;
  bps: number;
  quotaFen: number;
  countedFen: number;
  remainingFen: number;
  /** Basis points of the quota reached (capped at 10,000); null without a quota. */
  progressBps: number | null;
}
export type CampaignRow = NamedRow & Money & { startsAt: Date; endsAt: Date; reached: number; people: number };

export interface BuyerReport {
  source: ReportSource;
  /** Purchases by every organisation in the scope (all of them: the page shows the first rows). */
  total: Money;
  organisations: BuyerRow[];
  kinds: KindRow[];
  provinces: ProvinceRow[];
  pairings: PairingRow[];
  quotaYear: number;
  quota: QuotaRow[];
  campaigns: CampaignRow[];
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);
const zero = (): Money => ({ assistFen: 0, totalFen: 0 });
const add = (to: Money, m: Money) => {
  to.assistFen += m.assistFen;
  to.totalFen += m.totalFen;
};
const byMoney = <T extends Money>(a: T, b: T) => b.totalFen - a.totalFen || b.assistFen - a.assistFen;

class Sql {
  readonly params: unknown[] = [];
  p(value: unknown, cast?: string): string {
    this.params.push(value);
    return `$${this.params.length}${cast ? `::${cast}` : ""}`;
  }
}

/** Whether the buyer rollup can answer these filters (it has no product, operator or place below the county). */
function rollupAnswers(f: ReportFilters): boolean {
  return !(f.township || f.village || f.operator || f.product || f.category);
}

interface PurchaseRow {
  org: string;
  county: string;
  assist: bigint;
  total: bigint;
  /** The organisation, its region and its province (null when the organisation's row is gone). */
  nameZh: string | null;
  nameEn: string | null;
  kind: OrganisationKind | null;
  regionId: string | null;
  regionZh: string | null;
  regionEn: string | null;
  provinceZh: string | null;
  provinceEn: string | null;
}

/**
 * Purchases per (organisation, seller county) in the period, in the scope, with the filters; with
 * the organisation's names, kind, region and province (in the same query: no second round trip).
 */
async function purchasesByOrganisationAndCounty(
  db: Reader,
  scope: ReportScope,
  f: ReportFilters,
  source: ReportSource,
): Promise<{ rows: PurchaseRow[]; source: ReportSource }> {
  const q = new Sql();
  const plan = source === "rollups" && rollupAnswers(f) ? rollupPlan(f.period) : null;
  let sql: string;
  if (plan) {
    const where = [
      `b."grain" = ${q.p(plan.grain, `"ReportGrain"`)}`,
      `b."periodStart" BETWEEN ${q.p(plan.firstStart, "date")} AND ${q.p(plan.lastStart, "date")}`,
    ];
    if (scope.countyIds) where.push(`b."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
    if (f.channel) where.push(`b."channel" = ${q.p(f.channel, `"Channel"`)}`);
    sql = `SELECT b."organisationId" AS org, b."countyId" AS county,
                  COALESCE(SUM(b."netFen" - b."refundedFen") FILTER (WHERE b."certified"), 0)::bigint AS assist,
                  COALESCE(SUM(b."netFen" - b."refundedFen"), 0)::bigint AS total
           FROM "ReportBuyerSales" b WHERE ${where.join(" AND ")} GROUP BY 1, 2`;
  } else {
    const { start, end } = periodInstants(f.period);
    const where = [
      `o."organisationId" IS NOT NULL`,
      `o."paidAt" >= ${q.p(start.toISOString(), "timestamp(3)")}`,
      `o."paidAt" < ${q.p(end.toISOString(), "timestamp(3)")}`,
    ];
    if (scope.countyIds) where.push(`p."countyId" = ANY(${q.p(scope.countyIds, "text[]")})`);
    if (f.township) where.push(`p."townshipId" = ${q.p(f.township)}`);
    if (f.village) where.push(`p."villageId" = ${q.p(f.village)}`);
    if (f.category) where.push(`p."category" = ${q.p(f.category, `"Category"`)}`);
    if (f.operator) where.push(`l."operatorId" = ${q.p(f.operator)}`);
    if (f.product) where.push(`l."productId" = ${q.p(f.product)}`);
    if (f.channel) where.push(`o."channel" = ${q.p(f.channel, `"Channel"`)}`);
    sql = `SELECT o."organisationId" AS org, p."countyId" AS county,
                  COALESCE(SUM(l."netFen" - l."refundedFen") FILTER (WHERE l."certifiedAtSale"), 0)::bigint AS assist,
                  COALESCE(SUM(l."netFen" - l."refundedFen"), 0)::bigint AS total
           FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" JOIN "Product" p ON p."id" = l."productId"
           WHERE ${where.join(" AND ")} GROUP BY 1, 2`;
  }
  const rows = await db.$queryRawUnsafe<PurchaseRow[]>(
    `SELECT t.org, t.county, t.assist, t.total, o."nameZh", o."nameEn", o."kind"::text AS kind, o."regionId",
            r."nameZh" AS "regionZh", r."nameEn" AS "regionEn", pr."nameZh" AS "provinceZh", pr."nameEn" AS "provinceEn"
     FROM (${sql}) t
     LEFT JOIN "Organisation" o ON o."id" = t.org
     LEFT JOIN "Region" r ON r."id" = o."regionId"
     LEFT JOIN "Region" pr ON pr."id" = left(o."regionId", 2)`,
    ...q.params,
  );
  return { rows, source: plan ? "rollups" : "ledger" };
}

/** The year whose quota the report shows: that of the period's last day. */
export const quotaYearOf = (f: ReportFilters) => Number(f.period.to.slice(0, 4));

/** Counted purchases of the year per budget unit, from the YEAR rows of the buyer rollup (the unit's and its unions'). */
async function countedFromRollup(db: Reader, unitIds: string[], year: number): Promise<Map<string, bigint>> {
  const counted = new Map<string, bigint>(unitIds.map((id) => [id, 0n]));
  if (!unitIds.length) return counted;
  const rows = await db.$queryRawUnsafe<{ unit: string; fen: bigint }[]>(
    `WITH orgs AS (
       SELECT o.id AS unit, o.id AS buyer FROM "Organisation" o WHERE o.id = ANY($1::text[])
       UNION ALL
       SELECT u."parentUnitId", u.id FROM "Organisation" u WHERE u."parentUnitId" = ANY($1::text[])
     )
     SELECT orgs.unit, COALESCE(SUM(b."netFen" - b."refundedFen"), 0)::bigint AS fen
     FROM orgs JOIN "ReportBuyerSales" b ON b."organisationId" = orgs.buyer
     WHERE b."grain" = 'YEAR' AND b."periodStart" = $2::date AND b."certified"
     GROUP BY 1`,
    unitIds,
    `${year}-01-01`,
  );
  for (const r of rows) counted.set(r.unit, BigInt(r.fen));
  return counted;
}

async function quotaRows(db: Reader, scope: ReportScope, year: number, source: ReportSource): Promise<QuotaRow[]> {
  const counties = scope.countyIds ? `AND EXISTS (SELECT 1 FROM unnest($2::text[]) c(id) WHERE starts_with(o."regionId", c.id))` : "";
  const units = await db.$queryRawUnsafe<
    { id: string; nameZh: string; nameEn: string; regionId: string; regionZh: string; regionEn: string; budgetFen: bigint | null }[]
  >(
    `SELECT o."id", o."nameZh", o."nameEn", o."regionId", r."nameZh" AS "regionZh", r."nameEn" AS "regionEn", b."budgetFen"
     FROM "Organisation" o JOIN "Region" r ON r."id" = o."regionId"
     LEFT JOIN "CanteenBudget" b ON b."organisationId" = o."id" AND b."year" = $1
     WHERE o."kind" = 'BUDGET_UNIT' AND o."hasCanteen" ${counties}
     ORDER BY o."id"`,
    year,
    ...(scope.countyIds ? [scope.countyIds] : []),
  );
  if (!units.length) return [];
  const ids = units.map((u) => u.id);
  const [rates, counted] = await Promise.all([
    db.$queryRawUnsafe<{ regionId: string; bps: number }[]>(`SELECT "regionId", "bps" FROM "QuotaRate"`),
    source === "rollups" ? countedFromRollup(db, ids, year) : countedPurchasesFen(db as Db, ids, year),
  ]);
  return units
    .map((u) => {
      const budget = u.budgetFen;
      const bps = quotaBpsFor(u.regionId, rates);
      const progress = quotaProgress(budget === null ? 0n : quotaFen(budget, bps), counted.get(u.id) ?? 0n);
      return {
        id: u.id,
        nameZh: u.nameZh,
        nameEn: u.nameEn || u.nameZh,
        regionZh: u.regionZh,
        regionEn: u.regionEn,
        budgetFen: budget === null ? null : Number(budget),
        bps,
        quotaFen: Number(progress.quotaFen),
        countedFen: Number(progress.countedFen),
        remainingFen: Number(progress.remainingFen),
        progressBps: progress.progressBps,
      };
    })
    .sort((a, b) => (a.progressBps ?? -1) - (b.progressBps ?? -1) || b.remainingFen - a.remainingFen || a.id.localeCompare(b.id));
}

/** Campaigns whose window meets the period (a day's grace for orders paid just after the end), in the scope. */
async function campaignRows(db: Reader, scope: ReportScope, f: ReportFilters): Promise<CampaignRow[]> {
  const { start, end } = periodInstants(f.period);
  const graceStart = new Date(start.getTime() - 86_400_000);
  const campaigns = await db.$queryRawUnsafe<{ id: string; titleZh: string; titleEn: string; startsAt: Date; endsAt: Date }[]>(
    `SELECT c."id", c."titleZh", c."titleEn", c."startsAt", c."endsAt" FROM "Campaign" c
     WHERE c."status" <> 'DRAFT' AND c."startsAt" < $1::timestamp(3) AND c."endsAt" >= $2::timestamp(3)
     ${scope.countyIds ? `AND EXISTS (SELECT 1 FROM "CampaignProduct" cp JOIN "Product" p ON p."id" = cp."productId" WHERE cp."campaignId" = c."id" AND p."countyId" = ANY($3::text[]))` : ""}
     ORDER BY c."startsAt", c."id"`,
    end.toISOString(),
    graceStart.toISOString(),
    ...(scope.countyIds ? [scope.countyIds] : []),
  );
  if (!campaigns.length) return [];
  const ids = campaigns.map((c) => c.id);
  const q = new Sql();
  const idsParam = q.p(ids, "text[]");
  const startParam = q.p(start.toISOString(), "timestamp(3)");
  const endParam = q.p(end.toISOString(), "timestamp(3)");
  const sales = [`o."campaignId" = ANY(${idsParam})`, `o."paidAt" >= ${startParam}`, `o."paidAt" < ${endParam}`];
  const lines: string[] = [];
  const homes: string[] = [];
  if (scope.countyIds) {
    const counties = q.p(scope.countyIds, "text[]");
    sales.push(`p."countyId" = ANY(${counties})`);
    homes.push(`h."countyId" = ANY(${counties})`);
  }
  if (f.township) {
    sales.push(`p."townshipId" = ${q.p(f.township)}`);
    homes.push(`h."townshipId" = ${q.p(f.township)}`);
  }
  if (f.village) {
    sales.push(`p."villageId" = ${q.p(f.village)}`);
    homes.push(`h."villageId" = ${q.p(f.village)}`);
  }
  // The operator, product, category and channel filters narrow the sales and the allocations alike.
  if (f.operator) lines.push(`l."operatorId" = ${q.p(f.operator)}`);
  if (f.product) lines.push(`l."productId" = ${q.p(f.product)}`);
  if (f.category) lines.push(`p."category" = ${q.p(f.category, `"Category"`)}`);
  if (f.channel) lines.push(`o."channel" = ${q.p(f.channel, `"Channel"`)}`);
  const lineWhere = lines.join(" AND ");
  const rows = await db.$queryRawUnsafe<{ id: string; assist: bigint; total: bigint; reached: bigint; people: bigint }[]>(
    `WITH s AS (
       SELECT o."campaignId" AS id,
              COALESCE(SUM(l."netFen" - l."refundedFen") FILTER (WHERE l."certifiedAtSale"), 0)::bigint AS assist,
              COALESCE(SUM(l."netFen" - l."refundedFen"), 0)::bigint AS total
       FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o."id" JOIN "Product" p ON p."id" = l."productId"
       WHERE ${[...sales, ...(lineWhere ? [lineWhere] : [])].join(" AND ")}
       GROUP BY 1
     ), inc AS (
       SELECT o."campaignId" AS id, a."householdId", SUM(a."amountFen")::bigint AS alloc
       FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o."id" JOIN "Allocation" a ON a."orderLineId" = l."id"
       ${f.category ? `JOIN "Product" p ON p."id" = l."productId"` : ""}
       WHERE o."campaignId" = ANY(${idsParam}) AND a."createdAt" >= ${startParam} AND a."createdAt" < ${endParam}
             ${lineWhere ? `AND ${lineWhere}` : ""}
       GROUP BY 1, 2
     ), h AS (
       SELECT inc.id, COUNT(*) FILTER (WHERE inc.alloc > 0) AS reached, COALESCE(SUM(h."members") FILTER (WHERE inc.alloc > 0), 0)::bigint AS people
       FROM inc JOIN "Household" h ON h."id" = inc."householdId"
       ${homes.length ? `WHERE ${homes.join(" AND ")}` : ""}
       GROUP BY 1
     )
     SELECT c.id, COALESCE(s.assist, 0)::bigint AS assist, COALESCE(s.total, 0)::bigint AS total,
            COALESCE(h.reached, 0)::bigint AS reached, COALESCE(h.people, 0)::bigint AS people
     FROM unnest(${idsParam}) AS c(id) LEFT JOIN s ON s.id = c.id LEFT JOIN h ON h.id = c.id`,
    ...q.params,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return campaigns.map((c) => {
    const r = byId.get(c.id);
    return {
      id: c.id,
      nameZh: c.titleZh,
      nameEn: c.titleEn || c.titleZh,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      assistFen: n(r?.assist),
      totalFen: n(r?.total),
      reached: n(r?.reached),
      people: n(r?.people),
    };
  });
}

/** Every buy-side figure of the report for this scope and these filters (all rows: the page cuts long lists). */
export async function loadBuyerReport(
  db: Reader,
  scope: ReportScope,
  f: ReportFilters,
  options: { source?: ReportSource } = {},
): Promise<BuyerReport> {
  const source = options.source ?? "rollups";
  const year = quotaYearOf(f);
  const [purchases, pairingRows, quota, campaigns] = await Promise.all([
    purchasesByOrganisationAndCounty(db, scope, f, source),
    db.$queryRawUnsafe<{ organisationId: string; nameZh: string; nameEn: string; countyId: string; countyZh: string; countyEn: string }[]>(
      `SELECT p."organisationId", o."nameZh", o."nameEn", p."countyId", c."nameZh" AS "countyZh", c."nameEn" AS "countyEn"
       FROM "OrganisationPairing" p JOIN "Organisation" o ON o."id" = p."organisationId" JOIN "Region" c ON c."id" = p."countyId"
       ${scope.countyIds ? `WHERE p."countyId" = ANY($1::text[])` : ""}
       ORDER BY p."countyId", p."organisationId"`,
      ...(scope.countyIds ? [scope.countyIds] : []),
    ),
    quotaRows(db, scope, year, source),
    campaignRows(db, scope, f),
  ]);

  const perOrg = new Map<string, Money>();
  const perPair = new Map<string, Money>();
  const total = zero();
  for (const r of purchases.rows) {
    const m = { assistFen: n(r.assist), totalFen: n(r.total) };
    if (!perOrg.has(r.org)) perOrg.set(r.org, zero());
    add(perOrg.get(r.org)!, m);
    perPair.set(`${r.org} ${r.county}`, m);
    add(total, m);
  }
  // The organisations (each named on its rows; one whose row is gone is left out) and their provinces.
  const orgs = new Map<string, PurchaseRow & { nameZh: string; kind: OrganisationKind; regionId: string }>();
  for (const r of purchases.rows) if (r.nameZh !== null && !orgs.has(r.org)) orgs.set(r.org, r as never);
  const provinceNames = new Map<string, { nameZh: string; nameEn: string }>();
  for (const o of orgs.values())
    if (o.provinceZh !== null) provinceNames.set(o.regionId.slice(0, 2), { nameZh: o.provinceZh, nameEn: o.provinceEn! });

  const organisations: BuyerRow[] = [...orgs.values()]
    .map((o) => ({
      id: o.org,
      nameZh: o.nameZh,
      nameEn: o.nameEn || o.nameZh,
      kind: o.kind,
      regionZh: o.regionZh!,
      regionEn: o.regionEn!,
      ...perOrg.get(o.org)!,
    }))
    .sort((a, b) => byMoney(a, b) || a.id.localeCompare(b.id));

  const kinds: KindRow[] = ORGANISATION_KINDS.map((kind) => {
    const rows = organisations.filter((o) => o.kind === kind);
    const m = zero();
    rows.forEach((r) => add(m, r));
    return { kind, organisations: rows.length, ...m };
  });

  const provinceMoney = new Map<string, Money & { organisations: number }>();
  const provinceOf = new Map([...orgs.values()].map((o) => [o.org, o.regionId.slice(0, 2)]));
  for (const o of organisations) {
    const id = provinceOf.get(o.id)!;
    if (!provinceMoney.has(id)) provinceMoney.set(id, { ...zero(), organisations: 0 });
    const p = provinceMoney.get(id)!;
    add(p, o);
    p.organisations += 1;
  }
  const provinces: ProvinceRow[] = [...provinceMoney]
    .map(([id, m]) => {
      const name = provinceNames.get(id);
      return { id, nameZh: name?.nameZh ?? id, nameEn: name?.nameEn ?? id, rank: 0, ...m };
    })
    .sort((a, b) => byMoney(a, b) || a.id.localeCompare(b.id))
    .map((p, i) => ({ ...p, rank: i + 1 }));

  // The partners that bought most first; pairings with no purchase after them, in a fixed order.
  const pairings: PairingRow[] = pairingRows
    .map((p) => ({
      partner: { id: p.organisationId, nameZh: p.nameZh, nameEn: p.nameEn || p.nameZh },
      county: { id: p.countyId, nameZh: p.countyZh, nameEn: p.countyEn },
      ...(perPair.get(`${p.organisationId} ${p.countyId}`) ?? zero()),
    }))
    .sort((a, b) => byMoney(a, b) || a.county.id.localeCompare(b.county.id) || a.partner.id.localeCompare(b.partner.id));

  return { source: purchases.source, total, organisations, kinds, provinces, pairings, quotaYear: year, quota, campaigns };
}
