// The catalogue's filters: parsed from the URL, normalised, and turned back into a
// canonical query string. Anything malformed is dropped (never an error): a shared
// link with a bad part still shows the catalogue with the good parts applied.
import { z } from "zod";

export const CATEGORIES = ["CHILI", "APPLE", "SCALLION", "CABBAGE", "SICHUAN_PEPPER", "MUSHROOM", "MUTTON", "YAK", "CHICKEN"] as const;
export type CategoryName = (typeof CATEGORIES)[number];

export const SORTS = ["relevance", "newest", "price_asc", "price_desc", "bestselling"] as const;
export type Sort = (typeof SORTS)[number];

export const PAGE_SIZE = 24;
export const MAX_PAGE = 500;
export const MAX_QUERY_LENGTH = 40;
const MAX_PRICE_YUAN = 100_000;

export interface CatalogFilters {
  q?: string;
  county?: string;
  township?: string;
  category?: CategoryName;
  operator?: string;
  gi?: string;
  certified?: true;
  inStock?: true;
  minPriceFen?: number;
  maxPriceFen?: number;
  sort: Sort;
  page: number;
}

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const yuan = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,2})?$/)
  .transform((s) => Math.round(Number(s) * 100))
  .refine((fen) => fen <= MAX_PRICE_YUAN * 100);

const fields = {
  q: z
    .string()
    .transform((s) =>
      s
        .replace(/[\u0000-\u001f\u007f]/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, MAX_QUERY_LENGTH)
        .trim(),
    )
    .refine((s) => s.length > 0),
  county: z.string().regex(/^\d{6}$/),
  township: z.string().regex(/^\d{9}$/),
  category: z.enum(CATEGORIES),
  operator: slug,
  gi: slug,
  certified: z.literal("1").transform(() => true as const),
  instock: z.literal("1").transform(() => true as const),
  min: yuan,
  max: yuan,
  sort: z.enum(SORTS),
  page: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_PAGE),
};

type Reader = { get(name: string): string | null };

function pick<T>(schema: z.ZodType<T>, raw: string | null): T | undefined {
  if (raw === null) return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function parseCatalogFilters(params: Reader): CatalogFilters {
  const filters: CatalogFilters = {
    q: pick(fields.q, params.get("q")),
    county: pick(fields.county, params.get("county")),
    township: pick(fields.township, params.get("township")),
    category: pick(fields.category, params.get("category")),
    operator: pick(fields.operator, params.get("operator")),
    gi: pick(fields.gi, params.get("gi")),
    certified: pick(fields.certified, params.get("certified")),
    inStock: pick(fields.instock, params.get("instock")),
    minPriceFen: pick(fields.min, params.get("min")),
    maxPriceFen: pick(fields.max, params.get("max")),
    sort: "newest",
    page: pick(fields.page, params.get("page")) ?? 1,
  };
  // With search words the default order is relevance; without, newest (relevance means nothing then).
  filters.sort = pick(fields.sort, params.get("sort")) ?? defaultSort(filters);
  if (filters.sort === "relevance" && !filters.q) filters.sort = "newest";
  // A township outside the chosen county cannot match anything: keep the county, drop the township.
  if (filters.township && filters.county && !filters.township.startsWith(filters.county)) filters.township = undefined;
  if (filters.minPriceFen !== undefined && filters.maxPriceFen !== undefined && filters.minPriceFen > filters.maxPriceFen) {
    [filters.minPriceFen, filters.maxPriceFen] = [filters.maxPriceFen, filters.minPriceFen];
  }
  return filters;
}

/** The order a catalogue page takes when none is chosen: relevance when searching, else newest. */
export function defaultSort(filters: Pick<CatalogFilters, "q">): Sort {
  return filters.q ? "relevance" : "newest";
}

/** The canonical query string (fixed order, defaults left out) of a set of filters. */
export function catalogQueryString(filters: CatalogFilters, overrides: Partial<CatalogFilters> = {}): string {
  const f = { ...filters, ...overrides };
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.county) params.set("county", f.county);
  if (f.township) params.set("township", f.township);
  if (f.category) params.set("category", f.category);
  if (f.operator) params.set("operator", f.operator);
  if (f.gi) params.set("gi", f.gi);
  if (f.certified) params.set("certified", "1");
  if (f.inStock) params.set("instock", "1");
  if (f.minPriceFen !== undefined) params.set("min", fenToYuanString(f.minPriceFen));
  if (f.maxPriceFen !== undefined) params.set("max", fenToYuanString(f.maxPriceFen));
  if (f.sort !== defaultSort(f)) params.set("sort", f.sort);
  if (f.page !== 1) params.set("page", String(f.page));
  return params.toString();
}

/** The catalogue URL (without locale prefix) for these filters. */
export function catalogHref(filters: CatalogFilters, overrides: Partial<CatalogFilters> = {}): string {
  const query = catalogQueryString(filters, { page: 1, ...overrides });
  return query ? `/products?${query}` : "/products";
}

function fenToYuanString(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

// The proxy rewrites /products?… to /[locale]/catalog/[key] so each distinct filter set is one
// cached page (ISR). The key is the canonical query string, base64url-encoded.
const EMPTY_KEY = "all";

export function catalogKey(params: Reader): string {
  const query = catalogQueryString(parseCatalogFilters(params));
  return query ? Buffer.from(query, "utf8").toString("base64url") : EMPTY_KEY;
}

export function filtersFromCatalogKey(key: string): CatalogFilters {
  if (key === EMPTY_KEY || !/^[A-Za-z0-9_-]{1,400}$/.test(key)) return parseCatalogFilters(new URLSearchParams());
  return parseCatalogFilters(new URLSearchParams(Buffer.from(key, "base64url").toString("utf8")));
}
