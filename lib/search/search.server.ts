import "server-only";
// Search as the storefront uses it: synonyms and suggestions cached under the catalogue's tag, so
// an edit of a product or of the synonym table shows at once and nothing else hits the database.
import { unstable_cache } from "next/cache";
import { tags } from "@/lib/catalog/cache-tags";
import { db } from "@/lib/db/db.server";
import * as q from "./queries";
import { normalize } from "./tokenize";

export const getSynonymWords = unstable_cache(async () => (await q.listSynonymGroups(db)).map((g) => g.words), ["searchSynonyms"], {
  tags: [tags.catalog],
});

const cachedSuggestions = unstable_cache(
  async (query: string) => q.suggestProducts(db, query, await getSynonymWords()),
  ["searchSuggestions"],
  { tags: [tags.catalog], revalidate: 300 },
);

/** Suggestions for what was typed so far (normalised first, so 甘谷 and ＧＡＮＧＵ share a cache entry). */
export function suggestProducts(query: string) {
  return cachedSuggestions(normalize(query).slice(0, 40));
}
