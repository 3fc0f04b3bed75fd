// The SQL of a search: each query word (with its synonyms) must match the product (AND of ORs),
// and a relevance score to rank by. Words are bound as parameters, never spliced into the SQL.
//   short Chinese words (1–2 characters):  "searchTokens" @> ARRAY[word]   (GIN index on the array)
//   anything else:                         "searchText" LIKE '%word%'      (trigram index)
import { Prisma } from "@/lib/generated/prisma/client";
import { isShortHan } from "./tokenize";

const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function wordMatches(alias: string, word: string): Prisma.Sql {
  return isShortHan(word)
    ? Prisma.sql`${Prisma.raw(alias)}."searchTokens" @> ARRAY[${word}]::text[]`
    : Prisma.sql`${Prisma.raw(alias)}."searchText" LIKE ${likePattern(word)}`;
}

function nameMatches(alias: string, word: string): Prisma.Sql {
  const pattern = likePattern(word);
  return Prisma.sql`(lower(${Prisma.raw(alias)}."nameZh") LIKE ${pattern} OR lower(${Prisma.raw(alias)}."nameEn") LIKE ${pattern})`;
}

/** Every word matches (through one of its alternatives). `alternatives[i]` are word i and its synonyms. */
export function searchCondition(alias: string, alternatives: string[][]): Prisma.Sql {
  if (!alternatives.length) return Prisma.sql`TRUE`;
  return Prisma.join(
    alternatives.map(
      (alts) =>
        Prisma.sql`(${Prisma.join(
          alts.map((w) => wordMatches(alias, w)),
          " OR ",
        )})`,
    ),
    " AND ",
  );
}

/**
 * The rank of a match, highest first: 100 when the whole query is the product's name, then per word
 * 3 when the word itself is in the name, 2 when a synonym is, 1 when it matched elsewhere
 * (GI mark, category, seller, place, pinyin).
 */
export function searchScore(alias: string, exactForms: string[], alternatives: string[][]): Prisma.Sql {
  const forms = [...new Set(exactForms)];
  const exact = Prisma.sql`CASE WHEN lower(${Prisma.raw(alias)}."nameZh") IN (${Prisma.join(forms)}) OR lower(${Prisma.raw(alias)}."nameEn") IN (${Prisma.join(forms)}) THEN 100 ELSE 0 END`;
  const words = alternatives.map(([word, ...synonyms]) => {
    const synonym = synonyms.length
      ? Prisma.sql`WHEN ${Prisma.join(
          synonyms.map((w) => nameMatches(alias, w)),
          " OR ",
        )} THEN 2`
      : Prisma.empty;
    return Prisma.sql`CASE WHEN ${nameMatches(alias, word!)} THEN 3 ${synonym} ELSE 1 END`;
  });
  return Prisma.join([exact, ...words], " + ");
}
