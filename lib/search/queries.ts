// Search's reads and writes that take the database client (tests and seed call them directly;
// pages and routes use the cached versions in ./search.server.ts).
import type { Db } from "@/lib/db/client";
import { searchCondition, searchScore } from "./sql";
import { expandWords } from "./synonyms";
import { normalize, tokenize } from "./tokenize";

export interface SynonymGroup {
  id: string;
  words: string[];
}

export async function listSynonymGroups(db: Pick<Db, "searchSynonym">): Promise<SynonymGroup[]> {
  const rows = await db.searchSynonym.findMany({ orderBy: { createdAt: "asc" }, take: 500, select: { id: true, words: true } });
  return rows;
}

export interface Suggestion {
  slug: string;
  nameZh: string;
  nameEn: string;
}

export const SUGGESTION_LIMIT = 8;

/** Up to eight listed products for the header's search box, best match first, sold-out last. */
export async function suggestProducts(db: Pick<Db, "$queryRaw">, query: string, synonyms: string[][]): Promise<Suggestion[]> {
  const words = tokenize(query);
  if (!words.length) return [];
  const alternatives = expandWords(words, synonyms);
  return db.$queryRaw<Suggestion[]>`
    SELECT p.slug, p."nameZh", p."nameEn"
    FROM "Product" p
    WHERE p.listed AND ${searchCondition("p", alternatives)}
    ORDER BY (p.stock > 0) DESC, ${searchScore("p", [normalize(query), words.join(" "), words.join("")], alternatives)} DESC,
             p."soldCount" DESC, p.id ASC
    LIMIT ${SUGGESTION_LIMIT}`;
}
