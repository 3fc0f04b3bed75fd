// The campaign console's reads: an operator's campaigns with their live figures, one draft for the
// edit form, the products a campaign may sell, and the admin's list of campaigns waiting to publish.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { phaseAt } from "./rules";

const PAID = ["PAID", "SHIPPED", "DELIVERED"] as const;

const campaignSelect = {
  id: true,
  slug: true,
  titleZh: true,
  titleEn: true,
  hostZh: true,
  hostEn: true,
  startsAt: true,
  endsAt: true,
  perBuyerLimit: true,
  status: true,
  startedAt: true,
  endedAt: true,
  createdAt: true,
  products: {
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      productId: true,
      operatorId: true,
      priceFen: true,
      allotment: true,
      taken: true,
      shards: { select: { stock: true } },
      product: { select: { nameZh: true, nameEn: true, priceFen: true, operator: { select: { nameZh: true, nameEn: true, slug: true } } } },
    },
  },
} satisfies Prisma.CampaignSelect;

type Row = Prisma.CampaignGetPayload<{ select: typeof campaignSelect }>;

/** What the console shows of a campaign: its state now, and per product what is held, sold and left. */
async function withFigures(db: Db, rows: Row[], now: Date) {
  const ids = rows.map((r) => r.id);
  const orders = ids.length
    ? await db.order.groupBy({
        by: ["campaignId", "status"],
        where: { campaignId: { in: ids } },
        _count: { _all: true },
        _sum: { totalFen: true },
      })
    : [];
  return rows.map((c) => {
    const mine = orders.filter((o) => o.campaignId === c.id);
    const paid = mine.filter((o) => (PAID as readonly string[]).includes(o.status));
    const state =
      c.status === "DRAFT"
        ? "draft"
        : c.status === "CANCELLED"
          ? "cancelled"
          : c.endedAt
            ? "ended"
            : phaseAt(c, now) === "live"
              ? "live"
              : phaseAt(c, now) === "ended"
                ? "ended"
                : "upcoming";
    return {
      ...c,
      state: state as "draft" | "cancelled" | "upcoming" | "live" | "ended",
      paidOrders: paid.reduce((s, o) => s + o._count._all, 0),
      paidFen: paid.reduce((s, o) => s + (o._sum.totalFen ?? 0), 0),
      unpaidOrders: mine.filter((o) => o.status === "PENDING_PAYMENT").reduce((s, o) => s + o._count._all, 0),
      items: c.products.map(({ shards, ...p }) => {
        const stock = shards.reduce((sum, s) => sum + s.stock, 0); // what is left, over its shards
        return {
          ...p,
          // Units in buyers' hands (held or paid): what was taken from the shelf less what is left.
          sold: c.startedAt ? p.taken - stock : 0,
          left: c.startedAt && !c.endedAt ? stock : null,
        };
      }),
    };
  });
}
export type ConsoleCampaign = Awaited<ReturnType<typeof withFigures>>[number];

/** The campaigns that sell this operator's products, newest first. */
export async function operatorCampaigns(db: Db, operatorId: string, now = new Date()) {
  const rows = await db.campaign.findMany({
    where: { products: { some: { operatorId } } },
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: 50,
    select: campaignSelect,
  });
  return withFigures(db, rows, now);
}

/** One of this operator's campaigns, or null (another operator's reads as missing). */
export async function operatorCampaign(db: Db, operatorId: string, campaignId: string, now = new Date()) {
  const row = await db.campaign.findFirst({ where: { id: campaignId, products: { some: { operatorId } } }, select: campaignSelect });
  return row ? (await withFigures(db, [row], now))[0]! : null;
}

/** The admin's list: drafts waiting to be published first (soonest start first), then the latest others. */
export async function adminCampaigns(db: Db, now = new Date()) {
  const [waiting, others] = await Promise.all([
    db.campaign.findMany({ where: { status: "DRAFT" }, orderBy: [{ startsAt: "asc" }, { id: "asc" }], take: 100, select: campaignSelect }),
    db.campaign.findMany({
      where: { status: { not: "DRAFT" } },
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      take: 30,
      select: campaignSelect,
    }),
  ]);
  return { waiting: await withFigures(db, waiting, now), others: await withFigures(db, others, now) };
}

/** The products a campaign of this operator may sell: its listed ones, with today's stock. */
export function campaignProductChoices(db: Db, operatorId: string) {
  return db.product.findMany({
    where: { operatorId, listed: true },
    orderBy: [{ nameZh: "asc" }, { id: "asc" }],
    take: 200,
    select: { id: true, nameZh: true, nameEn: true, specZh: true, specEn: true, priceFen: true, stock: true, maxPerOrder: true },
  });
}
