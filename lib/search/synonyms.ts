// Search synonyms: groups of words that find each other (辣椒 ~ 线椒 ~ 椒). A query word that belongs
// to a group matches a product when any word of the group does. Groups are edited by admins
// (lib/search/actions.ts) and read, cached, by the storefront (lib/search/search.server.ts).
import { z } from "zod";
import { normalize, tokenize } from "./tokenize";

export const MAX_GROUP_WORDS = 12;
export const MAX_GROUPS = 500;

/** An admin's input: words separated by spaces, commas or 、; at least two distinct words. */
export const synonymGroupSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  words: z
    .string()
    .max(400)
    .transform((s) => tokenize(s.replace(/[、，,;；~～]/g, " ")).slice(0, MAX_GROUP_WORDS))
    .pipe(z.array(z.string()).min(2, "synonymsTooFew")),
});
export type SynonymGroupInput = z.input<typeof synonymGroupSchema>;

/** The alternatives of each query word: the word itself first, then the other words of its groups. */
export function expandWords(words: string[], groups: string[][]): string[][] {
  return words.map((word) => {
    const alternatives = new Set<string>([word]);
    for (const group of groups) {
      const normalised = group.map(normalize);
      if (normalised.includes(word)) for (const w of normalised) alternatives.add(w);
    }
    return [...alternatives];
  });
}
