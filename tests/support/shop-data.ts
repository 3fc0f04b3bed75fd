// Products and links made for one test (vitest: ./shop.ts; Playwright passes its own client), so tests that buy and refund never disturb each other or
// the demo data: a copy of a seed product of the operator, sold by a copy of that operator (so the
// demo operators' sales stay as the seed left them), with its own stock, price and links.
import { randomBytes } from "node:crypto";
import type { CheckoutInput } from "@/lib/orders/checkout";
import type { Db } from "@/lib/db/client";

export const ADDRESS = {
  recipient: "王小明",
  mobile: "138 0013 8000",
  province: "甘肃省",
  city: "天水市",
  district: "甘谷县",
  address: "大像山镇人民路 12 号",
};

export const newKey = () => randomBytes(16).toString("base64url");

export async function makeProductIn(
  db: Db,
  operatorSlug: string,
  over: { stock?: number; priceFen?: number; status?: "CERTIFIED" | "PENDING_CERTIFICATION" | "DRAFT"; sameSeller?: boolean } = {},
) {
  const model = await db.operator.findUniqueOrThrow({ where: { slug: operatorSlug } });
  const template = await db.product.findFirstOrThrow({ where: { operatorId: model.id }, orderBy: { slug: "asc" } });
  const tag = randomBytes(4).toString("hex");
  // sameSeller: sold by the demo operator itself (tests of its console, where its managers act).
  const operator = over.sameSeller
    ? { id: model.id }
    : await db.operator.create({
        data: {
          slug: `test-op-${tag}`,
          nameZh: `测试合作社${tag}`,
          nameEn: `Test cooperative ${tag}`,
          kind: model.kind,
          creditCode: `93${randomBytes(8).toString("hex").toUpperCase()}`,
          countyId: model.countyId,
          villageId: model.villageId,
        },
        select: { id: true },
      });
  return db.product.create({
    data: {
      slug: `test-${tag}`,
      operatorId: operator.id,
      nameZh: `测试商品${tag}`,
      nameEn: `Test product ${tag}`,
      category: template.category,
      unitZh: template.unitZh,
      unitEn: template.unitEn,
      specZh: template.specZh,
      specEn: template.specEn,
      priceFen: over.priceFen ?? 5000,
      stock: over.stock ?? 100,
      status: over.status ?? "CERTIFIED",
      certifiedUntil: null,
      listed: true,
      villageId: template.villageId,
      townshipId: template.townshipId,
      countyId: template.countyId,
    },
    select: { id: true, operatorId: true, priceFen: true, countyId: true, villageId: true },
  });
}

/** Links of the product to `n` households of its county: PERCENT_OF_SALES at the given basis points. */
export async function linkHouseholdsIn(db: Db, product: { id: string; operatorId: string; countyId: string }, bps: number[]) {
  const households = await db.household.findMany({
    where: { countyId: product.countyId },
    orderBy: { registryCode: "asc" },
    take: bps.length,
    select: { id: true },
  });
  return Promise.all(
    bps.map((b, i) =>
      db.benefitLink.create({
        data: {
          householdId: households[i]!.id,
          operatorId: product.operatorId,
          productId: product.id,
          mechanism: "PURCHASE",
          rule: "PERCENT_OF_SALES",
          bps: b,
          validFrom: new Date("2020-01-01T00:00:00Z"),
        },
        select: { id: true, householdId: true },
      }),
    ),
  );
}

export function cartOf(items: { id: string; priceFen: number; quantity?: number }[], over: Partial<CheckoutInput> = {}): CheckoutInput {
  return {
    checkoutKey: newKey(),
    email: "guest@example.test",
    address: ADDRESS,
    items: items.map((p) => ({ productId: p.id, quantity: p.quantity ?? 1, expectedPriceFen: p.priceFen })),
    ...over,
  };
}
