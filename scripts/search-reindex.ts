// `npm run search:reindex`: recomputes every product's search columns (lib/search), e.g. after a
// seller, GI mark or place was renamed (a product's own edits reindex it on save).
import { createPrismaClient } from "@/lib/db/client";
import { reindexProducts } from "@/lib/search/index-product";

const db = createPrismaClient();
try {
  console.log(`search columns updated for ${await reindexProducts(db)} products`);
} finally {
  await db.$disconnect();
}
