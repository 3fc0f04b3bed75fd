-- CreateEnum
CREATE TYPE "AfterSaleReason" AS ENUM ('DAMAGED', 'WRONG_ITEM', 'MISSING', 'QUALITY', 'OTHER');

-- CreateEnum
CREATE TYPE "AfterSaleStatus" AS ENUM ('OPEN', 'PARTIAL', 'REFUSED', 'ESCALATED', 'ACCEPTED', 'REJECTED');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "noReasonReturn" BOOLEAN;

-- CreateTable
CREATE TABLE "AfterSaleRequest" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "orderLineId" TEXT,
    "userId" TEXT,
    "reason" "AfterSaleReason" NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "askedFen" INTEGER NOT NULL,
    "offeredFen" INTEGER,
    "refundedFen" INTEGER,
    "returnGoods" BOOLEAN NOT NULL DEFAULT false,
    "photos" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "AfterSaleStatus" NOT NULL DEFAULT 'OPEN',
    "sellerNote" TEXT,
    "adminNote" TEXT,
    "refundId" TEXT,
    "answerBy" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AfterSaleRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AfterSaleRequest_refundId_key" ON "AfterSaleRequest"("refundId");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_operatorId_status_idx" ON "AfterSaleRequest"("operatorId", "status");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_orderId_idx" ON "AfterSaleRequest"("orderId");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_status_answerBy_idx" ON "AfterSaleRequest"("status", "answerBy");

-- AddForeignKey
ALTER TABLE "AfterSaleRequest" ADD CONSTRAINT "AfterSaleRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSaleRequest" ADD CONSTRAINT "AfterSaleRequest_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSaleRequest" ADD CONSTRAINT "AfterSaleRequest_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: amounts are fen, never negative; an offer and a refund never above what was asked;
-- a whole part has no line; notes are short. One active request per line (or per seller's part)
-- is enforced under the order's row lock (lib/after-sales/requests.ts).
ALTER TABLE "AfterSaleRequest"
  ADD CONSTRAINT "AfterSaleRequest_asked_check" CHECK ("askedFen" > 0),
  ADD CONSTRAINT "AfterSaleRequest_offered_check" CHECK ("offeredFen" IS NULL OR ("offeredFen" > 0 AND "offeredFen" <= "askedFen")),
  ADD CONSTRAINT "AfterSaleRequest_refunded_check" CHECK ("refundedFen" IS NULL OR ("refundedFen" > 0 AND "refundedFen" <= "askedFen")),
  ADD CONSTRAINT "AfterSaleRequest_photos_check" CHECK (cardinality("photos") <= 6),
  ADD CONSTRAINT "AfterSaleRequest_detail_check" CHECK (char_length("detail") <= 500);
