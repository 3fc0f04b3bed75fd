// The storefront's queries against the real PostgreSQL with the demo seed loaded (./test seeds it).
import { describe, expect, it } from "vitest";
import { parseCatalogFilters } from "@/lib/catalog/filters";
import * as q from "@/lib/catalog/queries";
import { testDb } from "@/tests/support/db";

const filters = (query: string) => parseCatalogFilters(new URLSearchParams(query));

describe("listProducts", () => {
  it("finds Chinese words in any field: 辣椒 finds the 甘谷辣椒 products, 甘谷线椒干 (GI 甘谷辣椒, category chili) too, and no apples", async () => {
    // Every page of the results: other tests' chili products (their search columns written when a
    // seller or place they belong to is renamed) may fill the first.
    const first = await q.listProducts(testDb, filters("q=辣椒"));
    const rest = await Promise.all(
      Array.from({ length: first.pageCount - 1 }, (_, i) => q.listProducts(testDb, filters(`q=辣椒&page=${i + 2}`))),
    );
    const page = { items: [first, ...rest].flatMap((p) => p.items) };
    const listed = await testDb.product.findMany({
      where: { listed: true },
      select: { slug: true, nameZh: true, category: true, giMark: { select: { nameZh: true } } },
    });
    const byName = listed.filter((p) => p.nameZh.includes("辣椒")).map((p) => p.slug);
    expect(byName.length).toBeGreaterThan(2);
    const found = page.items.map((p) => p.slug);
    for (const slug of byName) expect(found).toContain(slug);
    const chiliish = new Set(listed.filter((p) => p.category === "CHILI" || p.giMark?.nameZh === "甘谷辣椒").map((p) => p.slug));
    expect(listed.filter((p) => p.nameZh.includes("线椒")).every((p) => found.includes(p.slug))).toBe(true);
    expect(page.items.every((p) => chiliish.has(p.slug) || /辣|椒/.test(p.nameZh) || /[辣椒]/.test(p.operator.nameZh))).toBe(true);
  });

  it("finds English names case-insensitively", async () => {
    const page = await q.listProducts(testDb, filters("q=YAK"));
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((p) => /yak/i.test(p.nameEn))).toBe(true);
  });

  it("treats SQL in a search as text", async () => {
    // Words are cut at punctuation and every word must match: the injected "OR" adds nothing.
    const page = await q.listProducts(testDb, filters(`q=${encodeURIComponent("zzqx' OR 'zzqx'='zzqx' --")}`));
    expect(page.total).toBe(0);
    expect(await testDb.product.count()).toBeGreaterThan(0);
  });

  it("filters by county, township and category together", async () => {
    const all = await q.listProducts(testDb, filters(""));
    const gangu = await q.listProducts(testDb, filters("county=620523"));
    const sunan = await q.listProducts(testDb, filters("county=620721"));
    expect(gangu.total + sunan.total).toBe(all.total);
    expect(gangu.items.every((p) => p.county.id === "620523")).toBe(true);

    const chili = await q.listProducts(testDb, filters("county=620523&category=CHILI"));
    expect(chili.total).toBeGreaterThan(0);
    expect(chili.total).toBeLessThan(gangu.total);
    const township = await testDb.product.findUniqueOrThrow({ where: { slug: "gangu-chili-dried-500g" }, select: { townshipId: true } });
    const inTownship = await q.listProducts(testDb, filters(`county=620523&township=${township.townshipId}`));
    const expected = await testDb.product.count({ where: { listed: true, townshipId: township.townshipId } });
    expect(inTownship.total).toBe(expected);
  });

  it("filters certified, in-stock, operator, GI mark and price range", async () => {
    const certified = await q.listProducts(testDb, filters("certified=1"));
    expect(certified.total).toBe(await testDb.product.count({ where: { listed: true, status: "CERTIFIED" } }));
    expect(certified.items.every((p) => p.certified)).toBe(true);

    const inStock = await q.listProducts(testDb, filters("instock=1"));
    expect(inStock.total).toBe(await testDb.product.count({ where: { listed: true, stock: { gt: 0 } } }));

    const byOperator = await q.listProducts(testDb, filters("operator=qilian-pastoral"));
    expect(byOperator.total).toBeGreaterThan(0);
    expect(byOperator.items.every((p) => p.operator.slug === "qilian-pastoral")).toBe(true);

    const byGi = await q.listProducts(testDb, filters("gi=gangu-apple"));
    expect(byGi.items.every((p) => p.giMark?.nameZh === "甘谷苹果")).toBe(true);

    const priced = await q.listProducts(testDb, filters("min=30&max=60"));
    expect(priced.items.every((p) => p.priceFen >= 3000 && p.priceFen <= 6000)).toBe(true);
  });

  it("sorts by price and pages through the results", async () => {
    // Sold-out products come last in every order; within the available ones, by price.
    const asc = await q.listProducts(testDb, filters("sort=price_asc"));
    const available = asc.items.filter((p) => p.stock > 0);
    expect(asc.items.slice(0, available.length)).toEqual(available);
    const prices = available.map((p) => p.priceFen);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await q.listProducts(testDb, filters("sort=price_desc"));
    const highest = await testDb.product.aggregate({ where: { listed: true, stock: { gt: 0 } }, _max: { priceFen: true } });
    expect(desc.items[0]?.priceFen).toBe(highest._max.priceFen);

    const total = await testDb.product.count({ where: { listed: true } });
    const first = await q.listProducts(testDb, filters("sort=price_asc"));
    expect(first.total).toBe(total);
    expect(first.pageCount).toBe(Math.ceil(total / 24));
    const last = await q.listProducts(testDb, filters(`sort=price_asc&page=${first.pageCount}`));
    expect(last.items.length).toBe(total - 24 * (first.pageCount - 1));
  });
});

describe("product, operator and county pages", () => {
  it("a product carries its origin path, GI mark and a benefit summary without names", async () => {
    const product = await q.getProductBySlug(testDb, "gangu-chili-dried-500g");
    expect(product).not.toBeNull();
    expect(product!.origin.map((r) => r.level)).toEqual(["PROVINCE", "CITY", "COUNTY", "TOWNSHIP", "VILLAGE"]);
    expect(product!.origin.slice(0, 3).map((r) => r.nameZh)).toEqual(["甘肃省", "天水市", "甘谷县"]);
    expect(product!.giMark?.nameZh).toBe("甘谷辣椒");
    expect(product!.benefits.households).toBeGreaterThan(0);
    expect(product!.benefits.people).toBeGreaterThanOrEqual(product!.benefits.households);

    const names = await testDb.household.findMany({ select: { headName: true }, take: 50 });
    const json = JSON.stringify(product);
    for (const { headName } of names) expect(json).not.toContain(headName);
  });

  it("an unknown or delisted product is not found", async () => {
    expect(await q.getProductBySlug(testDb, "no-such-product")).toBeNull();
    const delisted = await testDb.product.update({ where: { slug: "gangu-cabbage-10kg" }, data: { listed: false } });
    try {
      expect(await q.getProductBySlug(testDb, delisted.slug)).toBeNull();
      expect((await q.listProducts(testDb, filters("q=白菜"))).items.map((p) => p.slug)).not.toContain(delisted.slug);
    } finally {
      await testDb.product.update({ where: { id: delisted.id }, data: { listed: true } });
    }
  });

  it("operator and county pages count linked households from the links", async () => {
    const operator = await q.getOperatorBySlug(testDb, "dazhuang-chili-coop");
    const linked = await testDb.benefitLink.findMany({ where: { operator: { slug: "dazhuang-chili-coop" } }, distinct: ["householdId"] });
    expect(operator!.benefits.households).toBe(linked.length);
    expect(operator!.products.length).toBeGreaterThan(0);

    const county = await q.getCounty(testDb, "620523");
    expect(county!.nameZh).toBe("甘谷县");
    expect(county!.householdsLinked).toBeGreaterThan(0);
    expect(await q.getCounty(testDb, "620500")).toBeNull();
  });

  it("home counters are computed from the data", async () => {
    const stats = await q.getHomeStats(testDb);
    expect(stats.products).toBe(await testDb.product.count({ where: { listed: true } }));
    expect(stats.operators).toBe(await testDb.operator.count());
    expect(stats.householdsLinked).toBeGreaterThan(0);
    // Paid, not refunded net amounts of lines certified when sold (the demo data and earlier tests have orders).
    const sold = await testDb.orderLine.aggregate({
      where: { certifiedAtSale: true, order: { status: { in: ["PAID", "SHIPPED", "DELIVERED"] } } },
      _sum: { netFen: true, refundedFen: true },
    });
    expect(stats.assistanceSalesFen).toBe((sold._sum.netFen ?? 0) - (sold._sum.refundedFen ?? 0));
  });
});
