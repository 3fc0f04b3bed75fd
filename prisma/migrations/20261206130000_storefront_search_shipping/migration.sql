-- Search columns (lib/search), food information, cold chain, shipping rules and shipping lines (lib/shipping-fees).
-- Generated with prisma migrate diff; hand-written parts at the end.

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "coldChain" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ingredientsEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "ingredientsZh" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "netContentEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "netContentZh" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "scLicence" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchTokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "shelfLifeEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "shelfLifeZh" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "storageEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "storageZh" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "shippingFen" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Refund" ADD COLUMN     "shippingFen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shippingOperatorId" TEXT;

-- CreateTable
CREATE TABLE "ShippingRule" (
    "operatorId" TEXT NOT NULL,
    "flatFen" INTEGER NOT NULL DEFAULT 0,
    "freeAboveFen" INTEGER,
    "coldChainFen" INTEGER NOT NULL DEFAULT 0,
    "provinces" JSONB NOT NULL DEFAULT '[]',
    "dispatchDays" INTEGER NOT NULL DEFAULT 2,
    "shipFromZh" TEXT NOT NULL DEFAULT '',
    "shipFromEn" TEXT NOT NULL DEFAULT '',
    "afterSalesZh" TEXT NOT NULL DEFAULT '',
    "afterSalesEn" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingRule_pkey" PRIMARY KEY ("operatorId")
);

-- CreateTable
CREATE TABLE "SearchSynonym" (
    "id" TEXT NOT NULL,
    "words" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SearchSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderShipping" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "feeFen" INTEGER NOT NULL,
    "refundedFen" INTEGER NOT NULL DEFAULT 0,
    "coldChain" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "OrderShipping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderShipping_operatorId_idx" ON "OrderShipping"("operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "OrderShipping_orderId_operatorId_key" ON "OrderShipping"("orderId", "operatorId");

-- CreateIndex
CREATE INDEX "Product_searchTokens_idx" ON "Product" USING GIN ("searchTokens");

-- AddForeignKey
ALTER TABLE "ShippingRule" ADD CONSTRAINT "ShippingRule_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderShipping" ADD CONSTRAINT "OrderShipping_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderShipping" ADD CONSTRAINT "OrderShipping_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written ---------------------------------------------------------------------------------

-- Words of three or more characters: LIKE '%word%' on searchText through a trigram index.
-- (One- and two-character Chinese words use the GIN index on searchTokens above.)
CREATE INDEX "Product_searchText_trgm_idx" ON "Product" USING gin ("searchText" gin_trgm_ops);

-- Money is never negative; a shipping line is never refunded beyond what was paid.
ALTER TABLE "ShippingRule" ADD CONSTRAINT "ShippingRule_fees_check"
  CHECK ("flatFen" >= 0 AND "coldChainFen" >= 0 AND ("freeAboveFen" IS NULL OR "freeAboveFen" >= 0) AND "dispatchDays" BETWEEN 0 AND 60);
ALTER TABLE "OrderShipping" ADD CONSTRAINT "OrderShipping_refund_check"
  CHECK ("feeFen" >= 0 AND "refundedFen" >= 0 AND "refundedFen" <= "feeFen");
ALTER TABLE "Order" ADD CONSTRAINT "Order_shippingFen_check" CHECK ("shippingFen" >= 0 AND "shippingFen" <= "totalFen");
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_shippingFen_check" CHECK ("shippingFen" >= 0 AND "shippingFen" <= "amountFen");
