-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CANCELLED');

-- AlterEnum


ALTER TYPE "StockReason" ADD VALUE 'CAMPAIGN_ALLOT';
ALTER TYPE "StockReason" ADD VALUE 'CAMPAIGN_RETURN';

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "maxPerOrder" INTEGER NOT NULL DEFAULT 20;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "StockMovement" ADD COLUMN     "campaignProductId" TEXT;

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "hostZh" TEXT NOT NULL,
    "hostEn" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "perBuyerLimit" INTEGER NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "createdById" TEXT NOT NULL,
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignProduct" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "allotment" INTEGER NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CampaignProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignBuyer" (
    "campaignId" TEXT NOT NULL,
    "buyerKey" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "cap" INTEGER NOT NULL,

    CONSTRAINT "CampaignBuyer_pkey" PRIMARY KEY ("campaignId","buyerKey")
);

-- CreateTable
CREATE TABLE "PaymentSessionRequest" (
    "orderId" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "locale" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "enqueuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "PaymentSessionRequest_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_slug_key" ON "Campaign"("slug");

-- CreateIndex
CREATE INDEX "Campaign_status_startsAt_idx" ON "Campaign"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Campaign_status_endsAt_idx" ON "Campaign"("status", "endsAt");

-- CreateIndex
CREATE INDEX "CampaignProduct_productId_idx" ON "CampaignProduct"("productId");

-- CreateIndex
CREATE INDEX "CampaignProduct_operatorId_idx" ON "CampaignProduct"("operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignProduct_campaignId_productId_key" ON "CampaignProduct"("campaignId", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentSessionRequest_seq_key" ON "PaymentSessionRequest"("seq");

-- CreateIndex
CREATE INDEX "PaymentSessionRequest_doneAt_seq_idx" ON "PaymentSessionRequest"("doneAt", "seq");

-- CreateIndex
CREATE INDEX "PaymentSessionRequest_claimedAt_idx" ON "PaymentSessionRequest"("claimedAt");

-- CreateIndex
CREATE INDEX "Order_campaignId_status_idx" ON "Order"("campaignId", "status");

-- CreateIndex
CREATE INDEX "Order_email_status_idx" ON "Order"("email", "status");

-- CreateIndex
CREATE INDEX "StockMovement_campaignProductId_idx" ON "StockMovement"("campaignProductId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_campaignProductId_fkey" FOREIGN KEY ("campaignProductId") REFERENCES "CampaignProduct"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignProduct" ADD CONSTRAINT "CampaignProduct_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignProduct" ADD CONSTRAINT "CampaignProduct_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignBuyer" ADD CONSTRAINT "CampaignBuyer_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentSessionRequest" ADD CONSTRAINT "PaymentSessionRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: the rules the database keeps whatever the code does.
-- Rule 8: a product's per-order limit is sane, a campaign's per-buyer limit too, and a buyer never
-- holds more units of a campaign than its cap (the per-buyer limit, copied when the row is made).
ALTER TABLE "Product" ADD CONSTRAINT "Product_maxPerOrder_range" CHECK ("maxPerOrder" BETWEEN 1 AND 999);
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_perBuyerLimit_range" CHECK ("perBuyerLimit" BETWEEN 1 AND 99);
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_window" CHECK ("endsAt" > "startsAt");
ALTER TABLE "CampaignBuyer" ADD CONSTRAINT "CampaignBuyer_within_cap" CHECK ("units" >= 0 AND "units" <= "cap");
-- Rule 3 for the allotment: never negative, never more than what was taken.
ALTER TABLE "CampaignProduct" ADD CONSTRAINT "CampaignProduct_stock_range" CHECK ("stock" >= 0 AND "stock" <= "taken" AND "taken" <= "allotment");
ALTER TABLE "CampaignProduct" ADD CONSTRAINT "CampaignProduct_price_positive" CHECK ("priceFen" > 0 AND "allotment" > 0);
-- The sweeper finds unpaid campaign orders by their short window like any other (Order_status_reservedUntil_idx).
-- The unpaid-order cap counts a guest's pending orders by address as well as by e-mail.
CREATE INDEX "Order_pending_address_idx" ON "Order" ("mobile", "district") WHERE "status" = 'PENDING_PAYMENT';
