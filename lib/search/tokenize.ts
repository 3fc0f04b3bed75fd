// Search text: how a query is cut into words, and what a product stores to be found by them.
//
// A product keeps two columns, computed when it is saved (lib/search/index-product.ts), never per query:
//   searchText   every searchable text of the product, lower-cased and NFKC-normalised, one field per
//                segment separated by " | ", plus each Chinese field's pinyin written together
//                ("gangulajiao") and its initials ("ggl j"): served by a trigram index for words of three
//                or more characters (LIKE '%word%').
//   searchTokens the one- and two-character Chinese pieces of every Chinese field (unigrams and
//                bigrams): a GIN index on the array serves the short Chinese words ("椒", "辣椒") that a
//                trigram index cannot.
// A query word matches when, for it or one of its synonyms, the short form is in searchTokens or the
// long form is inside searchText. Every word must match (AND); see lib/search/sql.ts.
import { pinyin } from "pinyin-pro";

export const MAX_WORDS = 6;
export const MAX_WORD_LENGTH = 20;
const FIELD_SEPARATOR = " | ";

const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;

/** NFKC (full-width letters, digits and spaces become ordinary ones), lower case, collapsed spaces. */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The words of a query: split on spaces (full-width too), punctuation and symbols, Chinese or not;
 * duplicates dropped; at most MAX_WORDS words of at most MAX_WORD_LENGTH characters.
 */
export function tokenize(query: string): string[] {
  const words = normalize(query)
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => [...w].slice(0, MAX_WORD_LENGTH).join(""))
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/** A word that the token array serves: one or two Chinese characters. Longer words use searchText. */
export function isShortHan(word: string): boolean {
  return ALL_HAN.test(word) && [...word].length <= 2;
}

/** Unigrams and bigrams of each run of Chinese characters in a text. */
export function hanGrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of normalize(text).match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    chars.forEach((c, i) => {
      out.add(c);
      if (i + 1 < chars.length) out.add(c + chars[i + 1]);
    });
  }
  return [...out];
}

/** Full pinyin written together and the initials of a Chinese text: "甘谷辣椒" → ["gangulajiao", "ggl j"→"gglj"]. */
export function pinyinForms(text: string): { full: string; initials: string } | null {
  const han = (normalize(text).match(/\p{Script=Han}+/gu) ?? []).join("");
  if (!han) return null;
  const syllables = pinyin(han, { toneType: "none", type: "array", v: true }) as string[];
  return {
    full: syllables.join("").replace(/[^a-z]/g, ""),
    initials: syllables
      .map((s) => s[0] ?? "")
      .join("")
      .replace(/[^a-z]/g, ""),
  };
}

export interface SearchSource {
  nameZh: string;
  nameEn: string;
  /** Labels of the category in both languages (e.g. 辣椒, Chili). */
  category: { zh: string; en: string };
  giMark: { nameZh: string; nameEn: string } | null;
  operator: { nameZh: string; nameEn: string };
  /** County, township and village of origin. */
  places: { nameZh: string; nameEn: string }[];
}

export interface SearchColumns {
  searchText: string;
  searchTokens: string[];
}

/** The stored search columns of a product. Pure: the same product always gives the same columns. */
export function searchColumns(p: SearchSource): SearchColumns {
  const zh = [p.nameZh, p.category.zh, p.giMark?.nameZh ?? "", p.operator.nameZh, ...p.places.map((x) => x.nameZh)].filter(Boolean);
  const en = [p.nameEn, p.category.en, p.giMark?.nameEn ?? "", p.operator.nameEn, ...p.places.map((x) => x.nameEn)].filter(Boolean);
  const segments: string[] = [];
  for (const text of zh) {
    segments.push(normalize(text));
    const py = pinyinForms(text);
    if (py) segments.push(py.full, py.initials);
  }
  for (const text of en) segments.push(normalize(text));
  const tokens = new Set<string>();
  for (const text of zh) for (const gram of hanGrams(text)) tokens.add(gram);
  return { searchText: [...new Set(segments)].join(FIELD_SEPARATOR), searchTokens: [...tokens].sort() };
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}
