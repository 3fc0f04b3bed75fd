// Data loaders (seed, volume generator, migrations) write stock figures directly; this gives
// every product whose figure its movements do not explain one movement that does: INITIAL for
// a product with none, CORRECTION for the difference otherwise. Afterwards, for every product,
// stock = SUM(delta) of its StockMovement rows.
import type { Db } from "@/lib/db/client";

export async function explainLoadedStock(db: Db, note = "data load"): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "StockMovement" ("id", "productId", "delta", "stockAfter", "reason", "note", "createdAt")
    SELECT 'load-' || p."id" || '-' || (COALESCE(m.n, 0) + 1)::text, p."id", p."stock" - COALESCE(m.total, 0), p."stock",
           (CASE WHEN m.n IS NULL THEN 'INITIAL' ELSE 'CORRECTION' END)::"StockReason", ${note}, now()
    FROM "Product" p
    LEFT JOIN (SELECT "productId", SUM("delta") AS total, COUNT(*) AS n FROM "StockMovement" GROUP BY "productId") m
      ON m."productId" = p."id"
    WHERE m.n IS NULL OR m.total <> p."stock"`;
}
