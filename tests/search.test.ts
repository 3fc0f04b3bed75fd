// Search against the real PostgreSQL with the demo seed: words across fields, pinyin, synonyms,
// ranking, sold-out last, and the indexes that serve short Chinese words.
import { describe, expect, it } from "vitest";
import { parseCatalogFilters } from "@/lib/catalog/filters";
import * as q from "@/lib/catalog/queries";
import { categoryWords } from "@/lib/search/categories";
import { reindexProducts } from "@/lib/search/index-product";
import { renameRegion } from "@/lib/admin/regions";
import { updateOperatorDetails } from "@/lib/admin/operators";
import { actorOf } from "@/tests/support/personas";
import { listSynonymGroups, suggestProducts } from "@/lib/search/queries";
import { testDb } from "@/tests/support/db";
import { makeProduct } from "./support/shop";

const filters = (query: string) => parseCatalogFilters(new URLSearchParams(query));
const synonyms = async () => (await listSynonymGroups(testDb)).map((g) => g.words);
/** Every page of a search (other tests' products, once indexed, may fill the first), as one list. */
const search = async (query: string, extra = "") => {
  const words = await synonyms();
  const first = await q.listProducts(testDb, filters(`q=${encodeURIComponent(query)}${extra}`), words);
  const rest = await Promise.all(
    Array.from({ length: first.pageCount - 1 }, (_, i) =>
      q.listProducts(testDb, filters(`q=${encodeURIComponent(query)}${extra}&page=${i + 2}`), words),
    ),
  );
  return { ...first, items: [first, ...rest].flatMap((p) => p.items) };
};

async function ganguChili() {
  return testDb.product.findMany({
    // Seeded products (fixtures of other tests are made without their search columns).
    where: {
      listed: true,
      countyId: "620523",
      slug: { startsWith: "gangu-" },
      OR: [{ category: "CHILI" }, { giMark: { nameZh: "甘谷辣椒" } }],
    },
    select: { slug: true, nameZh: true },
  });
}

describe("search", () => {
  it("甘谷 辣椒 typed with a space (or a full-width one) finds the Gangu chili products, 甘谷线椒干 included", async () => {
    const expected = (await ganguChili()).map((p) => p.slug);
    expect(expected.length).toBeGreaterThan(2);
    for (const typed of ["甘谷 辣椒", "甘谷\u3000辣椒", "甘谷，辣椒"]) {
      const page = await search(typed);
      const found = page.items.map((p) => p.slug);
      for (const slug of expected) expect(found).toContain(slug);
      expect(page.items.every((p) => p.county.id === "620523")).toBe(true);
    }
  });

  it("finds by pinyin, full and initials", async () => {
    const expected = (await ganguChili()).map((p) => p.slug);
    const full = (await search("lajiao")).items.map((p) => p.slug);
    for (const slug of expected) expect(full).toContain(slug);
    const initials = (await search("gglj")).items.map((p) => p.slug);
    expect(initials.length).toBeGreaterThan(0);
    expect((await search("maoniu")).items.every((p) => p.county.id === "620721")).toBe(true);
  });

  it("every word must match", async () => {
    expect((await search("甘谷 牦牛")).total).toBe(0); // yak is from Sunan, not Gangu
    expect((await search("辣椒 zzqx")).total).toBe(0);
  });

  it("one-character words work, and synonyms widen a word", async () => {
    const one = await search("椒");
    expect(one.total).toBeGreaterThan(0);
    // 线椒 is in the seed's chili group: it finds what 辣椒 finds.
    const viaSynonym = (await search("辣子")).items.map((p) => p.slug).sort();
    const direct = (await search("辣椒")).items.map((p) => p.slug).sort();
    expect(viaSynonym).toEqual(direct);
  });

  it("ranks an exact name first, and sold-out products last in every order", async () => {
    const product = await testDb.product.findFirstOrThrow({
      where: { listed: true, stock: { gt: 0 }, countyId: "620523", category: "CHILI", slug: { startsWith: "gangu-" } },
    });
    const page = await search(product.nameZh);
    expect(page.items[0]?.slug).toBe(product.slug);

    const soldOut = await makeProduct("dazhuang-chili-coop", { stock: 0 });
    await reindexProducts(testDb, [soldOut.id]);
    for (const sort of ["", "&sort=newest", "&sort=price_asc", "&sort=price_desc", "&sort=bestselling"]) {
      const all = await search("甘谷", sort);
      const firstSoldOut = all.items.findIndex((p) => p.stock === 0);
      if (firstSoldOut >= 0) expect(all.items.slice(firstSoldOut).every((p) => p.stock === 0)).toBe(true);
    }
  });

  it("keeps the search columns when a product is saved, and finds a new product by its seller", async () => {
    const p = await makeProduct("dazhuang-chili-coop", { stock: 5 });
    await reindexProducts(testDb, [p.id]);
    const row = await testDb.product.findUniqueOrThrow({ where: { id: p.id }, include: { operator: true } });
    expect(row.searchText).toContain(row.operator.nameZh.toLowerCase());
    expect(row.searchText).toContain(categoryWords(row.category).zh);
    expect((await search(row.operator.nameZh)).items.map((x) => x.slug)).toContain(row.slug);
    expect(await reindexProducts(testDb, [p.id])).toBe(0); // nothing changed: nothing written
  });

  it("finds products by their seller's and their village's new names as soon as they are renamed", async () => {
    const p = await makeProduct("dazhuang-chili-coop", { stock: 5 });
    await reindexProducts(testDb, [p.id]);
    const admin = (await actorOf("admin"))!;
    const op = await testDb.operator.findUniqueOrThrow({ where: { id: p.operatorId } });
    const tag = op.slug.slice(-8);
    await updateOperatorDetails(testDb, admin, op.id, {
      nameZh: `改名合作社${tag}`,
      nameEn: `Renamed coop ${tag}`,
      kind: op.kind,
      creditCode: op.creditCode,
      legalRep: op.legalRep,
      mobile: op.mobile,
    });
    expect((await search(`改名合作社${tag}`)).items.map((x) => x.id)).toEqual([p.id]);
    expect((await search(`renamed coop ${tag}`)).items.map((x) => x.id)).toEqual([p.id]);
    // A village renamed (and back: the demo village is shared with other tests).
    const village = await testDb.region.findUniqueOrThrow({ where: { id: p.villageId } });
    await renameRegion(testDb, admin, { regionId: village.id, nameZh: `新名村${tag}`, nameEn: village.nameEn });
    try {
      expect((await search(`新名村${tag} 改名合作社${tag}`)).items.map((x) => x.id)).toEqual([p.id]);
    } finally {
      await renameRegion(testDb, admin, { regionId: village.id, nameZh: village.nameZh, nameEn: village.nameEn });
    }
  });

  it("suggests at most eight products", async () => {
    const s = await suggestProducts(testDb, "甘谷", await synonyms());
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThanOrEqual(8);
    expect(await suggestProducts(testDb, "  ", [])).toEqual([]);
  });

  it("serves short Chinese words from the token index and longer words from the trigram index", async () => {
    await testDb.$executeRawUnsafe("SET enable_seqscan = off");
    try {
      const plan = async (sql: string, ...params: unknown[]) =>
        (await testDb.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...params)).map((r) => r["QUERY PLAN"]).join("\n");
      expect(await plan(`SELECT id FROM "Product" WHERE "searchTokens" @> ARRAY[$1]::text[]`, "椒")).toMatch(/Product_searchTokens_idx/);
      expect(await plan(`SELECT id FROM "Product" WHERE "searchText" LIKE $1`, "%lajiao%")).toMatch(/Product_searchText_trgm_idx/);
    } finally {
      await testDb.$executeRawUnsafe("SET enable_seqscan = on");
    }
  });
});
