// Livestream fixtures: a running campaign of fresh products, reservation requests of distinct
// buyers, and the books of each allotment (stock, units on live orders, both ledgers).
import type { Actor } from "@/lib/auth/actor";
import { createCampaign, publishCampaign } from "@/lib/campaigns/campaigns";
import { testDb } from "./db";
import { makeProduct } from "./shop";

export { liveRequest } from "./live-request";

/** A published, running campaign of fresh products (stock 1,000 each), with its allotment ids. */
export async function liveCampaign(admin: Actor, allotments: number[], limit: number, over: { priceFen?: number } = {}) {
  const products = await Promise.all(allotments.map(() => makeProduct("dazhuang-chili-coop", { stock: 1000 })));
  const now = new Date();
  const c = await createCampaign(
    testDb,
    admin,
    {
      titleZh: "测试直播",
      titleEn: "Test live",
      hostZh: "主播",
      startsAt: now,
      endsAt: new Date(now.getTime() + 3600_000),
      perBuyerLimit: limit,
      items: products.map((p, i) => ({ productId: p.id, priceFen: over.priceFen ?? 3900, allotment: allotments[i]! })),
    },
    now,
  );
  await publishCampaign(testDb, admin, c.id, now);
  const items = await testDb.campaignProduct.findMany({ where: { campaignId: c.id }, orderBy: { position: "asc" } });
  return { campaignId: c.id, items, products };
}

/** Stock (the sum of its shards), units on live orders and the two ledgers of each allotment. */
export async function books(campaignId: string) {
  const rows = await testDb.$queryRaw<
    {
      id: string;
      productId: string;
      stock: number;
      taken: number;
      onOrders: number;
      campaignLedger: number;
      productStock: number;
      productLedger: number;
    }[]
  >`
    SELECT cp."id", cp."productId", cp."taken",
      (SELECT COALESCE(SUM(s."stock"), 0)::int FROM "CampaignShard" s WHERE s."campaignProductId" = cp."id") AS "stock",
      (SELECT COALESCE(SUM(l."quantity"), 0)::int FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
        WHERE o."campaignId" = cp."campaignId" AND l."productId" = cp."productId" AND o."status" <> 'CANCELLED') AS "onOrders",
      (SELECT COALESCE(SUM(m."delta"), 0)::int FROM "StockMovement" m WHERE m."campaignProductId" = cp."id") AS "campaignLedger",
      p."stock" AS "productStock",
      (SELECT COALESCE(SUM(m."delta"), 0)::int FROM "StockMovement" m WHERE m."productId" = cp."productId" AND m."campaignProductId" IS NULL) AS "productLedger"
    FROM "CampaignProduct" cp JOIN "Product" p ON p."id" = cp."productId"
    WHERE cp."campaignId" = ${campaignId} ORDER BY cp."position"`;
  return rows;
}
