// The storefront's read queries. Each takes the database client as its first argument so tests
// run them against the real PostgreSQL; pages use the cached versions in ./catalog.server.ts.
// Everything returns plain JSON-safe objects (no Date, no bigint): results are cached as JSON.
import { allowsNoReason, isFresh } from "@/lib/after-sales/rules";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchCondition, searchScore } from "@/lib/search/sql";
import { expandWords } from "@/lib/search/synonyms";
import { normalize, tokenize } from "@/lib/search/tokenize";
import { shippingRulesOf } from "@/lib/shipping-fees/queries";
import { averageStars } from "@/lib/reviews/rules";
import { PAGE_SIZE, type CatalogFilters } from "./filters";
import { regionPath } from "@/lib/regions/queries";

const PAID_STATUSES = ["PAID", "SHIPPED", "DELIVERED"] as const;

export interface ProductCard {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  priceFen: number;
  unitZh: string;
  unitEn: string;
  specZh: string;
  specEn: string;
  stock: number;
  certified: boolean;
  image: { url: string; altZh: string; altEn: string } | null;
  operator: { slug: string; nameZh: string; nameEn: string };
  county: { id: string; nameZh: string; nameEn: string };
  village: { nameZh: string; nameEn: string };
  giMark: { nameZh: string; nameEn: string } | null;
  /** The average of its visible reviews (one decimal) and how many; null before the first. */
  rating: { average: number; count: number } | null;
}

const cardSelect = {
  id: true,
  slug: true,
  nameZh: true,
  nameEn: true,
  priceFen: true,
  unitZh: true,
  unitEn: true,
  specZh: true,
  specEn: true,
  stock: true,
  status: true,
  images: { select: { url: true, altZh: true, altEn: true }, orderBy: { position: "asc" }, take: 1 },
  operator: { select: { slug: true, nameZh: true, nameEn: true } },
  county: { select: { id: true, nameZh: true, nameEn: true } },
  village: { select: { nameZh: true, nameEn: true } },
  giMark: { select: { nameZh: true, nameEn: true } },
  reviewCount: true,
  reviewStars: true,
} satisfies Prisma.ProductSelect;

function toCard(p: Prisma.ProductGetPayload<{ select: typeof cardSelect }>): ProductCard {
  const { images, status, reviewCount, reviewStars, ...rest } = p;
  const average = averageStars(reviewCount, reviewStars);
  return {
    ...rest,
    certified: status === "CERTIFIED",
    image: images[0] ?? null,
    rating: average === null ? null : { average, count: reviewCount },
  };
}

export interface ProductPage {
  items: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
}

/** The filters as SQL conditions on "Product" p (the search words come separately, see listProducts). */
function filterConditions(f: CatalogFilters): Prisma.Sql[] {
  const out: Prisma.Sql[] = [Prisma.sql`p.listed`];
  if (f.county) out.push(Prisma.sql`p."countyId" = ${f.county}`);
  if (f.township) out.push(Prisma.sql`p."townshipId" = ${f.township}`);
  if (f.category) out.push(Prisma.sql`p.category = ${f.category}::"Category"`);
  if (f.operator) out.push(Prisma.sql`p."operatorId" = (SELECT id FROM "Operator" WHERE slug = ${f.operator})`);
  if (f.gi) out.push(Prisma.sql`p."giMarkId" = (SELECT id FROM "GiMark" WHERE slug = ${f.gi})`);
  if (f.certified) out.push(Prisma.sql`p.status = 'CERTIFIED'`);
  if (f.inStock) out.push(Prisma.sql`p.stock > 0`);
  if (f.minPriceFen !== undefined) out.push(Prisma.sql`p."priceFen" >= ${f.minPriceFen}`);
  if (f.maxPriceFen !== undefined) out.push(Prisma.sql`p."priceFen" <= ${f.maxPriceFen}`);
  return out;
}

/** Sold-out products last in every order; then the chosen order; the id breaks ties (stable pages). */
function orderBy(f: CatalogFilters, score: Prisma.Sql | null): Prisma.Sql {
  const inStockFirst = Prisma.sql`(p.stock > 0) DESC`;
  switch (f.sort) {
    case "price_asc":
      return Prisma.sql`${inStockFirst}, p."priceFen" ASC, p.id ASC`;
    case "price_desc":
      return Prisma.sql`${inStockFirst}, p."priceFen" DESC, p.id ASC`;
    case "bestselling":
      return Prisma.sql`${inStockFirst}, p."soldCount" DESC, p."createdAt" DESC, p.id ASC`;
    case "relevance":
      if (score) return Prisma.sql`${inStockFirst}, ${score} DESC, p."soldCount" DESC, p."createdAt" DESC, p.id ASC`;
      return Prisma.sql`${inStockFirst}, p."createdAt" DESC, p.id ASC`;
    default:
      return Prisma.sql`${inStockFirst}, p."createdAt" DESC, p.id ASC`;
  }
}

/**
 * One page of the catalogue: every query word must match (lib/search), ranked by relevance and
 * sales when searching. The ids come from one SQL statement (conditions, order, count); the cards
 * are then read by id.
 */
export async function listProducts(db: Db, filters: CatalogFilters, synonyms: string[][] = []): Promise<ProductPage> {
  const conditions = filterConditions(filters);
  let score: Prisma.Sql | null = null;
  const words = filters.q ? tokenize(filters.q) : [];
  if (words.length) {
    const alternatives = expandWords(words, synonyms);
    conditions.push(searchCondition("p", alternatives));
    score = searchScore("p", [normalize(filters.q!), words.join(" "), words.join("")], alternatives);
  }
  const rows = await db.$queryRaw<{ id: string; total: bigint }[]>`
    SELECT p.id, COUNT(*) OVER () AS total
    FROM "Product" p
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${orderBy(filters, score)}
    LIMIT ${PAGE_SIZE} OFFSET ${(filters.page - 1) * PAGE_SIZE}`;
  let total = Number(rows[0]?.total ?? 0);
  if (!rows.length && filters.page > 1) {
    // Past the last page: the count alone.
    const [count] = await db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "Product" p WHERE ${Prisma.join(conditions, " AND ")}`;
    total = Number(count?.n ?? 0);
  }
  const ids = rows.map((r) => r.id);
  const cards = ids.length ? await db.product.findMany({ where: { id: { in: ids } }, select: cardSelect }) : [];
  const byId = new Map(cards.map((c) => [c.id, toCard(c)]));
  return {
    items: ids.map((id) => byId.get(id)).filter((c): c is ProductCard => c !== undefined),
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

export interface Option {
  value: string;
  nameZh: string;
  nameEn: string;
}

export interface CatalogFacets {
  counties: Option[];
  townships: Option[]; // of the chosen county
  /** The chosen seller; the full list of a county's sellers is fetched by the page (listCountyOperators). */
  operator: Option | null;
  /** Whether the chosen county has sellers to choose from. */
  hasOperators: boolean;
  giMarks: Option[];
}

const option = (value: string, r: { nameZh: string; nameEn: string }): Option => ({ value, nameZh: r.nameZh, nameEn: r.nameEn });

export async function getCatalogFacets(db: Db, county: string | undefined, operator?: string): Promise<CatalogFacets> {
  const [counties, townships, chosen, operatorCount, giMarks] = await Promise.all([
    db.region.findMany({ where: { level: "COUNTY", productsInCounty: { some: { listed: true } } }, orderBy: { id: "asc" } }),
    county ? db.region.findMany({ where: { parentId: county, level: "TOWNSHIP" }, orderBy: { id: "asc" } }) : [],
    operator ? db.operator.findUnique({ where: { slug: operator }, select: { slug: true, nameZh: true, nameEn: true } }) : null,
    county ? db.operator.count({ where: { countyId: county } }) : 0,
    db.giMark.findMany({ where: county ? { countyId: county } : {}, orderBy: { nameZh: "asc" } }),
  ]);
  return {
    counties: counties.map((r) => option(r.id, r)),
    townships: townships.map((r) => option(r.id, r)),
    operator: chosen ? option(chosen.slug, chosen) : null,
    hasOperators: operatorCount > 0,
    giMarks: giMarks.map((g) => option(g.slug, g)),
  };
}

/**
 * The sellers of a county, for the catalogue's seller filter. Fetched by the browser
 * (/api/catalog/operators) rather than written into every cached catalogue page: a county has
 * dozens of sellers, and a page carries its options twice (HTML and RSC data), which made
 * filtered pages half again as heavy (and as slow to serve).
 */
export async function listCountyOperators(db: Db, county: string): Promise<Option[]> {
  const rows = await db.operator.findMany({
    where: { countyId: county },
    orderBy: { nameZh: "asc" },
    take: 500,
    select: { slug: true, nameZh: true, nameEn: true },
  });
  return rows.map((o) => option(o.slug, o));
}

export interface HomeStats {
  assistanceSalesFen: number;
  householdsReached: number;
  householdsLinked: number;
  products: number;
  operators: number;
}

export async function getHomeStats(db: Db): Promise<HomeStats> {
  const now = new Date();
  const [sales, reached, linked, products, operators] = await Promise.all([
    db.$queryRaw<{ fen: bigint | null }[]>`
        SELECT SUM(l."netFen" - l."refundedFen")::bigint AS fen
        FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
        WHERE l."certifiedAtSale" AND o.status::text IN (${PAID_STATUSES[0]}, ${PAID_STATUSES[1]}, ${PAID_STATUSES[2]})`,
    db.$queryRaw<{ n: bigint }[]>`
        SELECT COUNT(*)::bigint AS n FROM (
          SELECT "householdId" FROM "Allocation" GROUP BY "householdId" HAVING SUM("amountFen") > 0
        ) reached`,
    db.$queryRaw<{ n: bigint }[]>`
        SELECT COUNT(DISTINCT "householdId")::bigint AS n FROM "BenefitLink"
        WHERE "validFrom" <= ${now} AND ("validTo" IS NULL OR "validTo" >= ${now})`,
    db.product.count({ where: { listed: true } }),
    db.operator.count(),
  ]);
  return {
    assistanceSalesFen: Number(sales[0]?.fen ?? 0),
    householdsReached: Number(reached[0]?.n ?? 0),
    householdsLinked: Number(linked[0]?.n ?? 0),
    products,
    operators,
  };
}

export async function getFeaturedProducts(db: Db): Promise<ProductCard[]> {
  const rows = await db.product.findMany({
    where: { listed: true, status: "CERTIFIED", stock: { gt: 0 } },
    orderBy: [{ soldCount: "desc" }, { createdAt: "desc" }],
    take: 8,
    select: cardSelect,
  });
  return rows.map(toCard);
}

export { regionPath, type RegionCrumb } from "@/lib/regions/queries";

export interface BenefitSummary {
  households: number;
  people: number;
  villages: { nameZh: string; nameEn: string }[];
  mechanisms: string[];
}

/** Who a product's (or operator's) sales reach: counts, villages and mechanisms; never names. */
async function benefitSummary(db: Db, where: Prisma.BenefitLinkWhereInput): Promise<BenefitSummary> {
  const now = new Date();
  const links = await db.benefitLink.findMany({
    where: { ...where, validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gte: now } }] },
    select: {
      mechanism: true,
      householdId: true,
      household: { select: { members: true, village: { select: { id: true, nameZh: true, nameEn: true } } } },
    },
  });
  const households = new Map<string, number>();
  const villages = new Map<string, { nameZh: string; nameEn: string }>();
  const mechanisms = new Set<string>();
  for (const link of links) {
    households.set(link.householdId, link.household.members);
    villages.set(link.household.village.id, { nameZh: link.household.village.nameZh, nameEn: link.household.village.nameEn });
    mechanisms.add(link.mechanism);
  }
  return {
    households: households.size,
    people: [...households.values()].reduce((a, b) => a + b, 0),
    villages: [...villages.values()],
    mechanisms: [...mechanisms].sort(),
  };
}

export async function getProductBySlug(db: Db, slug: string) {
  const product = await db.product.findUnique({
    where: { slug },
    include: {
      images: { orderBy: { position: "asc" } },
      operator: { select: { id: true, slug: true, nameZh: true, nameEn: true, kind: true } },
      giMark: true,
    },
  });
  if (!product || !product.listed) return null;
  // Links of the product itself; without any, the operator-wide links (docs/DESIGN.md#rule-5).
  const own = await db.benefitLink.count({ where: { productId: product.id } });
  const [origin, benefits, sold, certifiedAt, shippingRules] = await Promise.all([
    regionPath(db, product.villageId),
    benefitSummary(db, own ? { productId: product.id } : { operatorId: product.operatorId, productId: null }),
    // 已售: units of paid orders, less units refunded back to stock (the order ledger, not a counter).
    db.$queryRaw<{ units: bigint | null }[]>`
        SELECT SUM(l.quantity - l."restockedQty")::bigint AS units
        FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
        WHERE l."productId" = ${product.id} AND o.status::text IN (${PAID_STATUSES[0]}, ${PAID_STATUSES[1]}, ${PAID_STATUSES[2]})`,
    product.status === "CERTIFIED"
      ? db.auditLog.findFirst({
          where: { entity: "Product", entityId: product.id, action: "product.certify" },
          orderBy: { createdAt: "desc" },
          select: { createdAt: true },
        })
      : null,
    shippingRulesOf(db, [product.operatorId]),
  ]);
  const county = origin.find((r) => r.level === "COUNTY");
  return {
    id: product.id,
    slug: product.slug,
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    descriptionZh: product.descriptionZh,
    descriptionEn: product.descriptionEn,
    category: product.category,
    unitZh: product.unitZh,
    unitEn: product.unitEn,
    specZh: product.specZh,
    specEn: product.specEn,
    priceFen: product.priceFen,
    stock: product.stock,
    maxPerOrder: product.maxPerOrder,
    certified: product.status === "CERTIFIED",
    certifiedUntil: product.certifiedUntil?.toISOString() ?? null,
    images: product.images.map((i) => ({ url: i.url, altZh: i.altZh, altEn: i.altEn })),
    operator: product.operator,
    giMark: product.giMark && {
      slug: product.giMark.slug,
      nameZh: product.giMark.nameZh,
      nameEn: product.giMark.nameEn,
      kind: product.giMark.kind,
      registrationNo: product.giMark.registrationNo,
      year: product.giMark.year,
      holderZh: product.giMark.holderZh,
      holderEn: product.giMark.holderEn,
    },
    origin,
    benefits,
    soldUnits: Number(sold[0]?.units ?? 0),
    food: {
      shelfLifeZh: product.shelfLifeZh,
      shelfLifeEn: product.shelfLifeEn,
      storageZh: product.storageZh,
      storageEn: product.storageEn,
      ingredientsZh: product.ingredientsZh,
      ingredientsEn: product.ingredientsEn,
      netContentZh: product.netContentZh,
      netContentEn: product.netContentEn,
      scLicence: product.scLicence,
    },
    coldChain: product.coldChain,
    /** 七天无理由 (docs/DESIGN.md#rule-11): never for fresh produce, by default for packaged goods. */
    noReasonReturn: allowsNoReason(product) ? ("yes" as const) : isFresh(product.category) ? ("fresh" as const) : ("no" as const),
    /** Who certified it (the county's program office), when and until when; null when not certified. */
    certification:
      product.status === "CERTIFIED"
        ? {
            countyZh: county?.nameZh ?? "",
            countyEn: county?.nameEn ?? "",
            certifiedAt: certifiedAt?.createdAt.toISOString() ?? null,
            until: product.certifiedUntil?.toISOString() ?? null,
          }
        : null,
    shipping: shippingRules[product.operatorId] ?? null,
  };
}
export type ProductDetail = NonNullable<Awaited<ReturnType<typeof getProductBySlug>>>;

export async function getOperatorBySlug(db: Db, slug: string) {
  const operator = await db.operator.findUnique({
    where: { slug },
    include: { giMarks: { include: { giMark: { select: { slug: true, nameZh: true, nameEn: true } } } } },
  });
  if (!operator) return null;
  const [location, products, productCount, benefits] = await Promise.all([
    regionPath(db, operator.villageId ?? operator.countyId),
    db.product.findMany({ where: { operatorId: operator.id, listed: true }, orderBy: { createdAt: "desc" }, take: 24, select: cardSelect }),
    db.product.count({ where: { operatorId: operator.id, listed: true } }),
    benefitSummary(db, { operatorId: operator.id }),
  ]);
  return {
    slug: operator.slug,
    nameZh: operator.nameZh,
    nameEn: operator.nameEn,
    kind: operator.kind,
    creditCode: operator.creditCode,
    descriptionZh: operator.descriptionZh,
    descriptionEn: operator.descriptionEn,
    isDemo: operator.isDemo,
    location,
    giMarks: operator.giMarks.map((g) => g.giMark),
    products: products.map(toCard),
    productCount,
    benefits,
  };
}
export type OperatorDetail = NonNullable<Awaited<ReturnType<typeof getOperatorBySlug>>>;

export async function getCounty(db: Db, id: string) {
  const county = await db.region.findFirst({ where: { id, level: "COUNTY" } });
  if (!county) return null;
  const now = new Date();
  const [path, townships, operators, products, productCount, giMarks, linked] = await Promise.all([
    regionPath(db, county.id),
    db.region.findMany({
      where: { parentId: county.id },
      orderBy: { id: "asc" },
      select: { id: true, nameZh: true, nameEn: true, isDemo: true, _count: { select: { children: true } } },
    }),
    db.operator.findMany({
      where: { countyId: county.id },
      orderBy: { nameZh: "asc" },
      take: 50,
      select: { slug: true, nameZh: true, nameEn: true, kind: true, _count: { select: { products: { where: { listed: true } } } } },
    }),
    db.product.findMany({
      where: { countyId: county.id, listed: true },
      orderBy: [{ soldCount: "desc" }, { createdAt: "desc" }],
      take: 12,
      select: cardSelect,
    }),
    db.product.count({ where: { countyId: county.id, listed: true } }),
    db.giMark.findMany({ where: { countyId: county.id }, orderBy: { year: "asc" } }),
    db.$queryRaw<{ households: bigint; people: bigint }[]>`
        SELECT COUNT(*)::bigint AS households, COALESCE(SUM(h.members), 0)::bigint AS people
        FROM "Household" h
        WHERE h."countyId" = ${county.id} AND EXISTS (
          SELECT 1 FROM "BenefitLink" b WHERE b."householdId" = h.id AND b."validFrom" <= ${now}
            AND (b."validTo" IS NULL OR b."validTo" >= ${now}))`,
  ]);
  return {
    id: county.id,
    nameZh: county.nameZh,
    nameEn: county.nameEn,
    path,
    townships: townships.map((t) => ({ id: t.id, nameZh: t.nameZh, nameEn: t.nameEn, isDemo: t.isDemo, villages: t._count.children })),
    operators: operators.map((o) => ({ slug: o.slug, nameZh: o.nameZh, nameEn: o.nameEn, kind: o.kind, products: o._count.products })),
    products: products.map(toCard),
    productCount,
    giMarks: giMarks.map((g) => ({ slug: g.slug, nameZh: g.nameZh, nameEn: g.nameEn, kind: g.kind, year: g.year })),
    householdsLinked: Number(linked[0]?.households ?? 0),
    peopleLinked: Number(linked[0]?.people ?? 0),
  };
}
export type CountyDetail = NonNullable<Awaited<ReturnType<typeof getCounty>>>;

export async function listCounties(db: Db) {
  const rows = await db.region.findMany({
    where: { level: "COUNTY" },
    orderBy: { id: "asc" },
    select: { id: true, nameZh: true, nameEn: true },
  });
  return rows;
}
