-- CreateTable
CREATE TABLE "SavedAddress" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedAddress_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedAddress_userId_createdAt_idx" ON "SavedAddress"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "SavedAddress" ADD CONSTRAINT "SavedAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: at most one default address per user (lib/addresses keeps exactly one while the book is not empty).
CREATE UNIQUE INDEX "SavedAddress_one_default_per_user" ON "SavedAddress"("userId") WHERE "isDefault";
-- The same limits as the checkout's address (lib/orders/address.ts), as a last line of defence.
ALTER TABLE "SavedAddress" ADD CONSTRAINT "SavedAddress_lengths" CHECK (
  char_length("recipient") BETWEEN 1 AND 30 AND char_length("address") BETWEEN 4 AND 120 AND "mobile" ~ '^1[3-9][0-9]{9}$'
);
