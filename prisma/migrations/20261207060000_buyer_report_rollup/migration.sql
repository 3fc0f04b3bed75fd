-- CreateTable
CREATE TABLE "ReportBuyerSales" (
    "grain" "ReportGrain" NOT NULL,
    "periodStart" DATE NOT NULL,
    "organisationId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "certified" BOOLEAN NOT NULL,
    "netFen" BIGINT NOT NULL,
    "refundedFen" BIGINT NOT NULL,

    CONSTRAINT "ReportBuyerSales_pkey" PRIMARY KEY ("grain","periodStart","organisationId","countyId","channel","certified")
);

-- CreateIndex (covering: a county's buyer rows of a period are read from the index alone)
CREATE INDEX "ReportBuyerSales_countyId_grain_periodStart_idx" ON "ReportBuyerSales"("countyId", "grain", "periodStart")
  INCLUDE ("organisationId", "channel", "certified", "netFen", "refundedFen");

-- Written only by the ledger code, like the other rollups (report_rollup_guard, 20261123100000_report_rollups).
CREATE TRIGGER "ReportBuyerSales_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ReportBuyerSales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportBuyerSales_guard_truncate" BEFORE TRUNCATE ON "ReportBuyerSales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();

-- Which rows a period selects (see ReportSales_period_stats).
CREATE STATISTICS "ReportBuyerSales_period_stats" (mcv) ON "countyId", "grain", "periodStart" FROM "ReportBuyerSales";

-- Backfill from what was written before this migration (the same sums as rebuildReportRollups).
SELECT set_config('xiaokang.report_rollup', 'on', true);

INSERT INTO "ReportBuyerSales" ("grain", "periodStart", "organisationId", "countyId", "channel", "certified", "netFen", "refundedFen")
SELECT g.grain, report_period_start(g.grain, o."paidAt"), o."organisationId", p."countyId", o."channel", l."certifiedAtSale",
       SUM(l."netFen")::bigint, SUM(l."refundedFen")::bigint
FROM "OrderLine" l
JOIN "Order" o ON o."id" = l."orderId"
JOIN "Product" p ON p."id" = l."productId"
CROSS JOIN unnest(enum_range(NULL::"ReportGrain")) AS g(grain)
WHERE o."paidAt" IS NOT NULL AND o."organisationId" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;

SELECT set_config('xiaokang.report_rollup', 'off', true);
