-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "reviewCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reviewStars" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "TraceCode" (
    "code" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "batchDate" DATE,
    "scans" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TraceCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "photos" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reply" TEXT,
    "repliedAt" TIMESTAMP(3),
    "repliedById" TEXT,
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,
    "hiddenReason" TEXT,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactShare" (
    "token" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImpactShare_pkey" PRIMARY KEY ("token")
);

-- CreateIndex
CREATE UNIQUE INDEX "TraceCode_shipmentId_key" ON "TraceCode"("shipmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_orderLineId_key" ON "Review"("orderLineId");

-- CreateIndex
CREATE INDEX "Review_productId_createdAt_idx" ON "Review"("productId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_operatorId_createdAt_idx" ON "Review"("operatorId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_userId_idx" ON "Review"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ImpactShare_orderId_key" ON "ImpactShare"("orderId");

-- AddForeignKey
ALTER TABLE "TraceCode" ADD CONSTRAINT "TraceCode_shipmentId_fkey" FOREIGN KEY ("shipmentId") REFERENCES "Shipment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactShare" ADD CONSTRAINT "ImpactShare_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ---- Hand-written --------------------------------------------------------------------------------

-- Trace codes are 16 base64url characters (12 random bytes, lib/trace/code.ts).
ALTER TABLE "TraceCode" ADD CONSTRAINT "TraceCode_code_shape" CHECK ("code" ~ '^[A-Za-z0-9_-]{16}$');
ALTER TABLE "TraceCode" ADD CONSTRAINT "TraceCode_scans_nonnegative" CHECK ("scans" >= 0);
ALTER TABLE "ImpactShare" ADD CONSTRAINT "ImpactShare_token_shape" CHECK ("token" ~ '^[A-Za-z0-9_-]{16}$');

-- Every shipment already shipped gets its code now: 12 bytes from two gen_random_uuid() (6 fully
-- random bytes of each: the version and variant bits sit in bytes 7 to 9), base64 made URL-safe.
INSERT INTO "TraceCode" ("code", "shipmentId")
SELECT translate(encode(decode(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12) || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12), 'hex'), 'base64'), '+/', '-_'),
       s."id"
  FROM "Shipment" s
 WHERE s."shippedAt" IS NOT NULL;

-- Reviews: stars 1..5, text and reply of bounded length (lib/reviews/rules.ts says the same).
ALTER TABLE "Review" ADD CONSTRAINT "Review_stars_range" CHECK ("stars" BETWEEN 1 AND 5);
ALTER TABLE "Review" ADD CONSTRAINT "Review_body_length" CHECK (char_length("body") <= 500);
ALTER TABLE "Review" ADD CONSTRAINT "Review_reply_length" CHECK ("reply" IS NULL OR char_length("reply") <= 500);
ALTER TABLE "Review" ADD CONSTRAINT "Review_photos_count" CHECK (cardinality("photos") <= 4);
ALTER TABLE "Product" ADD CONSTRAINT "Product_review_figures" CHECK ("reviewCount" >= 0 AND "reviewStars" >= 0 AND "reviewStars" <= 5 * "reviewCount");

-- Nobody edits a review: what the buyer wrote stays as written; a reply is written once; a hidden
-- review stays hidden. Only reply (once) and hiding (once) may change a row, and rows are never deleted.
CREATE FUNCTION review_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'reviews are never deleted (hide them)';
  END IF;
  IF NEW."orderLineId" IS DISTINCT FROM OLD."orderLineId" OR NEW."productId" IS DISTINCT FROM OLD."productId"
     OR NEW."operatorId" IS DISTINCT FROM OLD."operatorId" OR NEW."userId" IS DISTINCT FROM OLD."userId"
     OR NEW."stars" IS DISTINCT FROM OLD."stars" OR NEW."body" IS DISTINCT FROM OLD."body"
     OR NEW."photos" IS DISTINCT FROM OLD."photos" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'a review is not edited';
  END IF;
  IF OLD."reply" IS NOT NULL AND (NEW."reply" IS DISTINCT FROM OLD."reply" OR NEW."repliedAt" IS DISTINCT FROM OLD."repliedAt"
     OR NEW."repliedById" IS DISTINCT FROM OLD."repliedById") THEN
    RAISE EXCEPTION 'a review is replied to once';
  END IF;
  IF OLD."hiddenAt" IS NOT NULL AND (NEW."hiddenAt" IS DISTINCT FROM OLD."hiddenAt" OR NEW."hiddenById" IS DISTINCT FROM OLD."hiddenById"
     OR NEW."hiddenReason" IS DISTINCT FROM OLD."hiddenReason") THEN
    RAISE EXCEPTION 'a hidden review stays hidden';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER review_guard BEFORE UPDATE OR DELETE ON "Review" FOR EACH ROW EXECUTE FUNCTION review_guard();

-- The product page's list: visible reviews of a product, newest first.
CREATE INDEX "Review_visible_idx" ON "Review" ("productId", "createdAt" DESC, "id" DESC) WHERE "hiddenAt" IS NULL;
