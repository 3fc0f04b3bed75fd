import "server-only";
// The storefront's queries as the pages use them: cached (unstable_cache) and tagged, so a page
// is rendered from the database once and then served from the cache until a change to catalogue
// data calls revalidateTag(tags.catalog) (or tags.stats for the counters).
import { unstable_cache } from "next/cache";
import { db } from "@/lib/db/db.server";
import type { CatalogFilters } from "./filters";
import { tags } from "./cache-tags";
import * as q from "./queries";
import { getSynonymWords } from "@/lib/search/search.server";

export type {
  ProductCard,
  ProductPage,
  CatalogFacets,
  HomeStats,
  RegionCrumb,
  BenefitSummary,
  ProductDetail,
  OperatorDetail,
  CountyDetail,
} from "./queries";

const catalog = { tags: [tags.catalog] };

export const listProducts = unstable_cache(
  async (filters: CatalogFilters) => q.listProducts(db, filters, filters.q ? await getSynonymWords() : []),
  ["listProducts"],
  catalog,
);
export const getCatalogFacets = unstable_cache(
  (county: string | undefined, operator: string | undefined) => q.getCatalogFacets(db, county, operator),
  ["getCatalogFacets"],
  catalog,
);
export const listCountyOperators = unstable_cache((county: string) => q.listCountyOperators(db, county), ["listCountyOperators"], catalog);
export const getHomeStats = unstable_cache(() => q.getHomeStats(db), ["getHomeStats"], { tags: [tags.catalog, tags.stats] });
export const getFeaturedProducts = unstable_cache(() => q.getFeaturedProducts(db), ["getFeaturedProducts"], catalog);
export const getProductBySlug = unstable_cache((slug: string) => q.getProductBySlug(db, slug), ["getProductBySlug"], catalog);
export const getOperatorBySlug = unstable_cache((slug: string) => q.getOperatorBySlug(db, slug), ["getOperatorBySlug"], catalog);
export const getCounty = unstable_cache((id: string) => q.getCounty(db, id), ["getCounty"], catalog);
export const listCounties = unstable_cache(() => q.listCounties(db), ["listCounties"], catalog);
