// Reads of the cooperative console's benefit-link and payout pages. The caller has already
// checked that the actor manages the operator (requireConsoleOperator); every query is bounded
// by that operator or by its county. Households appear with their registry code, village,
// members, status and MASKED ID number only: never the plaintext ID, never searched by ID or name.
import type { Db, Prisma } from "@/lib/db/client";
import type { BenefitRule, HouseholdStatus, Mechanism } from "@/lib/generated/prisma/enums";

type Reader = Db | Prisma.TransactionClient;

const householdSelect = {
  id: true,
  registryCode: true,
  members: true,
  status: true,
  idNumberMasked: true,
  village: { select: { id: true, nameZh: true, nameEn: true } },
  township: { select: { id: true, nameZh: true, nameEn: true } },
} as const;

export interface HouseholdRow {
  id: string;
  registryCode: string;
  members: number;
  status: HouseholdStatus;
  idNumberMasked: string;
  village: { id: string; nameZh: string; nameEn: string };
  township: { id: string; nameZh: string; nameEn: string };
}

export interface LinkRow {
  id: string;
  household: HouseholdRow;
  product: { id: string; nameZh: string; nameEn: string } | null;
  mechanism: Mechanism;
  rule: BenefitRule;
  bps: number | null;
  fenPerUnit: number | null;
  validFrom: Date;
  validTo: Date | null;
  allocationCount: number;
}

export const LINKS_PAGE_SIZE = 30;

function linkWhere(operatorId: string, state: "current" | "ended" | undefined, now: Date): Prisma.BenefitLinkWhereInput {
  const where: Prisma.BenefitLinkWhereInput = { operatorId };
  if (state === "current") where.OR = [{ validTo: null }, { validTo: { gte: now } }];
  if (state === "ended") where.validTo = { lt: now };
  return where;
}

/**
 * One page of the operator's links, newest first; `state` narrows to those in force or starting
 * later ("current"), or ended. Returns the total as well, for paging.
 */
export async function listOperatorLinks(
  db: Reader,
  operatorId: string,
  options: { state?: "current" | "ended"; now?: Date; page?: number; pageSize?: number } = {},
): Promise<{ rows: LinkRow[]; total: number }> {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? LINKS_PAGE_SIZE;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const where = linkWhere(operatorId, options.state, now);
  const [rows, total] = await Promise.all([
    db.benefitLink.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        mechanism: true,
        rule: true,
        bps: true,
        fenPerUnit: true,
        validFrom: true,
        validTo: true,
        household: { select: householdSelect },
        product: { select: { id: true, nameZh: true, nameEn: true } },
        _count: { select: { allocations: true } },
      },
    }),
    db.benefitLink.count({ where }),
  ]);
  return { rows: rows.map(({ _count, ...r }) => ({ ...r, allocationCount: _count.allocations })), total };
}

export interface PromisedNow {
  /** null: the operator-wide links. */
  productId: string | null;
  nameZh: string | null;
  nameEn: string | null;
  bps: number;
  fenPerUnit: number;
  links: number;
}

/** What each set of links (operator-wide, and each product with links of its own) promises at `now`. */
export async function promisedNow(db: Reader, operatorId: string, now = new Date()): Promise<PromisedNow[]> {
  const rows = await db.$queryRaw<
    { product_id: string | null; name_zh: string | null; name_en: string | null; bps: bigint; fen: bigint; n: bigint }[]
  >`
    SELECT b."productId" AS product_id, p."nameZh" AS name_zh, p."nameEn" AS name_en,
           COALESCE(SUM(b.bps), 0)::bigint AS bps, COALESCE(SUM(b."fenPerUnit"), 0)::bigint AS fen, COUNT(*)::bigint AS n
    FROM "BenefitLink" b LEFT JOIN "Product" p ON p.id = b."productId"
    WHERE b."operatorId" = ${operatorId} AND b."validFrom" <= ${now} AND (b."validTo" IS NULL OR b."validTo" >= ${now})
    GROUP BY b."productId", p."nameZh", p."nameEn"
    ORDER BY (b."productId" IS NOT NULL), p."nameZh"`;
  return rows.map((r) => ({
    productId: r.product_id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    bps: Number(r.bps),
    fenPerUnit: Number(r.fen),
    links: Number(r.n),
  }));
}

export const HOUSEHOLD_SEARCH_LIMIT = 30;

/** Normalises a typed registry code: trimmed, upper-case, only letters, digits and dashes. */
export function normaliseRegistryCode(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[－—–]/g, "-")
    .replace(/[^A-Z0-9-]/g, "")
    .slice(0, 40);
}

/**
 * Households of the county, by registry code (exact or prefix) or by village. Nothing else is
 * searchable (not the ID number, not the name). Returns at most HOUSEHOLD_SEARCH_LIMIT rows and
 * whether there were more.
 */
export async function searchHouseholds(
  db: Reader,
  countyId: string,
  query: { code?: string; villageId?: string },
): Promise<{ rows: HouseholdRow[]; more: boolean }> {
  const code = query.code ? normaliseRegistryCode(query.code) : "";
  const villageId = query.villageId && /^\d{12}$/.test(query.villageId) ? query.villageId : "";
  if (!code && !villageId) return { rows: [], more: false };
  const where: Prisma.HouseholdWhereInput = { countyId };
  if (code) where.registryCode = { startsWith: code };
  if (villageId) where.villageId = villageId;
  const rows = await db.household.findMany({
    where,
    orderBy: { registryCode: "asc" },
    take: HOUSEHOLD_SEARCH_LIMIT + 1,
    select: householdSelect,
  });
  return { rows: rows.slice(0, HOUSEHOLD_SEARCH_LIMIT), more: rows.length > HOUSEHOLD_SEARCH_LIMIT };
}

/** One household of the county (for the link form), or null outside it. */
export async function countyHousehold(db: Reader, countyId: string, householdId: string): Promise<HouseholdRow | null> {
  return db.household.findFirst({ where: { id: householdId, countyId }, select: householdSelect });
}

/** The operator's products with their prices, for the link form's product picker. */
export async function operatorProducts(db: Reader, operatorId: string) {
  return db.product.findMany({
    where: { operatorId },
    orderBy: [{ listed: "desc" }, { nameZh: "asc" }],
    select: { id: true, nameZh: true, nameEn: true, priceFen: true, listed: true, specZh: true, specEn: true },
  });
}

/** Households that have (or had) a link with the operator: the ones a payout may go to. */
export async function linkedHouseholds(db: Reader, operatorId: string): Promise<HouseholdRow[]> {
  return db.household.findMany({
    where: { benefitLinks: { some: { operatorId } } },
    orderBy: { registryCode: "asc" },
    select: householdSelect,
  });
}

export interface PayoutRow {
  id: string;
  household: HouseholdRow;
  mechanism: Mechanism;
  amountFen: number;
  paidOn: Date;
  note: string;
  proofUrl: string | null;
  createdAt: Date;
}

export async function listPayouts(db: Reader, operatorId: string, take = 100): Promise<PayoutRow[]> {
  return db.payout.findMany({
    where: { operatorId },
    orderBy: [{ paidOn: "desc" }, { createdAt: "desc" }],
    take,
    select: {
      id: true,
      mechanism: true,
      amountFen: true,
      paidOn: true,
      note: true,
      proofUrl: true,
      createdAt: true,
      household: { select: householdSelect },
    },
  });
}

/** Total paid out by the operator (all time and this year), summed in SQL as bigint. */
export async function payoutTotals(
  db: Reader,
  operatorId: string,
  yearStart: Date,
): Promise<{ allFen: number; yearFen: number; count: number }> {
  const rows = await db.$queryRaw<{ all_fen: bigint | null; year_fen: bigint | null; n: bigint }[]>`
    SELECT SUM("amountFen")::bigint AS all_fen,
           SUM(CASE WHEN "paidOn" >= ${yearStart}::date THEN "amountFen" ELSE 0 END)::bigint AS year_fen,
           COUNT(*)::bigint AS n
    FROM "Payout" WHERE "operatorId" = ${operatorId}`;
  const r = rows[0];
  return { allFen: Number(r?.all_fen ?? 0), yearFen: Number(r?.year_fen ?? 0), count: Number(r?.n ?? 0) };
}
