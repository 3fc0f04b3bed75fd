// Keeps a product's search columns (lib/search/tokenize.ts) in step with what it is found by:
// called after a product is created or edited, after a seller or a place is renamed
// (reindexProductsOf, in the rename's transaction), and for every product by the seed and by
// `npm run search:reindex`.
import type { Db } from "@/lib/db/client";
import type { CategoryName } from "@/lib/catalog/filters";
import { categoryWords } from "./categories";
import { searchColumns } from "./tokenize";

type Reader = Pick<Db, "product" | "region" | "$executeRaw">;

const source = {
  id: true,
  nameZh: true,
  nameEn: true,
  category: true,
  countyId: true,
  townshipId: true,
  villageId: true,
  searchText: true,
  giMark: { select: { nameZh: true, nameEn: true } },
  operator: { select: { nameZh: true, nameEn: true } },
} as const;

/** Recomputes the search columns of every product of a seller, of a place (at any level) or of a GI mark. */
export async function reindexProductsOf(
  db: Reader,
  of: { operatorId: string } | { regionId: string } | { giMarkId: string },
): Promise<number> {
  const where =
    "operatorId" in of
      ? { operatorId: of.operatorId }
      : "giMarkId" in of
        ? { giMarkId: of.giMarkId }
        : { OR: [{ countyId: of.regionId }, { townshipId: of.regionId }, { villageId: of.regionId }] };
  const ids = (await db.product.findMany({ where, select: { id: true } })).map((p) => p.id);
  return ids.length ? reindexProducts(db, ids) : 0;
}

/** Recomputes the search columns of the given products (all when `ids` is omitted); returns how many changed. */
export async function reindexProducts(db: Reader, ids?: string[]): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.product.findMany({
      where: ids ? { id: { in: ids } } : {},
      select: source,
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (!batch.length) break;
    const regionIds = [...new Set(batch.flatMap((p) => [p.countyId, p.townshipId, p.villageId]))];
    const regions = new Map(
      (await db.region.findMany({ where: { id: { in: regionIds } }, select: { id: true, nameZh: true, nameEn: true } })).map((r) => [
        r.id,
        r,
      ]),
    );
    for (const p of batch) {
      const columns = searchColumns({
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        category: categoryWords(p.category as CategoryName),
        giMark: p.giMark,
        operator: p.operator,
        places: [p.countyId, p.townshipId, p.villageId].map((id) => regions.get(id)).filter((r) => r !== undefined),
      });
      if (columns.searchText === p.searchText) continue;
      // Not through product.update: the search columns are derived, and must not touch updatedAt.
      await db.$executeRaw`UPDATE "Product" SET "searchText" = ${columns.searchText}, "searchTokens" = ${columns.searchTokens} WHERE id = ${p.id}`;
      changed++;
    }
    cursor = batch[batch.length - 1]!.id;
    if (batch.length < 500) break;
  }
  return changed;
}
