// A campaign's allotments move between the shelf and the campaign, each move in the stock ledger
// (two rows: the product's own stock and the campaign's allotment, see StockMovement.campaignProductId):
//   start   when the window opens: each product gives LEAST(allotment, stock) units to the campaign
//   end     when it closes: what is left of each allotment goes back to the shelf
//   release an unpaid campaign order's units go back to the allotment while the campaign runs, to
//           the shelf after it ended; the buyer's units under the per-buyer limit come back too
// Each locks its campaign (or allotment) row first and acts once: a second call, another process
// or the sweeper at the same time change nothing more. What is left of a started allotment lives in
// its shards (CampaignShard): the start splits what it takes over them (./rules.ts shardsFor), the
// end returns their sum, a release gives back to shard 0.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env/env";
import { adjustStock } from "@/lib/stock/ledger";
import { buyerKeys } from "./buyer";
import { shardsFor, splitUnits } from "./rules";

type Tx = Prisma.TransactionClient;

async function campaignMove(
  tx: Tx,
  a: {
    campaignProductId: string;
    productId: string;
    delta: number;
    stockAfter: number;
    reason: "CAMPAIGN_ALLOT" | "CAMPAIGN_RETURN" | "RELEASE";
    note: string;
  },
) {
  await tx.stockMovement.create({
    data: {
      productId: a.productId,
      campaignProductId: a.campaignProductId,
      delta: a.delta,
      stockAfter: a.stockAfter,
      reason: a.reason,
      note: a.note.slice(0, 500),
    },
  });
}

/**
 * Takes the allotments of a published campaign whose window has opened, each split over up to
 * `shards` rows (LIVE_ALLOTMENT_SHARDS). True if it did so now.
 */
export async function startCampaign(db: Db, campaignId: string, now = new Date(), shards = env().LIVE_ALLOTMENT_SHARDS): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Campaign" WHERE "id" = ${campaignId} AND "status" = 'PUBLISHED' AND "startedAt" IS NULL
        AND "startsAt" <= ${now} AND "endsAt" > ${now} FOR UPDATE`;
    if (!rows[0]) return false;
    const c = await tx.campaign.findUniqueOrThrow({
      where: { id: campaignId },
      select: { slug: true, products: { orderBy: { productId: "asc" } } },
    });
    for (const cp of c.products) {
      const locked = await tx.$queryRaw<{ stock: number }[]>`SELECT "stock" FROM "Product" WHERE "id" = ${cp.productId} FOR UPDATE`;
      const take = Math.min(cp.allotment, locked[0]?.stock ?? 0);
      if (take > 0) {
        await adjustStock(tx, { productId: cp.productId, delta: -take, reason: "CAMPAIGN_ALLOT", note: `campaign ${c.slug}` });
        await campaignMove(tx, {
          campaignProductId: cp.id,
          productId: cp.productId,
          delta: take,
          stockAfter: take,
          reason: "CAMPAIGN_ALLOT",
          note: `campaign ${c.slug}`,
        });
      }
      await tx.campaignProduct.update({ where: { id: cp.id }, data: { taken: take } });
      await tx.campaignShard.deleteMany({ where: { campaignProductId: cp.id } });
      await tx.campaignShard.createMany({
        data: splitUnits(take, shardsFor(take, shards)).map((stock, shard) => ({ campaignProductId: cp.id, shard, stock })),
      });
    }
    await tx.campaign.update({ where: { id: campaignId }, data: { startedAt: now } });
    return true;
  });
}

/** Returns what is left of a started campaign's allotments to the shelves. True if it did so now. */
export async function endCampaign(db: Db, campaignId: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; slug: string }[]>`
      SELECT "id", "slug" FROM "Campaign" WHERE "id" = ${campaignId} AND "startedAt" IS NOT NULL AND "endedAt" IS NULL
        AND ("endsAt" <= ${now} OR "status" = 'CANCELLED') FOR UPDATE`;
    const c = rows[0];
    if (!c) return false;
    // Every shard locked (allotments in product order, shards in shard order: the reservations' order).
    const shards = await tx.$queryRaw<{ id: string; productId: string; stock: number }[]>`
      SELECT cp."id", cp."productId", s."stock" FROM "CampaignShard" s JOIN "CampaignProduct" cp ON cp."id" = s."campaignProductId"
      WHERE cp."campaignId" = ${campaignId} ORDER BY cp."productId", s."shard" FOR UPDATE OF s`;
    const items = new Map<string, { id: string; productId: string; stock: number }>();
    for (const s of shards) {
      const item = items.get(s.id) ?? { id: s.id, productId: s.productId, stock: 0 };
      item.stock += s.stock;
      items.set(s.id, item);
    }
    for (const cp of items.values()) {
      if (cp.stock > 0) {
        await campaignMove(tx, {
          campaignProductId: cp.id,
          productId: cp.productId,
          delta: -cp.stock,
          stockAfter: 0,
          reason: "CAMPAIGN_RETURN",
          note: `campaign ${c.slug}`,
        });
        await adjustStock(tx, { productId: cp.productId, delta: cp.stock, reason: "CAMPAIGN_RETURN", note: `campaign ${c.slug}` });
        await tx.campaignShard.updateMany({ where: { campaignProductId: cp.id }, data: { stock: 0 } });
      }
    }
    await tx.campaign.update({ where: { id: campaignId }, data: { endedAt: now } });
    return true;
  });
}

/** Starts and ends whatever campaigns are due (the campaign clock, every second or so). */
export async function tickCampaigns(db: Db, now = new Date()): Promise<{ started: number; ended: number }> {
  const due = await db.campaign.findMany({
    where: {
      OR: [
        { status: "PUBLISHED", startedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
        { startedAt: { not: null }, endedAt: null, OR: [{ endsAt: { lte: now } }, { status: "CANCELLED" }] },
      ],
    },
    select: { id: true, startedAt: true },
    take: 50,
  });
  let started = 0;
  let ended = 0;
  for (const c of due) {
    if (c.startedAt === null) started += Number(await startCampaign(db, c.id, now));
    else ended += Number(await endCampaign(db, c.id, now));
  }
  return { started, ended };
}

/**
 * Gives back the stock of a campaign order being released (the caller has locked the order and
 * cancels it in the same transaction): to the allotment while the campaign runs, else to the shelf;
 * and the buyer's units under the per-buyer limit.
 */
export async function releaseCampaignLines(
  tx: Tx,
  order: {
    id: string;
    number: string;
    campaignId: string;
    userId: string | null;
    email: string;
    mobile: string;
    province: string;
    city: string;
    district: string;
    address: string;
  },
): Promise<void> {
  const lines = await tx.orderLine.findMany({
    where: { orderId: order.id },
    select: { productId: true, quantity: true },
    orderBy: { productId: "asc" },
  });
  const campaign = await tx.$queryRaw<
    { endedAt: Date | null }[]
  >`SELECT "endedAt" FROM "Campaign" WHERE "id" = ${order.campaignId} FOR SHARE`;
  let units = 0;
  for (const line of lines) {
    units += line.quantity;
    const cp =
      campaign[0] && campaign[0].endedAt === null
        ? await tx.$queryRaw<{ id: string; stock: number }[]>`
            UPDATE "CampaignShard" s SET "stock" = s."stock" + ${line.quantity}::int
            FROM "CampaignProduct" cp
            WHERE cp."campaignId" = ${order.campaignId} AND cp."productId" = ${line.productId}
              AND s."campaignProductId" = cp."id" AND s."shard" = 0
            RETURNING cp."id", s."stock"`
        : [];
    if (cp[0]) {
      await campaignMove(tx, {
        campaignProductId: cp[0].id,
        productId: line.productId,
        delta: line.quantity,
        stockAfter: cp[0].stock,
        reason: "RELEASE",
        note: order.number,
      });
    } else {
      await adjustStock(tx, { productId: line.productId, delta: line.quantity, reason: "RELEASE", note: order.number });
    }
  }
  const keys = buyerKeys(order);
  await tx.$executeRaw`
    UPDATE "CampaignBuyer" SET "units" = GREATEST(0, "units" - ${units}::int)
    WHERE "campaignId" = ${order.campaignId} AND "buyerKey" = ANY(${keys}::text[])`;
}
