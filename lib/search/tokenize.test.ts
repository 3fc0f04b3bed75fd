import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandWords, synonymGroupSchema } from "./synonyms";
import { hanGrams, isShortHan, normalize, pinyinForms, searchColumns, tokenize } from "./tokenize";

describe("tokenize", () => {
  it("splits on spaces, full-width spaces and punctuation", () => {
    expect(tokenize("甘谷 辣椒")).toEqual(["甘谷", "辣椒"]);
    expect(tokenize("甘谷\u3000辣椒")).toEqual(["甘谷", "辣椒"]);
    expect(tokenize("甘谷，辣椒。线椒!")).toEqual(["甘谷", "辣椒", "线椒"]);
    expect(tokenize("  Gangu-Chili  ")).toEqual(["gangu", "chili"]);
    expect(tokenize("ＧＡＮＧＵ　ｌａｊｉａｏ")).toEqual(["gangu", "lajiao"]);
    expect(tokenize("%_\\")).toEqual([]);
  });
  it("drops repeats and keeps at most six words", () => {
    expect(tokenize("a a b")).toEqual(["a", "b"]);
    expect(tokenize("1 2 3 4 5 6 7 8")).toHaveLength(6);
  });
  it("never yields an empty word or one with a separator (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        for (const w of tokenize(s)) {
          expect(w.length).toBeGreaterThan(0);
          expect(/[\s\p{P}\p{S}]/u.test(w)).toBe(false);
          expect(w).toBe(normalize(w));
        }
      }),
    );
  });
  it("knows the words the token array serves", () => {
    expect(isShortHan("椒")).toBe(true);
    expect(isShortHan("辣椒")).toBe(true);
    expect(isShortHan("甘谷辣椒")).toBe(false);
    expect(isShortHan("la")).toBe(false);
  });
});

describe("pinyin", () => {
  it("gives full pinyin and initials", () => {
    expect(pinyinForms("甘谷辣椒")).toEqual({ full: "gangulajiao", initials: "gglj" });
    expect(pinyinForms("辣椒干")).toEqual({ full: "lajiaogan", initials: "ljg" });
    expect(pinyinForms("Gangu")).toBeNull();
  });
});

describe("searchColumns", () => {
  const product = {
    nameZh: "甘谷线椒干",
    nameEn: "Gangu dried thread chili",
    category: { zh: "辣椒", en: "Chili" },
    giMark: { nameZh: "甘谷辣椒", nameEn: "Gangu Chili" },
    operator: { nameZh: "甘谷县磐安镇辣椒专业合作社", nameEn: "Pan'an Chili Cooperative" },
    places: [
      { nameZh: "甘谷县", nameEn: "Gangu County" },
      { nameZh: "磐安镇", nameEn: "Pan'an Town" },
    ],
  };
  const cols = searchColumns(product);
  it("lets every field be found: name, GI, category, seller, places, pinyin", () => {
    for (const word of ["甘谷线椒干", "甘谷辣椒", "磐安镇", "lajiao", "gangu", "ganguxianjiaogan", "chili", "pan'an"]) {
      expect(cols.searchText).toContain(word);
    }
    for (const word of ["椒", "辣椒", "线椒", "甘谷", "磐"]) expect(cols.searchTokens).toContain(word);
  });
  it("does not join pieces across fields", () => {
    expect(cols.searchTokens).not.toContain("干辣"); // 线椒干 | 辣椒
    expect(cols.searchText).not.toContain("gan辣");
  });
  it("has unigrams and bigrams only", () => {
    expect(hanGrams("甘谷辣椒").sort()).toEqual(["甘", "甘谷", "谷", "谷辣", "辣", "辣椒", "椒"].sort());
  });
});

describe("synonyms", () => {
  it("expands a word to its group, the word first", () => {
    expect(expandWords(["辣椒", "甘谷"], [["线椒", "辣椒", "辣子"]])).toEqual([["辣椒", "线椒", "辣子"], ["甘谷"]]);
  });
  it("reads an admin's group: separators of both languages, two words at least", () => {
    expect(synonymGroupSchema.parse({ words: "辣椒、线椒，辣子 ~ chili" }).words).toEqual(["辣椒", "线椒", "辣子", "chili"]);
    expect(synonymGroupSchema.safeParse({ words: "辣椒" }).success).toBe(false);
  });
});
