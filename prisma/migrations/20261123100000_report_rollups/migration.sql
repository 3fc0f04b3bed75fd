-- Report rollups: the sale ledger summed per Asia/Shanghai month, quarter and year, kept by the
-- payment and refund code in the same transaction as the ledger rows (lib/reports/rollups.ts),
-- and by a trigger for payouts.

-- CreateEnum
CREATE TYPE "ReportGrain" AS ENUM ('MONTH', 'QUARTER', 'YEAR');

-- CreateTable
CREATE TABLE "ReportSales" (
    "grain" "ReportGrain" NOT NULL,
    "periodStart" DATE NOT NULL,
    "productId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "certified" BOOLEAN NOT NULL,
    "netFen" BIGINT NOT NULL,
    "refundedFen" BIGINT NOT NULL,

    CONSTRAINT "ReportSales_pkey" PRIMARY KEY ("grain","periodStart","productId","operatorId","channel","certified")
);

-- CreateTable
CREATE TABLE "ReportCountySales" (
    "grain" "ReportGrain" NOT NULL,
    "periodStart" DATE NOT NULL,
    "countyId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "certified" BOOLEAN NOT NULL,
    "netFen" BIGINT NOT NULL,
    "refundedFen" BIGINT NOT NULL,

    CONSTRAINT "ReportCountySales_pkey" PRIMARY KEY ("grain","periodStart","countyId","channel","certified")
);

-- CreateTable
CREATE TABLE "ReportHousehold" (
    "grain" "ReportGrain" NOT NULL,
    "periodStart" DATE NOT NULL,
    "householdId" TEXT NOT NULL,
    "allocFen" BIGINT NOT NULL,
    "payoutFen" BIGINT NOT NULL DEFAULT 0,

    -- The sums ride in the key's index, so a county's households of a period are read from the
    -- index alone (an index-only scan), in household order, ready to merge with "Household".
    CONSTRAINT "ReportHousehold_pkey" PRIMARY KEY ("grain","periodStart","householdId") INCLUDE ("allocFen", "payoutFen")
);

-- CreateIndex (covering: a county's rows of a period are read from the index alone)
CREATE INDEX "ReportSales_countyId_grain_periodStart_idx" ON "ReportSales"("countyId", "grain", "periodStart")
  INCLUDE ("productId", "operatorId", "channel", "certified", "netFen", "refundedFen");

-- Which rows a period selects: the grain and the period's first day go together (a YEAR row
-- always starts on 1 January), which the planner does not know without these statistics.
CREATE STATISTICS "ReportSales_period_stats" (mcv) ON "countyId", "grain", "periodStart" FROM "ReportSales";
CREATE STATISTICS "ReportHousehold_period_stats" (mcv) ON "grain", "periodStart" FROM "ReportHousehold";

-- CreateIndex (covering: where a county's products are, read from the index alone)
CREATE INDEX "Product_countyId_id_idx" ON "Product"("countyId", "id") INCLUDE ("townshipId", "villageId", "category");

-- CreateIndex (covering: what the reports read of a county's households, in id order)
CREATE INDEX "Household_countyId_id_idx" ON "Household"("countyId", "id") INCLUDE ("townshipId", "villageId", "members", "status");

-- CreateIndex
CREATE INDEX "Payout_paidOn_idx" ON "Payout"("paidOn");

-- The first day (Shanghai calendar) of the month, quarter or year that contains a stored instant
-- (timestamp(3) columns hold UTC).
CREATE FUNCTION report_period_start(grain "ReportGrain", instant timestamp) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT date_trunc(lower(grain::text), (instant AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date $$;

-- Only the ledger code writes the rollups: it sets xiaokang.report_rollup for its own transaction
-- (set_config(..., true)). Any other INSERT, UPDATE, DELETE or TRUNCATE is refused.
CREATE FUNCTION report_rollup_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('xiaokang.report_rollup', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION '% is kept by the ledger code only (lib/reports/rollups.ts)', TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "ReportSales_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ReportSales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportSales_guard_truncate" BEFORE TRUNCATE ON "ReportSales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportCountySales_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ReportCountySales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportCountySales_guard_truncate" BEFORE TRUNCATE ON "ReportCountySales"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportHousehold_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ReportHousehold"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportHousehold_guard_truncate" BEFORE TRUNCATE ON "ReportHousehold"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();

-- Payouts are written by more than one path (the console's action, the seeds, imports): a trigger
-- keeps their sums in ReportHousehold, whoever writes them, in the same transaction.
CREATE FUNCTION report_payout_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous text := current_setting('xiaokang.report_rollup', true);
BEGIN
  PERFORM set_config('xiaokang.report_rollup', 'on', true);
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "ReportHousehold" ("grain", "periodStart", "householdId", "allocFen", "payoutFen")
    SELECT g.grain, date_trunc(lower(g.grain::text), OLD."paidOn"::timestamp)::date, OLD."householdId", 0, -OLD."amountFen"
    FROM unnest(enum_range(NULL::"ReportGrain")) AS g(grain)
    ORDER BY 1, 2
    ON CONFLICT ("grain", "periodStart", "householdId") DO UPDATE SET "payoutFen" = "ReportHousehold"."payoutFen" + EXCLUDED."payoutFen";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "ReportHousehold" ("grain", "periodStart", "householdId", "allocFen", "payoutFen")
    SELECT g.grain, date_trunc(lower(g.grain::text), NEW."paidOn"::timestamp)::date, NEW."householdId", 0, NEW."amountFen"
    FROM unnest(enum_range(NULL::"ReportGrain")) AS g(grain)
    ORDER BY 1, 2
    ON CONFLICT ("grain", "periodStart", "householdId") DO UPDATE SET "payoutFen" = "ReportHousehold"."payoutFen" + EXCLUDED."payoutFen";
  END IF;
  PERFORM set_config('xiaokang.report_rollup', coalesce(previous, ''), true);
  RETURN NULL;
END $$;
CREATE TRIGGER "Payout_report_rollup" AFTER INSERT OR UPDATE OR DELETE ON "Payout"
  FOR EACH ROW EXECUTE FUNCTION report_payout_rollup();

-- Backfill from what was written before this migration (the same sums as rebuildReportRollups).
SELECT set_config('xiaokang.report_rollup', 'on', true);

INSERT INTO "ReportSales" ("grain", "periodStart", "productId", "operatorId", "countyId", "channel", "certified", "netFen", "refundedFen")
SELECT g.grain, report_period_start(g.grain, o."paidAt"), l."productId", l."operatorId", p."countyId", o."channel", l."certifiedAtSale",
       SUM(l."netFen")::bigint, SUM(l."refundedFen")::bigint
FROM "OrderLine" l
JOIN "Order" o ON o."id" = l."orderId"
JOIN "Product" p ON p."id" = l."productId"
CROSS JOIN unnest(enum_range(NULL::"ReportGrain")) AS g(grain)
WHERE o."paidAt" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO "ReportCountySales" ("grain", "periodStart", "countyId", "channel", "certified", "netFen", "refundedFen")
SELECT "grain", "periodStart", "countyId", "channel", "certified", SUM("netFen")::bigint, SUM("refundedFen")::bigint
FROM "ReportSales"
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "ReportHousehold" ("grain", "periodStart", "householdId", "allocFen", "payoutFen")
SELECT grain, "periodStart", "householdId", SUM(alloc)::bigint, SUM(paid)::bigint
FROM (
  SELECT g.grain, report_period_start(g.grain, a."createdAt") AS "periodStart", a."householdId", a."amountFen" AS alloc, 0 AS paid
  FROM "Allocation" a CROSS JOIN unnest(enum_range(NULL::"ReportGrain")) AS g(grain)
  UNION ALL
  SELECT g.grain, date_trunc(lower(g.grain::text), y."paidOn"::timestamp)::date, y."householdId", 0, y."amountFen"
  FROM "Payout" y CROSS JOIN unnest(enum_range(NULL::"ReportGrain")) AS g(grain)
) x
GROUP BY 1, 2, 3;
