-- ReportSales summed without the channel, per product of a county (lib/reports/rollups.ts): the
-- report's breakdowns by region, operator, product and village read one row per product and
-- certification instead of one per channel too. Kept by the ledger code beside ReportSales.

-- CreateTable
CREATE TABLE "ReportProductSales" (
    "grain" "ReportGrain" NOT NULL,
    "periodStart" DATE NOT NULL,
    "countyId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "certified" BOOLEAN NOT NULL,
    "netFen" BIGINT NOT NULL,
    "refundedFen" BIGINT NOT NULL,

    -- The sums ride in the key's index: a county's products of a period are an index-only scan.
    CONSTRAINT "ReportProductSales_pkey" PRIMARY KEY ("grain","periodStart","countyId","productId","operatorId","certified") INCLUDE ("netFen", "refundedFen")
);

-- Written only by the ledger code, like the other rollups (report_rollup_guard, 20261123100000_report_rollups).
CREATE TRIGGER "ReportProductSales_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ReportProductSales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportProductSales_guard_truncate" BEFORE TRUNCATE ON "ReportProductSales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();

SELECT set_config('xiaokang.report_rollup', 'on', true);
INSERT INTO "ReportProductSales" ("grain", "periodStart", "countyId", "productId", "operatorId", "certified", "netFen", "refundedFen")
SELECT "grain", "periodStart", "countyId", "productId", "operatorId", "certified", SUM("netFen")::bigint, SUM("refundedFen")::bigint
FROM "ReportSales"
GROUP BY 1, 2, 3, 4, 5, 6;
SELECT set_config('xiaokang.report_rollup', 'off', true);
