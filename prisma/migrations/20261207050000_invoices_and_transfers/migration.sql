-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('ORDINARY', 'SPECIAL');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('REQUESTED', 'ISSUED', 'NEEDS_REVERSAL', 'REVERSED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "transferReference" TEXT;

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'REQUESTED',
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "taxNo" TEXT,
    "regAddress" TEXT NOT NULL DEFAULT '',
    "regPhone" TEXT NOT NULL DEFAULT '',
    "bankName" TEXT NOT NULL DEFAULT '',
    "bankAccount" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "amountFen" INTEGER,
    "invoiceNo" TEXT,
    "fileKey" TEXT,
    "fileName" TEXT,
    "fileBytes" INTEGER,
    "downloadUrl" TEXT,
    "issuedAt" TIMESTAMP(3),
    "issuedById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "reversalDueAt" TIMESTAMP(3),
    "reversedAt" TIMESTAMP(3),
    "reversalNote" TEXT,
    "replacesId" TEXT,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_replacesId_key" ON "Invoice"("replacesId");

-- CreateIndex
CREATE INDEX "Invoice_orderId_idx" ON "Invoice"("orderId");

-- CreateIndex
CREATE INDEX "Invoice_operatorId_status_createdAt_idx" ON "Invoice"("operatorId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_transferReference_key" ON "Order"("transferReference");

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: one open invoice per order and seller (a second request while one is open is refused
-- by the database, whatever the code does); amounts never negative; a 专票 has its bank details.
CREATE UNIQUE INDEX "Invoice_one_open_per_part" ON "Invoice"("orderId", "operatorId")
  WHERE "status" IN ('REQUESTED', 'ISSUED', 'NEEDS_REVERSAL');
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_amount_nonnegative" CHECK ("amountFen" IS NULL OR "amountFen" >= 0);
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_special_has_bank" CHECK (
  "kind" <> 'SPECIAL' OR ("taxNo" IS NOT NULL AND "regAddress" <> '' AND "regPhone" <> '' AND "bankName" <> '' AND "bankAccount" <> ''));
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_issued_has_document" CHECK (
  "status" IN ('REQUESTED', 'CANCELLED') OR ("amountFen" IS NOT NULL AND ("fileKey" IS NOT NULL OR "downloadUrl" IS NOT NULL)));
-- The admin's transfer page lists orders awaiting a transfer.
CREATE INDEX "Order_awaiting_transfer" ON "Order"("reservedUntil") WHERE "paymentProvider" = 'transfer' AND "status" = 'PENDING_PAYMENT';
