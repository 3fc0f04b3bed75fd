// Reads of shipping rules: the console form, the product page, the checkout page.
import type { Db } from "@/lib/db/client";
import { parseProvinces, type ShippingRuleData } from "./fees";

export interface ShippingInfo extends ShippingRuleData {
  dispatchDays: number;
  shipFromZh: string;
  shipFromEn: string;
  afterSalesZh: string;
  afterSalesEn: string;
}

export async function shippingRulesOf(db: Pick<Db, "shippingRule">, operatorIds: string[]): Promise<Record<string, ShippingInfo>> {
  const rows = await db.shippingRule.findMany({ where: { operatorId: { in: operatorIds } } });
  return Object.fromEntries(
    rows.map((r) => [
      r.operatorId,
      {
        flatFen: r.flatFen,
        freeAboveFen: r.freeAboveFen,
        coldChainFen: r.coldChainFen,
        provinces: parseProvinces(r.provinces),
        dispatchDays: r.dispatchDays,
        shipFromZh: r.shipFromZh,
        shipFromEn: r.shipFromEn,
        afterSalesZh: r.afterSalesZh,
        afterSalesEn: r.afterSalesEn,
      },
    ]),
  );
}
