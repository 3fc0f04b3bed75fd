// The report rollups (prisma/schema.prisma: ReportSales, ReportCountySales, ReportHousehold): the
// sale ledger summed per Asia/Shanghai month, quarter and year, so that a county's report reads a
// few thousand rows instead of every order line and allocation of the year.
//
// They are a cache of the ledger, never a second source of truth:
//   - a payment adds to them in the same transaction as its ledger rows (writeSaleLedger in
//     lib/orders/fulfilment.ts calls recordSaleInReports), and so does a refund (applyRefund in
//     lib/orders/refunds.ts calls recordRefundInReports); payouts reach ReportHousehold through a
//     trigger on Payout (the migration), whoever writes them;
//   - a trigger refuses every other write: only a transaction that has set
//     xiaokang.report_rollup, as these functions do, may touch them;
//   - tests/report-rollups.test.ts proves that they equal ROLLUP_FROM_LEDGER, the same sums over
//     the whole ledger, and that every report figure is the same from the rollups and from the
//     raw ledger (lib/reports/queries.ts, source "ledger").
// What they hold:
//   ReportSales        per (period of Order.paidAt, product, operator, channel, certifiedAtSale):
//                      netFen and refundedFen of the paid lines. A refund adds to refundedFen of the
//                      period the sale was paid in: a period's sales are the lines paid in it, net
//                      of whatever was refunded of them since (the raw definition).
//   ReportProductSales the same without the channel (per county, product, operator, certification):
//                      the breakdowns by region, operator, product and village.
//   ReportCountySales  the same per county (no product, operator): the trend and county totals.
//   ReportBuyerSales   the same per buyer organisation and seller county, for the orders bought
//                      for an organisation (Order.organisationId): the buy side, the quota and
//                      the pairing tables (lib/reports/buyers.ts).
//   ReportHousehold    per (period, household): allocFen, the sum of the allocation rows, sale
//                      rows (+) and refund rows (−) alike, each in the period of its createdAt;
//                      payoutFen, the payouts by the period of paidOn.
//   ReportVillageHouseholds  ReportHousehold summed per (period, village of residence): households
//                      reached, their members, their income, monitored households with any; kept by
//                      triggers on ReportHousehold and on Household (a household that moves, or whose
//                      members or status change, moves its part), so nothing here writes it.
import type { Db } from "@/lib/db/client";

/** A transaction that can run SQL: Prisma's, or the volume generator's `pg` client. */
export interface RollupWriter {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}
type Writer = RollupWriter;

const GRAINS = `unnest(enum_range(NULL::"ReportGrain")) AS g(grain)`;
const MONTH_OF = (column: string) => `date_trunc('month', (${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')`;

/** Month rows, then quarters and years summed from them (one pass over the ledger, not three). */
const FROM_MONTHS = (keys: string, sums: string[]) => `
    SELECT 'MONTH'::"ReportGrain" AS grain, month::date AS "periodStart", ${keys}, ${sums.map((c) => `"${c}"`).join(", ")} FROM m
    UNION ALL
    SELECT 'QUARTER'::"ReportGrain", date_trunc('quarter', month)::date, ${keys}, ${sums.map((c) => `SUM("${c}")::bigint`).join(", ")} FROM m GROUP BY 2, ${keys}
    UNION ALL
    SELECT 'YEAR'::"ReportGrain", date_trunc('year', month)::date, ${keys}, ${sums.map((c) => `SUM("${c}")::bigint`).join(", ")} FROM m GROUP BY 2, ${keys}`;

const SALES_MONTHS = `
      SELECT ${MONTH_OF(`o."paidAt"`)} AS month, l."productId", l."operatorId", p."countyId", o."channel", l."certifiedAtSale" AS "certified",
             SUM(l."netFen")::bigint AS "netFen", SUM(l."refundedFen")::bigint AS "refundedFen"
      FROM "OrderLine" l
      JOIN "Order" o ON o."id" = l."orderId"
      JOIN "Product" p ON p."id" = l."productId"
      WHERE o."paidAt" IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6`;

const HOUSEHOLDS_FROM_LEDGER = `
    WITH m AS (
      SELECT month, "householdId", SUM(alloc)::bigint AS "allocFen", SUM(paid)::bigint AS "payoutFen"
      FROM (
        SELECT ${MONTH_OF(`a."createdAt"`)} AS month, a."householdId", SUM(a."amountFen")::bigint AS alloc, 0::bigint AS paid
        FROM "Allocation" a GROUP BY 1, 2
        UNION ALL
        SELECT date_trunc('month', y."paidOn"::timestamp), y."householdId", 0, SUM(y."amountFen")::bigint
        FROM "Payout" y GROUP BY 1, 2
      ) x GROUP BY 1, 2
    )${FROM_MONTHS(`"householdId"`, ["allocFen", "payoutFen"])}`;

/** The rollup rows as the whole ledger says they should be (the migration's backfill computes the same). */
export const ROLLUP_FROM_LEDGER = {
  sales: `WITH m AS (${SALES_MONTHS})${FROM_MONTHS(`"productId", "operatorId", "countyId", "channel", "certified"`, ["netFen", "refundedFen"])}`,
  buyerSales: `
    WITH m AS (
      SELECT ${MONTH_OF(`o."paidAt"`)} AS month, o."organisationId", p."countyId", o."channel", l."certifiedAtSale" AS "certified",
             SUM(l."netFen")::bigint AS "netFen", SUM(l."refundedFen")::bigint AS "refundedFen"
      FROM "OrderLine" l
      JOIN "Order" o ON o."id" = l."orderId"
      JOIN "Product" p ON p."id" = l."productId"
      WHERE o."paidAt" IS NOT NULL AND o."organisationId" IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5
    )${FROM_MONTHS(`"organisationId", "countyId", "channel", "certified"`, ["netFen", "refundedFen"])}`,
  productSales: `
    WITH m AS (
      SELECT month, "countyId", "productId", "operatorId", "certified", SUM("netFen")::bigint AS "netFen", SUM("refundedFen")::bigint AS "refundedFen"
      FROM (${SALES_MONTHS}) x GROUP BY 1, 2, 3, 4, 5
    )${FROM_MONTHS(`"countyId", "productId", "operatorId", "certified"`, ["netFen", "refundedFen"])}`,
  countySales: `
    WITH m AS (
      SELECT month, "countyId", "channel", "certified", SUM("netFen")::bigint AS "netFen", SUM("refundedFen")::bigint AS "refundedFen"
      FROM (${SALES_MONTHS}) x GROUP BY 1, 2, 3, 4
    )${FROM_MONTHS(`"countyId", "channel", "certified"`, ["netFen", "refundedFen"])}`,
  households: HOUSEHOLDS_FROM_LEDGER,
  /** ReportVillageHouseholds: the household rows above, summed per village of residence (as the triggers keep it). */
  villageHouseholds: `
    SELECT r."grain", r."periodStart", h."countyId", h."townshipId", h."villageId",
           SUM((r."allocFen" > 0)::int)::int AS "reached", SUM(CASE WHEN r."allocFen" > 0 THEN h."members" ELSE 0 END)::int AS "people",
           SUM(CASE WHEN r."allocFen" > 0 THEN r."allocFen" + r."payoutFen" ELSE 0 END)::bigint AS "incomeFen",
           SUM((h."status" = 'MONITORED' AND r."allocFen" + r."payoutFen" > 0)::int)::int AS "covered"
    FROM (${HOUSEHOLDS_FROM_LEDGER}) r JOIN "Household" h ON h."id" = r."householdId"
    GROUP BY 1, 2, 3, 4, 5`,
} as const;

const SALES_COLUMNS = `"grain", "periodStart", "productId", "operatorId", "countyId", "channel", "certified", "netFen", "refundedFen"`;
const BUYER_COLUMNS = `"grain", "periodStart", "organisationId", "countyId", "channel", "certified", "netFen", "refundedFen"`;
const PRODUCT_COLUMNS = `"grain", "periodStart", "countyId", "productId", "operatorId", "certified", "netFen", "refundedFen"`;
const COUNTY_COLUMNS = `"grain", "periodStart", "countyId", "channel", "certified", "netFen", "refundedFen"`;
const HOUSEHOLD_COLUMNS = `"grain", "periodStart", "householdId", "allocFen", "payoutFen"`;
const ADD_SALES = `ON CONFLICT ("grain", "periodStart", "productId", "operatorId", "channel", "certified") DO UPDATE
  SET "netFen" = "ReportSales"."netFen" + EXCLUDED."netFen", "refundedFen" = "ReportSales"."refundedFen" + EXCLUDED."refundedFen"`;
const ADD_COUNTY = `ON CONFLICT ("grain", "periodStart", "countyId", "channel", "certified") DO UPDATE
  SET "netFen" = "ReportCountySales"."netFen" + EXCLUDED."netFen", "refundedFen" = "ReportCountySales"."refundedFen" + EXCLUDED."refundedFen"`;
const ADD_PRODUCT = `ON CONFLICT ("grain", "periodStart", "countyId", "productId", "operatorId", "certified") DO UPDATE
  SET "netFen" = "ReportProductSales"."netFen" + EXCLUDED."netFen", "refundedFen" = "ReportProductSales"."refundedFen" + EXCLUDED."refundedFen"`;
const ADD_BUYER = `ON CONFLICT ("grain", "periodStart", "organisationId", "countyId", "channel", "certified") DO UPDATE
  SET "netFen" = "ReportBuyerSales"."netFen" + EXCLUDED."netFen", "refundedFen" = "ReportBuyerSales"."refundedFen" + EXCLUDED."refundedFen"`;
const ADD_HOUSEHOLD = `ON CONFLICT ("grain", "periodStart", "householdId") DO UPDATE SET "allocFen" = "ReportHousehold"."allocFen" + EXCLUDED."allocFen"`;

async function allowRollupWrites(tx: Writer, on: boolean) {
  await tx.$executeRawUnsafe(`SELECT set_config('xiaokang.report_rollup', $1, true)`, on ? "on" : "off");
}

/**
 * The lines to add, per grain and period: `source` yields (paidAt, productId, operatorId,
 * countyId, channel, certified, netFen, refundedFen, organisationId), filtered by `where`. Written
 * to the product, the county and (when bought for an organisation) the buyer rollups, in key order
 * so that two payments never deadlock on them.
 */
async function addSales(tx: Writer, source: string, param: unknown) {
  const rows = `
    SELECT g.grain, report_period_start(g.grain, x."paidAt") AS "periodStart", x."productId", x."operatorId", x."countyId", x."channel", x."certified",
           SUM(x."netFen")::bigint AS "netFen", SUM(x."refundedFen")::bigint AS "refundedFen"
    FROM (${source}) x CROSS JOIN ${GRAINS}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  await tx.$executeRawUnsafe(
    `INSERT INTO "ReportSales" (${SALES_COLUMNS}) SELECT * FROM (${rows}) r ORDER BY 1, 2, 3, 4, 6, 7 ${ADD_SALES}`,
    param,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "ReportProductSales" (${PRODUCT_COLUMNS})
     SELECT grain, "periodStart", "countyId", "productId", "operatorId", "certified", SUM("netFen")::bigint, SUM("refundedFen")::bigint
     FROM (${rows}) r GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6 ${ADD_PRODUCT}`,
    param,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "ReportCountySales" (${COUNTY_COLUMNS})
     SELECT grain, "periodStart", "countyId", "channel", "certified", SUM("netFen")::bigint, SUM("refundedFen")::bigint
     FROM (${rows}) r GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ${ADD_COUNTY}`,
    param,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "ReportBuyerSales" (${BUYER_COLUMNS})
     SELECT g.grain, report_period_start(g.grain, x."paidAt"), x."organisationId", x."countyId", x."channel", x."certified",
            SUM(x."netFen")::bigint, SUM(x."refundedFen")::bigint
     FROM (${source}) x CROSS JOIN ${GRAINS}
     WHERE x."organisationId" IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6 ${ADD_BUYER}`,
    param,
  );
}

/**
 * Adds just-paid orders to the rollups: their lines' net amounts by the period of payment, their
 * sale allocation rows (the positive ones) by the period they were written. Call once per order,
 * in the transaction that wrote its sale ledger (after the allocations). Refunds are not part of
 * a sale: each is added by recordRefundInReports (the volume generator, which writes an order and
 * its refund in one go, calls both).
 */
export async function recordSaleInReports(tx: Writer, orderIds: string | readonly string[]): Promise<void> {
  const ids = typeof orderIds === "string" ? [orderIds] : [...orderIds];
  if (!ids.length) return;
  await allowRollupWrites(tx, true);
  await addSales(
    tx,
    `SELECT o."paidAt", l."productId", l."operatorId", p."countyId", o."channel", l."certifiedAtSale" AS "certified", l."netFen", 0 AS "refundedFen", o."organisationId"
     FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" JOIN "Product" p ON p."id" = l."productId"
     WHERE l."orderId" = ANY($1::text[]) AND o."paidAt" IS NOT NULL`,
    ids,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "ReportHousehold" (${HOUSEHOLD_COLUMNS})
     SELECT g.grain, report_period_start(g.grain, a."createdAt"), a."householdId", SUM(a."amountFen")::bigint, 0
     FROM "Allocation" a
     JOIN "OrderLine" l ON l."id" = a."orderLineId"
     CROSS JOIN ${GRAINS}
     WHERE l."orderId" = ANY($1::text[]) AND a."amountFen" > 0
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
     ${ADD_HOUSEHOLD}`,
    ids,
  );
  await allowRollupWrites(tx, false);
}

/** A refund's negative allocation rows, as applyRefund writes them. */
export interface RefundAllocationRow {
  householdId: string;
  amountFen: number;
  createdAt?: Date | string | null;
}

/**
 * Adds a just-applied refund to the rollups: its lines' amounts to refundedFen of the period the
 * sale was paid in; its negative allocation rows (`allocations`, exactly the rows the refund wrote)
 * to the households' period of writing. Call in the transaction that wrote them.
 */
export async function recordRefundInReports(tx: Writer, refundId: string, allocations: readonly RefundAllocationRow[]): Promise<void> {
  await allowRollupWrites(tx, true);
  await addSales(
    tx,
    `SELECT o."paidAt", l."productId", l."operatorId", p."countyId", o."channel", l."certifiedAtSale" AS "certified", 0 AS "netFen", rl."amountFen" AS "refundedFen", o."organisationId"
     FROM "RefundLine" rl JOIN "OrderLine" l ON l."id" = rl."orderLineId" JOIN "Order" o ON o."id" = l."orderId" JOIN "Product" p ON p."id" = l."productId"
     WHERE rl."refundId" = $1 AND o."paidAt" IS NOT NULL`,
    refundId,
  );
  if (allocations.length) {
    const at = (row: RefundAllocationRow) => {
      const value = row.createdAt ?? new Date();
      return value instanceof Date ? value.toISOString() : value;
    };
    await tx.$executeRawUnsafe(
      `INSERT INTO "ReportHousehold" (${HOUSEHOLD_COLUMNS})
       SELECT g.grain, report_period_start(g.grain, r.at), r.household, SUM(r.fen)::bigint, 0
       FROM unnest($1::text[], $2::int[], $3::timestamp(3)[]) AS r(household, fen, at)
       CROSS JOIN ${GRAINS}
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3
       ${ADD_HOUSEHOLD}`,
      allocations.map((a) => a.householdId),
      allocations.map((a) => a.amountFen),
      allocations.map(at),
    );
  }
  await allowRollupWrites(tx, false);
}

/**
 * Recomputes the rollups from the whole ledger, for bulk loads (the volume generator writes
 * hundreds of thousands of orders at once; adding them one by one would take far longer). The
 * tables are locked meanwhile: a payment waits for the rebuild, then adds its own rows on top.
 */
export async function rebuildReportRollups(
  db: Db,
): Promise<{ sales: number; countySales: number; buyerSales: number; households: number }> {
  return db.$transaction(
    async (tx) => {
      await allowRollupWrites(tx, true);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '512MB'`);
      await tx.$executeRawUnsafe(
        `LOCK TABLE "ReportSales", "ReportProductSales", "ReportCountySales", "ReportBuyerSales", "ReportHousehold", "ReportVillageHouseholds" IN EXCLUSIVE MODE`,
      );
      await tx.$executeRawUnsafe(
        `TRUNCATE "ReportSales", "ReportProductSales", "ReportCountySales", "ReportBuyerSales", "ReportHousehold"`,
      );
      const sales = await tx.$executeRawUnsafe(`INSERT INTO "ReportSales" (${SALES_COLUMNS}) ${ROLLUP_FROM_LEDGER.sales}`);
      await tx.$executeRawUnsafe(
        `INSERT INTO "ReportProductSales" (${PRODUCT_COLUMNS})
         SELECT "grain", "periodStart", "countyId", "productId", "operatorId", "certified", SUM("netFen")::bigint, SUM("refundedFen")::bigint
         FROM "ReportSales" GROUP BY 1, 2, 3, 4, 5, 6`,
      );
      const countySales = await tx.$executeRawUnsafe(
        `INSERT INTO "ReportCountySales" (${COUNTY_COLUMNS})
         SELECT "grain", "periodStart", "countyId", "channel", "certified", SUM("netFen")::bigint, SUM("refundedFen")::bigint
         FROM "ReportSales" GROUP BY 1, 2, 3, 4, 5`,
      );
      const buyerSales = await tx.$executeRawUnsafe(`INSERT INTO "ReportBuyerSales" (${BUYER_COLUMNS}) ${ROLLUP_FROM_LEDGER.buyerSales}`);
      const households = await tx.$executeRawUnsafe(
        `INSERT INTO "ReportHousehold" (${HOUSEHOLD_COLUMNS}) ${ROLLUP_FROM_LEDGER.households}`,
      );
      await allowRollupWrites(tx, false);
      return { sales, countySales, buyerSales, households };
    },
    { timeout: 60 * 60_000, maxWait: 60_000 },
  );
}
