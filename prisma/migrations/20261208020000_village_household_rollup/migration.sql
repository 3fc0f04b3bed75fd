-- The household figures per village of residence and period (lib/reports/rollups.ts,
-- "ReportVillageHouseholds"): the unfiltered report of one period reads a county's village rows
-- instead of joining every household of the county with its ReportHousehold row.
-- A household's part of its village's row, for one ReportHousehold row (alloc, paid):
--   reached   1 when alloc > 0
--   people    its members when alloc > 0
--   incomeFen alloc + paid when alloc > 0
--   covered   1 when it is MONITORED and alloc + paid > 0
-- Triggers keep the rows: on ReportHousehold (rows added, changed, removed, truncated) and on
-- Household (a household's county, township, village, members or status changed). Each adds the
-- difference of the parts, in key order (no deadlock between two writers).

-- CreateTable
CREATE TABLE "ReportVillageHouseholds" (
    "grain" "ReportGrain" NOT NULL,
    "periodStart" DATE NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "reached" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,
    "incomeFen" BIGINT NOT NULL,
    "covered" INTEGER NOT NULL,

    CONSTRAINT "ReportVillageHouseholds_pkey" PRIMARY KEY ("grain","periodStart","countyId","villageId")
);

-- The report's count of monitored households (a figure of now, not of a period) reads this.
CREATE INDEX "Household_monitored_idx" ON "Household"("countyId", "villageId") INCLUDE ("townshipId") WHERE "status" = 'MONITORED';

CREATE TRIGGER "ReportVillageHouseholds_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ReportVillageHouseholds"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();
CREATE TRIGGER "ReportVillageHouseholds_guard_truncate" BEFORE TRUNCATE ON "ReportVillageHouseholds"
  FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_guard();

CREATE FUNCTION report_village_households_rows_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A registry edit of these households waits for this transaction (or is seen by it): the parts
  -- are taken with the household as it is when this transaction commits.
  PERFORM 1 FROM "Household" h WHERE h."id" IN (SELECT "householdId" FROM new_rows) ORDER BY h."id" FOR SHARE;
  INSERT INTO "ReportVillageHouseholds" AS v ("grain", "periodStart", "countyId", "townshipId", "villageId", "reached", "people", "incomeFen", "covered")
  SELECT n."grain", n."periodStart", h."countyId", h."townshipId", h."villageId",
         SUM((n."allocFen" > 0)::int), SUM(CASE WHEN n."allocFen" > 0 THEN h."members" ELSE 0 END),
         SUM(CASE WHEN n."allocFen" > 0 THEN n."allocFen" + n."payoutFen" ELSE 0 END),
         SUM((h."status" = 'MONITORED' AND n."allocFen" + n."payoutFen" > 0)::int)
  FROM new_rows n JOIN "Household" h ON h."id" = n."householdId"
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 5
  ON CONFLICT ("grain", "periodStart", "countyId", "villageId") DO UPDATE
    SET "reached" = v."reached" + EXCLUDED."reached", "people" = v."people" + EXCLUDED."people",
        "incomeFen" = v."incomeFen" + EXCLUDED."incomeFen", "covered" = v."covered" + EXCLUDED."covered";
  RETURN NULL;
END $$;

CREATE FUNCTION report_village_households_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Household" h WHERE h."id" IN (SELECT "householdId" FROM new_rows) ORDER BY h."id" FOR SHARE;
  INSERT INTO "ReportVillageHouseholds" AS v ("grain", "periodStart", "countyId", "townshipId", "villageId", "reached", "people", "incomeFen", "covered")
  SELECT * FROM (
    SELECT n."grain", n."periodStart", h."countyId", h."townshipId", h."villageId",
           SUM((n."allocFen" > 0)::int - (o."allocFen" > 0)::int) AS reached,
           SUM(CASE WHEN n."allocFen" > 0 THEN h."members" ELSE 0 END - CASE WHEN o."allocFen" > 0 THEN h."members" ELSE 0 END) AS people,
           SUM(CASE WHEN n."allocFen" > 0 THEN n."allocFen" + n."payoutFen" ELSE 0 END
             - CASE WHEN o."allocFen" > 0 THEN o."allocFen" + o."payoutFen" ELSE 0 END) AS income,
           SUM((h."status" = 'MONITORED' AND n."allocFen" + n."payoutFen" > 0)::int
             - (h."status" = 'MONITORED' AND o."allocFen" + o."payoutFen" > 0)::int) AS covered
    FROM new_rows n
    JOIN old_rows o ON o."grain" = n."grain" AND o."periodStart" = n."periodStart" AND o."householdId" = n."householdId"
    JOIN "Household" h ON h."id" = n."householdId"
    GROUP BY 1, 2, 3, 4, 5
  ) d
  WHERE d.reached <> 0 OR d.people <> 0 OR d.income <> 0 OR d.covered <> 0
  ORDER BY 1, 2, 3, 5
  ON CONFLICT ("grain", "periodStart", "countyId", "villageId") DO UPDATE
    SET "reached" = v."reached" + EXCLUDED."reached", "people" = v."people" + EXCLUDED."people",
        "incomeFen" = v."incomeFen" + EXCLUDED."incomeFen", "covered" = v."covered" + EXCLUDED."covered";
  RETURN NULL;
END $$;

CREATE FUNCTION report_village_households_rows_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Household" h WHERE h."id" IN (SELECT "householdId" FROM old_rows) ORDER BY h."id" FOR SHARE;
  INSERT INTO "ReportVillageHouseholds" AS v ("grain", "periodStart", "countyId", "townshipId", "villageId", "reached", "people", "incomeFen", "covered")
  SELECT o."grain", o."periodStart", h."countyId", h."townshipId", h."villageId",
         -SUM((o."allocFen" > 0)::int), -SUM(CASE WHEN o."allocFen" > 0 THEN h."members" ELSE 0 END),
         -SUM(CASE WHEN o."allocFen" > 0 THEN o."allocFen" + o."payoutFen" ELSE 0 END),
         -SUM((h."status" = 'MONITORED' AND o."allocFen" + o."payoutFen" > 0)::int)
  FROM old_rows o JOIN "Household" h ON h."id" = o."householdId"
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 5
  ON CONFLICT ("grain", "periodStart", "countyId", "villageId") DO UPDATE
    SET "reached" = v."reached" + EXCLUDED."reached", "people" = v."people" + EXCLUDED."people",
        "incomeFen" = v."incomeFen" + EXCLUDED."incomeFen", "covered" = v."covered" + EXCLUDED."covered";
  RETURN NULL;
END $$;

CREATE FUNCTION report_village_households_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "ReportVillageHouseholds";
  RETURN NULL;
END $$;

CREATE TRIGGER "ReportHousehold_village_added" AFTER INSERT ON "ReportHousehold"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_village_households_rows_added();
CREATE TRIGGER "ReportHousehold_village_changed" AFTER UPDATE ON "ReportHousehold"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_village_households_rows_changed();
CREATE TRIGGER "ReportHousehold_village_removed" AFTER DELETE ON "ReportHousehold"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_village_households_rows_removed();
CREATE TRIGGER "ReportHousehold_village_truncated" AFTER TRUNCATE ON "ReportHousehold"
  FOR EACH STATEMENT EXECUTE FUNCTION report_village_households_truncated();

-- A household's residence, members or status changed: its parts move from what it was to what it is.
CREATE FUNCTION report_village_households_household_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous text := current_setting('xiaokang.report_rollup', true);
BEGIN
  PERFORM set_config('xiaokang.report_rollup', 'on', true);
  INSERT INTO "ReportVillageHouseholds" AS v ("grain", "periodStart", "countyId", "townshipId", "villageId", "reached", "people", "incomeFen", "covered")
  SELECT * FROM (
    SELECT r."grain", r."periodStart", x."countyId", x."townshipId", x."villageId",
           SUM(x.sign * (r."allocFen" > 0)::int) AS reached,
           SUM(x.sign * CASE WHEN r."allocFen" > 0 THEN x."members" ELSE 0 END) AS people,
           SUM(x.sign * CASE WHEN r."allocFen" > 0 THEN r."allocFen" + r."payoutFen" ELSE 0 END) AS income,
           SUM(x.sign * (x."status" = 'MONITORED' AND r."allocFen" + r."payoutFen" > 0)::int) AS covered
    FROM (
      SELECT n."id", n."countyId", n."townshipId", n."villageId", n."members", n."status", 1 AS sign
      FROM new_households n JOIN old_households o ON o."id" = n."id"
      WHERE (n."countyId", n."townshipId", n."villageId", n."members", n."status")
        IS DISTINCT FROM (o."countyId", o."townshipId", o."villageId", o."members", o."status")
      UNION ALL
      SELECT o."id", o."countyId", o."townshipId", o."villageId", o."members", o."status", -1
      FROM new_households n JOIN old_households o ON o."id" = n."id"
      WHERE (n."countyId", n."townshipId", n."villageId", n."members", n."status")
        IS DISTINCT FROM (o."countyId", o."townshipId", o."villageId", o."members", o."status")
    ) x
    JOIN "ReportHousehold" r ON r."householdId" = x."id"
    GROUP BY 1, 2, 3, 4, 5
  ) d
  WHERE d.reached <> 0 OR d.people <> 0 OR d.income <> 0 OR d.covered <> 0
  ORDER BY 1, 2, 3, 5
  ON CONFLICT ("grain", "periodStart", "countyId", "villageId") DO UPDATE
    SET "reached" = v."reached" + EXCLUDED."reached", "people" = v."people" + EXCLUDED."people",
        "incomeFen" = v."incomeFen" + EXCLUDED."incomeFen", "covered" = v."covered" + EXCLUDED."covered";
  PERFORM set_config('xiaokang.report_rollup', coalesce(previous, ''), true);
  RETURN NULL;
END $$;
CREATE TRIGGER "Household_report_village" AFTER UPDATE ON "Household"
  REFERENCING OLD TABLE AS old_households NEW TABLE AS new_households
  FOR EACH STATEMENT EXECUTE FUNCTION report_village_households_household_changed();

-- The rows of the ledger so far.
SELECT set_config('xiaokang.report_rollup', 'on', true);
INSERT INTO "ReportVillageHouseholds" ("grain", "periodStart", "countyId", "townshipId", "villageId", "reached", "people", "incomeFen", "covered")
SELECT r."grain", r."periodStart", h."countyId", h."townshipId", h."villageId",
       SUM((r."allocFen" > 0)::int), SUM(CASE WHEN r."allocFen" > 0 THEN h."members" ELSE 0 END),
       SUM(CASE WHEN r."allocFen" > 0 THEN r."allocFen" + r."payoutFen" ELSE 0 END),
       SUM((h."status" = 'MONITORED' AND r."allocFen" + r."payoutFen" > 0)::int)
FROM "ReportHousehold" r JOIN "Household" h ON h."id" = r."householdId"
GROUP BY 1, 2, 3, 4, 5;
SELECT set_config('xiaokang.report_rollup', 'off', true);
