import { describe, expect, it } from "vitest";
import { catalogHref, catalogKey, catalogQueryString, filtersFromCatalogKey, parseCatalogFilters } from "./filters";

const parse = (query: string) => parseCatalogFilters(new URLSearchParams(query));

describe("parseCatalogFilters", () => {
  it("reads every filter from the URL", () => {
    const f = parse(
      "q=辣椒&county=620523&township=620523100&category=CHILI&operator=dazhuang-chili&gi=gangu-chili&certified=1&instock=1&min=10&max=99.5&sort=price_asc&page=3",
    );
    expect(f).toEqual({
      q: "辣椒",
      county: "620523",
      township: "620523100",
      category: "CHILI",
      operator: "dazhuang-chili",
      gi: "gangu-chili",
      certified: true,
      inStock: true,
      minPriceFen: 1000,
      maxPriceFen: 9950,
      sort: "price_asc",
      page: 3,
    });
  });

  it("drops what is malformed and keeps the rest", () => {
    const f = parse("q=apple&page=-2&sort=evil&county=1 OR 1=1&category=DROP TABLE&min=abc&max=¥20&operator=../../etc&certified=yes");
    // With search words the default order is relevance (issue 13); without, newest.
    expect(f).toEqual({ q: "apple", sort: "relevance", page: 1 });
    expect(parse("sort=relevance").sort).toBe("newest");
  });

  it("ignores pages beyond the last sensible one and non-integers", () => {
    expect(parse("page=0").page).toBe(1);
    expect(parse("page=1.5").page).toBe(1);
    expect(parse("page=99999").page).toBe(1);
    expect(parse("page=500").page).toBe(500);
  });

  it("cuts a 10 kB search to a short, clean query", () => {
    const f = parse(`q=${encodeURIComponent("甘谷".repeat(5000))}`);
    expect(f.q?.length).toBe(40);
    expect(parse("q=%20%20%0A%00").q).toBeUndefined();
  });

  it("drops a township that is not in the chosen county, and orders a reversed price range", () => {
    expect(parse("county=620721&township=620523100").township).toBeUndefined();
    const f = parse("min=50&max=10");
    expect([f.minPriceFen, f.maxPriceFen]).toEqual([1000, 5000]);
  });
});

describe("canonical query and cache key", () => {
  it("writes filters in a fixed order without defaults", () => {
    expect(catalogQueryString(parse("sort=newest&page=1&category=APPLE&county=620523"))).toBe("county=620523&category=APPLE");
    expect(catalogHref(parse("category=APPLE&page=4"), { page: 5 })).toBe("/products?category=APPLE&page=5");
    expect(catalogHref(parse("category=APPLE&page=4"))).toBe("/products?category=APPLE");
    expect(catalogHref(parse(""))).toBe("/products");
  });

  it("gives the same key to equivalent URLs, and round-trips", () => {
    const a = catalogKey(new URLSearchParams("county=620523&q=辣椒&junk=1"));
    const b = catalogKey(new URLSearchParams("q=辣椒&county=620523&sort=relevance"));
    expect(a).toBe(b);
    // Newest, chosen while searching, is not the default then: it stays in the key.
    expect(catalogKey(new URLSearchParams("q=辣椒&county=620523&sort=newest"))).not.toBe(a);
    expect(filtersFromCatalogKey(a)).toEqual(parse("q=辣椒&county=620523"));
    expect(catalogKey(new URLSearchParams(""))).toBe("all");
  });

  it("treats a forged key as no filters", () => {
    expect(filtersFromCatalogKey("not base64!!")).toEqual(parse(""));
    expect(filtersFromCatalogKey(Buffer.from("page=-5&sort=x").toString("base64url"))).toEqual(parse(""));
  });
});
