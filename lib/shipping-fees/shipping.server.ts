import "server-only";
import { db } from "@/lib/db/db.server";
import { shippingRulesOf } from "./queries";

/** The shipping rules of these sellers (uncached: the console and checkout need what is stored). */
export const shippingRulesFor = (operatorIds: string[]) => shippingRulesOf(db, operatorIds);

export interface CheckoutSeller {
  operatorId: string;
  nameZh: string;
  nameEn: string;
  goodsFen: number;
  coldChain: boolean;
  rule: import("./fees").ShippingRuleData | null;
}

/** The sellers of what is being bought, with their goods, cold chain and rule: the checkout page quotes shipping from these. */
export async function checkoutSellers(items: { productId: string; priceFen: number; quantity: number }[]): Promise<CheckoutSeller[]> {
  const products = await db.product.findMany({
    where: { id: { in: items.map((i) => i.productId) } },
    select: { id: true, coldChain: true, operator: { select: { id: true, nameZh: true, nameEn: true } } },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  const sellers = new Map<string, CheckoutSeller>();
  for (const item of items) {
    const p = byId.get(item.productId);
    if (!p) continue;
    const s = sellers.get(p.operator.id) ?? {
      operatorId: p.operator.id,
      nameZh: p.operator.nameZh,
      nameEn: p.operator.nameEn,
      goodsFen: 0,
      coldChain: false,
      rule: null,
    };
    s.goodsFen += item.priceFen * item.quantity;
    s.coldChain ||= p.coldChain;
    sellers.set(p.operator.id, s);
  }
  const rules = await shippingRulesOf(db, [...sellers.keys()]);
  return [...sellers.values()].map((s) => ({ ...s, rule: rules[s.operatorId] ?? null }));
}
