-- Shipping lines settle to their seller: a SettlementEntry is of a goods line or of a shipping line.
-- AlterTable
ALTER TABLE "SettlementEntry" ADD COLUMN     "orderShippingId" TEXT,
ALTER COLUMN "orderLineId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "SettlementEntry_orderShippingId_idx" ON "SettlementEntry"("orderShippingId");

-- AddForeignKey
ALTER TABLE "SettlementEntry" ADD CONSTRAINT "SettlementEntry_orderShippingId_fkey" FOREIGN KEY ("orderShippingId") REFERENCES "OrderShipping"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: exactly one of the two.
ALTER TABLE "SettlementEntry" ADD CONSTRAINT "SettlementEntry_one_source_check"
  CHECK (num_nonnulls("orderLineId", "orderShippingId") = 1);
