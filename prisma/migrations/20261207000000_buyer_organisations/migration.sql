-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('BUDGET_UNIT', 'TRADE_UNION', 'ENTERPRISE', 'PARTNER');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "organisationId" TEXT;

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "kind" "OrganisationKind" NOT NULL,
    "creditCode" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "hasCanteen" BOOLEAN NOT NULL DEFAULT false,
    "parentUnitId" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationMember" (
    "organisationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "isManager" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationMember_pkey" PRIMARY KEY ("organisationId","userId")
);

-- CreateTable
CREATE TABLE "OrganisationPairing" (
    "organisationId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationPairing_pkey" PRIMARY KEY ("organisationId","countyId")
);

-- CreateTable
CREATE TABLE "CanteenBudget" (
    "organisationId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "budgetFen" BIGINT NOT NULL,
    "declaredById" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CanteenBudget_pkey" PRIMARY KEY ("organisationId","year")
);

-- CreateTable
CREATE TABLE "QuotaRate" (
    "regionId" TEXT NOT NULL,
    "bps" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuotaRate_pkey" PRIMARY KEY ("regionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_creditCode_key" ON "Organisation"("creditCode");

-- CreateIndex
CREATE INDEX "Organisation_kind_idx" ON "Organisation"("kind");

-- CreateIndex
CREATE INDEX "Organisation_regionId_idx" ON "Organisation"("regionId");

-- CreateIndex
CREATE INDEX "Organisation_parentUnitId_idx" ON "Organisation"("parentUnitId");

-- CreateIndex
CREATE INDEX "OrganisationMember_userId_idx" ON "OrganisationMember"("userId");

-- CreateIndex
CREATE INDEX "OrganisationPairing_countyId_idx" ON "OrganisationPairing"("countyId");

-- CreateIndex
CREATE INDEX "Order_organisationId_paidAt_idx" ON "Order"("organisationId", "paidAt");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_parentUnitId_fkey" FOREIGN KEY ("parentUnitId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMember" ADD CONSTRAINT "OrganisationMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMember" ADD CONSTRAINT "OrganisationMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationPairing" ADD CONSTRAINT "OrganisationPairing_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationPairing" ADD CONSTRAINT "OrganisationPairing_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CanteenBudget" ADD CONSTRAINT "CanteenBudget_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CanteenBudget" ADD CONSTRAINT "CanteenBudget_declaredById_fkey" FOREIGN KEY ("declaredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaRate" ADD CONSTRAINT "QuotaRate_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written rules (docs/DESIGN.md: buyer organisations).
-- An order bought for an organisation is an institutional or a pairing purchase, never retail or livestream.
ALTER TABLE "Order" ADD CONSTRAINT "Order_organisation_channel_check"
  CHECK ("organisationId" IS NULL OR "channel" IN ('INSTITUTION', 'PAIRING'));
-- Only a budget unit has a canteen; only a trade union belongs to a budget unit.
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_canteen_check" CHECK (NOT "hasCanteen" OR "kind" = 'BUDGET_UNIT');
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_parent_check"
  CHECK ("parentUnitId" IS NULL OR ("kind" = 'TRADE_UNION' AND "parentUnitId" <> "id"));
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_credit_code_check" CHECK ("creditCode" ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$');
-- A canteen budget is positive and at most ¥1,000 亿; a quota share is 0.01%..100%.
ALTER TABLE "CanteenBudget" ADD CONSTRAINT "CanteenBudget_budget_check" CHECK ("budgetFen" > 0 AND "budgetFen" <= 10000000000000);
ALTER TABLE "CanteenBudget" ADD CONSTRAINT "CanteenBudget_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "QuotaRate" ADD CONSTRAINT "QuotaRate_bps_check" CHECK ("bps" BETWEEN 1 AND 10000);
