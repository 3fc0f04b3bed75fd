// What the organisation's page, the admin's list and the county office's progress table show
// (docs/DESIGN.md: buyer organisations): details, members and invitations, this year's budget,
// quota and counted purchases, a partner's pairing purchases, and the organisation's orders.
// Takes a `db`; the page-facing façade is organisations.server.ts.
import type { Db, Prisma } from "@/lib/db/client";
import type { Channel, OrderStatus, OrganisationKind } from "@/lib/generated/prisma/enums";
import { shanghaiDayStart } from "@/lib/time/shanghai";
import { countedPurchasesFen } from "./purchases";
import { quotaBpsFor, quotaFen, quotaProgress, type QuotaProgress } from "./quota";

type Reader = Db | Prisma.TransactionClient;

export const ORDERS_PAGE_SIZE = 20;

interface Named {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface QuotaFigures {
  year: number;
  /** The declared canteen budget this year, or null (not declared yet). */
  budgetFen: bigint | null;
  declaredAt: Date | null;
  /** The share that applies (basis points) and the region whose rate it is (null: the default). */
  bps: number;
  rateRegion: Named | null;
  progress: QuotaProgress;
}

export interface OrganisationOverview {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: OrganisationKind;
  creditCode: string;
  region: Named;
  hasCanteen: boolean;
  disabled: boolean;
  parentUnit: Named | null;
  unions: Named[];
  pairedCounties: Named[];
  year: number;
  /** Paid, certified purchases of the year net of refunds (a unit's include its unions'). */
  countedFen: bigint;
  /** BUDGET_UNIT with a canteen only. */
  quota: QuotaFigures | null;
  /** PARTNER only: this year's PAIRING purchases from each paired county (all lines, net of refunds). */
  pairingByCounty: { county: Named; fen: bigint }[] | null;
  members: { userId: string; name: string; email: string; isManager: boolean; since: Date }[];
  invites: { id: string; email: string; expiresAt: Date; invitedByName: string; expired: boolean }[];
}

const named = { id: true, nameZh: true, nameEn: true } as const;

/** The year's bounds as the columns store them (UTC timestamps without zone). */
function yearBounds(year: number) {
  return { from: shanghaiDayStart(`${year}-01-01`), until: shanghaiDayStart(`${year + 1}-01-01`) };
}

async function quotaRates(db: Reader) {
  return db.quotaRate.findMany({ select: { regionId: true, bps: true, region: { select: named } } });
}

function quotaOf(
  org: { regionId: string },
  rates: Awaited<ReturnType<typeof quotaRates>>,
  budget: { budgetFen: bigint; declaredAt: Date } | undefined,
  counted: bigint,
  year: number,
): QuotaFigures {
  const bps = quotaBpsFor(org.regionId, rates);
  const rateRow = rates.filter((r) => org.regionId.startsWith(r.regionId)).sort((a, b) => b.regionId.length - a.regionId.length)[0];
  const budgetFen = budget?.budgetFen ?? null;
  return {
    year,
    budgetFen,
    declaredAt: budget?.declaredAt ?? null,
    bps,
    rateRegion: rateRow ? rateRow.region : null,
    progress: quotaProgress(budgetFen ? quotaFen(budgetFen, bps) : 0n, counted),
  };
}

export async function organisationOverview(db: Reader, id: string, year: number, now = new Date()): Promise<OrganisationOverview | null> {
  const org = await db.organisation.findUnique({
    where: { id },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      creditCode: true,
      regionId: true,
      region: { select: named },
      hasCanteen: true,
      disabledAt: true,
      parentUnit: { select: named },
      unions: { select: named, orderBy: { nameZh: "asc" } },
      pairings: { select: { county: { select: named } }, orderBy: { countyId: "asc" } },
      budgets: { where: { year }, select: { budgetFen: true, declaredAt: true } },
      members: {
        orderBy: [{ isManager: "desc" }, { createdAt: "asc" }],
        select: { isManager: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      },
      invites: {
        where: { acceptedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, email: true, expiresAt: true, invitedBy: { select: { name: true } } },
      },
    },
  });
  if (!org) return null;
  const counted = (await countedPurchasesFen(db as Db, [org.id], year)).get(org.id) ?? 0n;
  const hasQuota = org.kind === "BUDGET_UNIT" && org.hasCanteen;
  const quota = hasQuota ? quotaOf(org, await quotaRates(db), org.budgets[0], counted, year) : null;
  let pairingByCounty: OrganisationOverview["pairingByCounty"] = null;
  if (org.kind === "PARTNER") {
    const sums = await pairingPurchases(db, org.id, year);
    pairingByCounty = org.pairings.map((p) => ({ county: p.county, fen: sums.get(p.county.id) ?? 0n }));
  }
  return {
    id: org.id,
    nameZh: org.nameZh,
    nameEn: org.nameEn,
    kind: org.kind,
    creditCode: org.creditCode,
    region: org.region,
    hasCanteen: org.hasCanteen,
    disabled: org.disabledAt !== null,
    parentUnit: org.parentUnit,
    unions: org.unions,
    pairedCounties: org.pairings.map((p) => p.county),
    year,
    countedFen: counted < 0n ? 0n : counted,
    quota,
    pairingByCounty,
    members: org.members.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      isManager: m.isManager,
      since: m.createdAt,
    })),
    invites: org.invites.map((i) => ({
      id: i.id,
      email: i.email,
      expiresAt: i.expiresAt,
      invitedByName: i.invitedBy.name,
      expired: i.expiresAt.getTime() <= now.getTime(),
    })),
  };
}

/** A partner's PAIRING purchases of the year by the product's county (paid, net of refunds). */
async function pairingPurchases(db: Reader, organisationId: string, year: number): Promise<Map<string, bigint>> {
  const { from, until } = yearBounds(year);
  const rows = await db.$queryRaw<{ countyId: string; fen: bigint }[]>`
    SELECT p."countyId", COALESCE(SUM(l."netFen" - l."refundedFen"), 0)::bigint AS fen
    FROM "Order" o
    JOIN "OrderLine" l ON l."orderId" = o.id
    JOIN "Product" p ON p.id = l."productId"
    WHERE o."organisationId" = ${organisationId} AND o.channel = 'PAIRING'
      AND o."paidAt" >= (${from.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND o."paidAt" < (${until.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    GROUP BY p."countyId"`;
  return new Map(rows.map((r) => [r.countyId, BigInt(r.fen)]));
}

export interface OrganisationOrderRow {
  id: string;
  number: string;
  createdAt: Date;
  paidAt: Date | null;
  status: OrderStatus;
  channel: Channel;
  totalFen: number;
  refundedFen: number;
  buyerName: string | null;
}

/** The organisation's orders, newest first, a page at a time (unpaid ones too: a member sees what is pending). */
export async function organisationOrders(db: Reader, organisationId: string, page: number) {
  const where = { organisationId };
  const [total, rows] = await Promise.all([
    db.order.count({ where }),
    db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * ORDERS_PAGE_SIZE,
      take: ORDERS_PAGE_SIZE,
      select: {
        id: true,
        number: true,
        createdAt: true,
        paidAt: true,
        status: true,
        channel: true,
        totalFen: true,
        user: { select: { name: true } },
        lines: { select: { refundedFen: true } },
      },
    }),
  ]);
  const orders: OrganisationOrderRow[] = rows.map((o) => ({
    id: o.id,
    number: o.number,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    status: o.status,
    channel: o.channel,
    totalFen: o.totalFen,
    refundedFen: o.lines.reduce((sum, l) => sum + l.refundedFen, 0),
    buyerName: o.user?.name ?? null,
  }));
  return { orders, total, pages: Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE)) };
}

export interface ProgressRow {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: OrganisationKind;
  region: Named;
  hasCanteen: boolean;
  disabled: boolean;
  parentUnit: Named | null;
  countedFen: bigint;
  quota: QuotaFigures | null;
  /** The county office's view: this year's purchases from its county (paid, net of refunds). */
  fromCountyFen: bigint | null;
}

/**
 * Every organisation's progress this year in a scope: every organisation (countyId null: the admin),
 * or those that bought from the county this year and the partners paired with it (the county office).
 */
export async function organisationProgress(db: Reader, scope: { countyId: string | null }, year: number): Promise<ProgressRow[]> {
  const { from, until } = yearBounds(year);
  let fromCounty: Map<string, bigint> | null = null;
  let ids: string[] | null = null;
  if (scope.countyId) {
    const rows = await db.$queryRaw<{ organisationId: string; fen: bigint }[]>`
      SELECT o."organisationId", COALESCE(SUM(l."netFen" - l."refundedFen"), 0)::bigint AS fen
      FROM "Order" o
      JOIN "OrderLine" l ON l."orderId" = o.id
      JOIN "Product" p ON p.id = l."productId"
      WHERE o."organisationId" IS NOT NULL AND p."countyId" = ${scope.countyId}
        AND o."paidAt" >= (${from.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        AND o."paidAt" < (${until.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      GROUP BY o."organisationId"`;
    fromCounty = new Map(rows.map((r) => [r.organisationId, BigInt(r.fen)]));
    const paired = await db.organisationPairing.findMany({ where: { countyId: scope.countyId }, select: { organisationId: true } });
    ids = [...new Set([...fromCounty.keys(), ...paired.map((p) => p.organisationId)])];
  }
  const orgs = await db.organisation.findMany({
    where: ids ? { id: { in: ids } } : {},
    orderBy: [{ kind: "asc" }, { nameZh: "asc" }],
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      regionId: true,
      region: { select: named },
      hasCanteen: true,
      disabledAt: true,
      parentUnit: { select: named },
      budgets: { where: { year }, select: { budgetFen: true, declaredAt: true } },
    },
  });
  const [counted, rates] = await Promise.all([
    countedPurchasesFen(
      db as Db,
      orgs.map((o) => o.id),
      year,
    ),
    quotaRates(db),
  ]);
  return orgs.map((o) => {
    const c = counted.get(o.id) ?? 0n;
    return {
      id: o.id,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      kind: o.kind,
      region: o.region,
      hasCanteen: o.hasCanteen,
      disabled: o.disabledAt !== null,
      parentUnit: o.parentUnit,
      countedFen: c < 0n ? 0n : c,
      quota: o.kind === "BUDGET_UNIT" && o.hasCanteen ? quotaOf(o, rates, o.budgets[0], c, year) : null,
      fromCountyFen: fromCounty ? (fromCounty.get(o.id) ?? 0n) : null,
    };
  });
}

/** The organisations a user is a member of (for the account menu, /org, and the account page). */
export async function organisationsOfUser(db: Reader, userId: string) {
  const rows = await db.organisationMember.findMany({
    where: { userId, organisation: { disabledAt: null } },
    orderBy: { createdAt: "asc" },
    select: { isManager: true, organisation: { select: { id: true, nameZh: true, nameEn: true, kind: true } } },
  });
  return rows.map((r) => ({ ...r.organisation, isManager: r.isManager }));
}

/** The admin's list: the edit form's current values and the quota rates table. */
export async function organisationForEdit(db: Reader, id: string) {
  return db.organisation.findUnique({
    where: { id },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      creditCode: true,
      regionId: true,
      hasCanteen: true,
      parentUnitId: true,
      disabledAt: true,
      pairings: { select: { countyId: true } },
    },
  });
}

export async function quotaRateRows(db: Reader) {
  return db.quotaRate.findMany({
    orderBy: { regionId: "asc" },
    select: { regionId: true, bps: true, updatedAt: true, region: { select: named } },
  });
}

/** Regions an organisation may sit in (provinces, cities, counties), the counties to pair with, and the budget units. */
export async function organisationFormChoices(db: Reader) {
  const [regions, units] = await Promise.all([
    db.region.findMany({
      where: { level: { in: ["PROVINCE", "CITY", "COUNTY"] } },
      orderBy: { id: "asc" },
      select: { ...named, level: true },
    }),
    db.organisation.findMany({ where: { kind: "BUDGET_UNIT" }, orderBy: { nameZh: "asc" }, select: named }),
  ]);
  return { regions, counties: regions.filter((r) => r.level === "COUNTY"), units };
}
