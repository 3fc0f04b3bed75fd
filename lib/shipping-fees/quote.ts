// The shipping lines of an order being placed: each seller's rule applied to its part of the
// order and the delivery province (./fees.ts). Checkout calls this once, before anything is held;
// a province a seller does not deliver to is refused here, naming the seller and the province.
import type { Db } from "@/lib/db/client";
import { ActionError } from "@/lib/errors";
import { provinceName } from "@/lib/regions/province-names";
import { parseProvinces, sellerParts, shippingFor } from "./fees";

export interface OrderShippingLine {
  operatorId: string;
  feeFen: number;
  coldChain: boolean;
}

export async function quoteOrderShipping(
  db: Pick<Db, "shippingRule" | "operator">,
  lines: { operatorId: string; netFen: number; coldChain: boolean }[],
  province: string,
  locale: "zh-CN" | "en",
): Promise<{ lines: OrderShippingLine[]; totalFen: number }> {
  const parts = sellerParts(lines);
  const operatorIds = [...parts.keys()].sort();
  const rules = new Map(
    (await db.shippingRule.findMany({ where: { operatorId: { in: operatorIds } } })).map((r) => [
      r.operatorId,
      { flatFen: r.flatFen, freeAboveFen: r.freeAboveFen, coldChainFen: r.coldChainFen, provinces: parseProvinces(r.provinces) },
    ]),
  );
  const out: OrderShippingLine[] = [];
  for (const operatorId of operatorIds) {
    const part = parts.get(operatorId)!;
    const quote = shippingFor(rules.get(operatorId) ?? null, { ...part, province });
    if (!quote.ok) {
      const seller = await db.operator.findUnique({ where: { id: operatorId }, select: { nameZh: true, nameEn: true } });
      throw new ActionError("provinceNotServed", {
        seller: seller ? (locale === "en" ? seller.nameEn : seller.nameZh) : operatorId,
        province: provinceName(locale, quote.notDelivered),
      });
    }
    out.push({ operatorId, feeFen: quote.feeFen, coldChain: part.coldChain });
  }
  return { lines: out, totalFen: out.reduce((sum, l) => sum + l.feeFen, 0) };
}
