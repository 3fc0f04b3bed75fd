// What the office's certification pages read: the queue (pending, certified, rejected) of the
// counties the actor serves, the price yardstick (the county's average price of listed certified
// products of the same category) and the benefit links in numbers only (no household names).
import "server-only";
import { canOfficeCounty, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import type { Category, Mechanism, Prisma, ProductStatus } from "@/lib/generated/prisma/client";

export const QUEUE_STATUSES = ["PENDING_CERTIFICATION", "CERTIFIED", "REJECTED"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export const QUEUE_PAGE_SIZE = 100;

/** The counties an actor's office covers: its own, or every county for an admin. */
export async function officeCounties(actor: Actor) {
  return db.region.findMany({
    where: actor.role === "ADMIN" ? { level: "COUNTY" } : { id: actor.countyId ?? "-" },
    orderBy: { id: "asc" },
    select: { id: true, nameZh: true, nameEn: true },
  });
}

const productSelect = {
  id: true,
  slug: true,
  nameZh: true,
  nameEn: true,
  category: true,
  priceFen: true,
  unitZh: true,
  unitEn: true,
  specZh: true,
  specEn: true,
  status: true,
  listed: true,
  countyId: true,
  operatorId: true,
  certifiedUntil: true,
  reviewNote: true,
  createdAt: true,
  updatedAt: true,
  operator: { select: { nameZh: true, nameEn: true, slug: true } },
  village: { select: { nameZh: true, nameEn: true } },
  township: { select: { nameZh: true, nameEn: true } },
  county: { select: { nameZh: true, nameEn: true } },
  giMark: { select: { nameZh: true, nameEn: true, kind: true, registrationNo: true } },
  images: { orderBy: { position: "asc" }, select: { url: true, altZh: true, altEn: true } },
} satisfies Prisma.ProductSelect;

export type OfficeProductRow = Prisma.ProductGetPayload<{ select: typeof productSelect }>;

export interface BenefitSummary {
  /** Whether the product has links of its own, or falls back on the operator's general links. */
  scope: "product" | "operator" | "none";
  households: number;
  mechanisms: Mechanism[];
  /** Sum of the percentage promises, in basis points. */
  bps: number;
  /** Sum of the fixed promises, fen per unit. */
  fenPerUnit: number;
}

export interface QueueItem {
  product: OfficeProductRow;
  /** The county's average price of listed certified products of the same category (fen), if any. */
  averageFen: number | null;
  links: BenefitSummary;
}

/** Average price (fen) of listed certified products per county and category. */
async function averagePrices(pairs: { countyId: string; category: Category }[]) {
  const out = new Map<string, number>();
  if (pairs.length === 0) return out;
  const groups = await db.product.groupBy({
    by: ["countyId", "category"],
    where: {
      status: "CERTIFIED",
      listed: true,
      countyId: { in: [...new Set(pairs.map((p) => p.countyId))] },
      category: { in: [...new Set(pairs.map((p) => p.category))] },
    },
    _avg: { priceFen: true },
  });
  for (const g of groups) if (g._avg.priceFen !== null) out.set(`${g.countyId}:${g.category}`, Math.round(g._avg.priceFen));
  return out;
}

/** Active links (valid today) summarised per product: its own, else its operator's general ones. */
async function benefitSummaries(products: { id: string; operatorId: string }[]) {
  const now = new Date();
  const links = await db.benefitLink.findMany({
    where: {
      validFrom: { lte: now },
      AND: [
        { OR: [{ validTo: null }, { validTo: { gte: now } }] },
        {
          OR: [
            { productId: { in: products.map((p) => p.id) } },
            { productId: null, operatorId: { in: [...new Set(products.map((p) => p.operatorId))] } },
          ],
        },
      ],
    },
    select: { productId: true, operatorId: true, householdId: true, mechanism: true, rule: true, bps: true, fenPerUnit: true },
  });
  const out = new Map<string, BenefitSummary>();
  for (const p of products) {
    const own = links.filter((l) => l.productId === p.id);
    const general = links.filter((l) => l.productId === null && l.operatorId === p.operatorId);
    const used = own.length > 0 ? own : general;
    out.set(p.id, {
      scope: own.length > 0 ? "product" : general.length > 0 ? "operator" : "none",
      households: new Set(used.map((l) => l.householdId)).size,
      mechanisms: [...new Set(used.map((l) => l.mechanism))].sort(),
      bps: used.reduce((s, l) => s + (l.rule === "PERCENT_OF_SALES" ? (l.bps ?? 0) : 0), 0),
      fenPerUnit: used.reduce((s, l) => s + (l.rule === "FIXED_PER_UNIT" ? (l.fenPerUnit ?? 0) : 0), 0),
    });
  }
  return out;
}

async function withYardsticks(products: OfficeProductRow[]): Promise<QueueItem[]> {
  const [averages, links] = await Promise.all([averagePrices(products), benefitSummaries(products)]);
  return products.map((product) => ({
    product,
    averageFen: averages.get(`${product.countyId}:${product.category}`) ?? null,
    links: links.get(product.id)!,
  }));
}

/** The queue of one status, oldest first (pending: by when it was last changed, i.e. submitted). */
export async function certificationQueue(actor: Actor, status: QueueStatus, countyId: string | null) {
  const counties = actor.role === "ADMIN" ? (countyId ? [countyId] : null) : actor.countyId ? [actor.countyId] : [];
  const where: Prisma.ProductWhereInput = { status: status as ProductStatus, ...(counties ? { countyId: { in: counties } } : {}) };
  const orderBy: Prisma.ProductOrderByWithRelationInput[] =
    status === "CERTIFIED"
      ? [{ certifiedUntil: "asc" }, { id: "asc" }]
      : [{ updatedAt: status === "REJECTED" ? "desc" : "asc" }, { id: "asc" }];
  const [rows, counts] = await Promise.all([
    db.product.findMany({ where, orderBy, take: QUEUE_PAGE_SIZE, select: productSelect }),
    db.product.groupBy({
      by: ["status"],
      where: { status: { in: [...QUEUE_STATUSES] }, ...(counties ? { countyId: { in: counties } } : {}) },
      _count: { _all: true },
    }),
  ]);
  const count = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?._count._all ?? 0])) as Record<
    QueueStatus,
    number
  >;
  return { items: await withYardsticks(rows), count };
}

/** One product for review, with its description, stock movement count and audit history; null outside the actor's counties. */
export async function reviewProduct(actor: Actor, productId: string) {
  if (typeof productId !== "string" || productId.length > 100) return null;
  const product = await db.product.findUnique({
    where: { id: productId },
    select: { ...productSelect, descriptionZh: true, descriptionEn: true, stock: true },
  });
  if (!product || !canOfficeCounty(actor, product.countyId)) return null;
  const [[item], movementCount, history] = await Promise.all([
    withYardsticks([product]),
    db.stockMovement.count({ where: { productId } }),
    db.auditLog.findMany({
      where: { entity: "Product", entityId: productId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { id: true, action: true, detail: true, createdAt: true, user: { select: { name: true, email: true, role: true } } },
    }),
  ]);
  return { ...item!, product, movementCount, history };
}
