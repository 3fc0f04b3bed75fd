// Who may see what in the reports. An officer sees their own county and nothing else, whatever the
// URL says; an admin sees one county, or every county with the province roll-up when none is
// chosen. The region, operator and product in the filters must lie inside that; anything else is
// dropped (and named in the problems, so the page can say so), never shown.
import type { Actor } from "@/lib/auth/actor";
import type { Db, Prisma } from "@/lib/db/client";
import type { FilterProblem, ReportFilters } from "./filters";

type Reader = Db | Prisma.TransactionClient;

export interface NamedRow {
  id: string;
  nameZh: string;
  nameEn: string;
}

export type RegionLevelName = "COUNTY" | "TOWNSHIP" | "VILLAGE";

export interface ReportScope {
  /** The counties the report covers; null: every county (an admin's province roll-up). */
  countyIds: string[] | null;
  county: NamedRow | null;
  township: NamedRow | null;
  village: NamedRow | null;
  operator: NamedRow | null;
  product: (NamedRow & { operatorId: string }) | null;
  /** The level of the rows of the breakdown by region: the children of the narrowest region chosen. */
  regionLevel: RegionLevelName;
}

export function mayReadReports(actor: Actor | null): actor is Actor {
  return actor !== null && (actor.role === "ADMIN" || (actor.role === "OFFICER" && actor.countyId !== null));
}

const named = { id: true, nameZh: true, nameEn: true } as const;

/**
 * The scope of the report for this reader and these filters, and the filters with everything
 * outside the scope removed. Throws for a reader who may not see reports at all (check first).
 */
export async function resolveReportScope(
  db: Reader,
  actor: Actor,
  raw: ReportFilters,
): Promise<{ scope: ReportScope; filters: ReportFilters; problems: FilterProblem[] }> {
  if (!mayReadReports(actor)) throw new Error("not a reports reader");
  const problems: FilterProblem[] = [];
  const filters: ReportFilters = { ...raw };
  const drop = (name: "county" | "township" | "village" | "operator" | "product") => {
    if (filters[name] !== undefined) problems.push(name);
    delete filters[name];
  };

  // The county: the officer's own, always; an admin's choice, or none.
  let county: NamedRow | null = null;
  if (actor.role === "OFFICER") {
    if (filters.county && filters.county !== actor.countyId) drop("county");
    county = await db.region.findUnique({ where: { id: actor.countyId! }, select: named });
    filters.county = actor.countyId!;
  } else if (filters.county) {
    county = await db.region.findFirst({ where: { id: filters.county, level: "COUNTY" }, select: named });
    if (!county) drop("county");
  }

  // A village names its township, a township its county (an admin may start from either).
  let village: (NamedRow & { parentId: string | null }) | null = null;
  if (filters.village) {
    village = await db.region.findFirst({ where: { id: filters.village, level: "VILLAGE" }, select: { ...named, parentId: true } });
    if (!village || (filters.township && village.parentId !== filters.township) || (county && !village.id.startsWith(county.id))) {
      village = null;
      drop("village");
    } else if (!filters.township) {
      filters.township = village.parentId ?? undefined;
    }
  }
  let township: NamedRow | null = null;
  if (filters.township) {
    const row = await db.region.findFirst({ where: { id: filters.township, level: "TOWNSHIP" }, select: { ...named, parentId: true } });
    if (!row || !row.parentId || (county && row.parentId !== county.id)) {
      drop("township");
      if (village) {
        village = null;
        drop("village");
      }
    } else {
      township = { id: row.id, nameZh: row.nameZh, nameEn: row.nameEn };
      if (!county) {
        county = await db.region.findUnique({ where: { id: row.parentId }, select: named });
        filters.county = row.parentId;
      }
    }
  }
  const countyIds = county ? [county.id] : null;

  let operator: NamedRow | null = null;
  if (filters.operator) {
    operator = await db.operator.findFirst({
      where: { id: filters.operator, ...(countyIds ? { countyId: { in: countyIds } } : {}) },
      select: named,
    });
    if (!operator) drop("operator");
  }
  let product: (NamedRow & { operatorId: string }) | null = null;
  if (filters.product) {
    product = await db.product.findFirst({
      where: {
        id: filters.product,
        ...(countyIds ? { countyId: { in: countyIds } } : {}),
        ...(operator ? { operatorId: operator.id } : {}),
      },
      select: { ...named, operatorId: true },
    });
    if (!product) drop("product");
    else if (!operator) {
      // A product belongs to one operator: the form then shows both.
      operator = await db.operator.findUnique({ where: { id: product.operatorId }, select: named });
      filters.operator = product.operatorId;
    }
  }

  return {
    scope: {
      countyIds,
      county,
      township,
      village: village ? { id: village.id, nameZh: village.nameZh, nameEn: village.nameEn } : null,
      operator,
      product,
      regionLevel: township ? "VILLAGE" : county ? "TOWNSHIP" : "COUNTY",
    },
    filters,
    problems,
  };
}

/** What the filter form offers within the scope: counties (admin), townships, villages, operators, and the chosen operator's products. */
export async function reportOptions(db: Reader, actor: Actor, scope: ReportScope) {
  const countyIds = scope.countyIds;
  const [counties, townships, villages, operators, products] = await Promise.all([
    actor.role === "ADMIN"
      ? db.region.findMany({ where: { level: "COUNTY" }, orderBy: { id: "asc" }, select: named })
      : Promise.resolve([]),
    countyIds
      ? db.region.findMany({ where: { level: "TOWNSHIP", parentId: { in: countyIds } }, orderBy: { id: "asc" }, select: named })
      : Promise.resolve([]),
    scope.township
      ? db.region.findMany({ where: { level: "VILLAGE", parentId: scope.township.id }, orderBy: { id: "asc" }, select: named })
      : Promise.resolve([]),
    db.operator.findMany({
      where: countyIds ? { countyId: { in: countyIds } } : {},
      orderBy: [{ nameZh: "asc" }, { id: "asc" }],
      select: named,
    }),
    scope.operator
      ? db.product.findMany({ where: { operatorId: scope.operator.id }, orderBy: [{ nameZh: "asc" }, { id: "asc" }], select: named })
      : Promise.resolve([]),
  ]);
  return { counties, townships, villages, operators, products };
}
