-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('APPLIED', 'RECOMMENDED', 'RETURNED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ApplicationDocumentKind" AS ENUM ('BUSINESS_LICENCE', 'FOOD_LICENCE');

-- AlterTable
ALTER TABLE "Operator" ADD COLUMN     "legalRep" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "mobile" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "suspendedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OperatorGiMark" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "evidenceUrl" TEXT,
ADD COLUMN     "validUntil" DATE;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "heldBySuspension" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SettlementPayout" (
    "id" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "periodMonth" TEXT NOT NULL,
    "salesFen" INTEGER NOT NULL,
    "refundsFen" INTEGER NOT NULL,
    "feeBps" INTEGER NOT NULL,
    "feeFen" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "paidOn" DATE NOT NULL,
    "bankReference" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SettlementPayout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SettlementPayoutEntry" (
    "entryId" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,

    CONSTRAINT "SettlementPayoutEntry_pkey" PRIMARY KEY ("entryId")
);

-- CreateTable
CREATE TABLE "OperatorApplication" (
    "id" TEXT NOT NULL,
    "applicantId" TEXT NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'APPLIED',
    "kind" "OperatorKind" NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL DEFAULT '',
    "creditCode" TEXT NOT NULL,
    "legalRep" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "giMarkIds" TEXT[],
    "benefitMechanism" TEXT NOT NULL,
    "reason" TEXT,
    "operatorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "OperatorApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationDocument" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "kind" "ApplicationDocumentKind" NOT NULL,
    "url" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SettlementPayout_operatorId_createdAt_idx" ON "SettlementPayout"("operatorId", "createdAt");

-- CreateIndex
CREATE INDEX "SettlementPayoutEntry_payoutId_idx" ON "SettlementPayoutEntry"("payoutId");

-- CreateIndex
CREATE UNIQUE INDEX "OperatorApplication_operatorId_key" ON "OperatorApplication"("operatorId");

-- CreateIndex
CREATE INDEX "OperatorApplication_countyId_status_idx" ON "OperatorApplication"("countyId", "status");

-- CreateIndex
CREATE INDEX "OperatorApplication_applicantId_idx" ON "OperatorApplication"("applicantId");

-- CreateIndex
CREATE INDEX "OperatorApplication_status_idx" ON "OperatorApplication"("status");

-- CreateIndex
CREATE INDEX "ApplicationDocument_applicationId_idx" ON "ApplicationDocument"("applicationId");

-- AddForeignKey
ALTER TABLE "SettlementPayout" ADD CONSTRAINT "SettlementPayout_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettlementPayout" ADD CONSTRAINT "SettlementPayout_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettlementPayoutEntry" ADD CONSTRAINT "SettlementPayoutEntry_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SettlementEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettlementPayoutEntry" ADD CONSTRAINT "SettlementPayoutEntry_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "SettlementPayout"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorApplication" ADD CONSTRAINT "OperatorApplication_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorApplication" ADD CONSTRAINT "OperatorApplication_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorApplication" ADD CONSTRAINT "OperatorApplication_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorApplication" ADD CONSTRAINT "OperatorApplication_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationDocument" ADD CONSTRAINT "ApplicationDocument_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "OperatorApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written --------------------------------------------------------------------------------

-- One open application per credit code (an applicant resubmits the same row after a return);
-- an approved one's code is the operator's, which Operator.creditCode keeps unique.
CREATE UNIQUE INDEX "OperatorApplication_open_creditCode_key" ON "OperatorApplication"("creditCode")
  WHERE "status" IN ('APPLIED', 'RECOMMENDED', 'RETURNED');

-- Payouts are a ledger: recorded once, never changed or removed (like SettlementEntry).
CREATE FUNCTION settlement_payout_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only (%)', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER "SettlementPayout_append_only" BEFORE UPDATE OR DELETE ON "SettlementPayout"
  FOR EACH ROW EXECUTE FUNCTION settlement_payout_is_append_only();
CREATE TRIGGER "SettlementPayoutEntry_append_only" BEFORE UPDATE OR DELETE ON "SettlementPayoutEntry"
  FOR EACH ROW EXECUTE FUNCTION settlement_payout_is_append_only();

ALTER TABLE "SettlementPayout" ADD CONSTRAINT "SettlementPayout_amounts_check"
  CHECK ("salesFen" >= 0 AND "refundsFen" <= 0 AND "feeFen" >= 0 AND "amountFen" > 0
         AND "amountFen" = "salesFen" + "refundsFen" - "feeFen");
