-- What is left of a started allotment moves from CampaignProduct.stock to one or more rows
-- (CampaignShard), so batches of one hot product commit side by side (lib/campaigns/reserve.ts).

-- CreateTable
CREATE TABLE "CampaignShard" (
    "campaignProductId" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,

    CONSTRAINT "CampaignShard_pkey" PRIMARY KEY ("campaignProductId","shard")
);

-- AddForeignKey
ALTER TABLE "CampaignShard" ADD CONSTRAINT "CampaignShard_campaignProductId_fkey" FOREIGN KEY ("campaignProductId") REFERENCES "CampaignProduct"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the allotments of campaigns already started keep their units, as shard 0.
INSERT INTO "CampaignShard" ("campaignProductId", "shard", "stock")
SELECT cp."id", 0, cp."stock" FROM "CampaignProduct" cp JOIN "Campaign" c ON c."id" = cp."campaignId"
WHERE c."startedAt" IS NOT NULL;

-- Hand-written: a shard never goes below zero (the reservations' last guard), and its number is small.
ALTER TABLE "CampaignShard" ADD CONSTRAINT "CampaignShard_stock_nonnegative" CHECK ("stock" >= 0 AND "shard" >= 0 AND "shard" < 64);

-- The old range CHECK named the column; what remains of it.
ALTER TABLE "CampaignProduct" DROP CONSTRAINT "CampaignProduct_stock_range";
ALTER TABLE "CampaignProduct" ADD CONSTRAINT "CampaignProduct_taken_range" CHECK ("taken" >= 0 AND "taken" <= "allotment");

-- AlterTable
ALTER TABLE "CampaignProduct" DROP COLUMN "stock";
