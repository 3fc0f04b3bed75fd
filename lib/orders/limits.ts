// Rule 8 for every checkout: nobody can hoard.
//   per product per order   Product.maxPerOrder (每单限购, default 20, set in the product form)
//   unpaid orders per buyer  MAX_UNPAID_ORDERS (default 5) pending orders per account, or for a guest
//                            per e-mail and per delivery phone + district; counted under a lock per
//                            buyer, so twenty orders fired at once by one guest cannot all pass
// A campaign's per-buyer limit is kept by the database (lib/campaigns/reserve.ts, CampaignBuyer).
import { ActionError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Refuses an order that asks for more of a product than its per-order limit, naming the limit. */
export function assertWithinOrderLimit(
  lines: { quantity: number; product: { maxPerOrder: number; nameZh: string; nameEn: string } }[],
  locale: "zh-CN" | "en",
): void {
  for (const line of lines) {
    if (line.quantity > line.product.maxPerOrder) {
      throw new ActionError("quantityOverLimit", {
        name: locale === "en" ? line.product.nameEn : line.product.nameZh,
        max: line.product.maxPerOrder,
        quantity: line.quantity,
      });
    }
  }
}

/** MAX_UNPAID_ORDERS at or above this turns the cap (and its per-buyer lock) off. */
export const UNPAID_CAP_OFF = 1_000_000;

export interface Buyer {
  userId: string | null;
  email: string;
  mobile: string;
  district: string;
}

/**
 * Inside the order's transaction, before it is created: locks this buyer (each of their keys, in
 * a fixed order) until the commit and refuses a new order when they already have `max` unpaid ones.
 */
export async function assertUnpaidWithinCap(tx: Tx, buyer: Buyer, max: number, now: Date): Promise<void> {
  // Off (./test and bench:checkout, whose orders are all one guest's): no lock, so they keep their concurrency.
  if (max >= UNPAID_CAP_OFF) return;
  const keys = (buyer.userId ? [`u:${buyer.userId}`] : [`e:${buyer.email}`, `m:${buyer.mobile}:${buyer.district}`]).sort();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(k, 8)) FROM unnest(${keys}::text[]) AS k ORDER BY k`;
  const rows = buyer.userId
    ? await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Order" WHERE "userId" = ${buyer.userId} AND "status" = 'PENDING_PAYMENT' AND "reservedUntil" > ${now}`
    : await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Order" WHERE "status" = 'PENDING_PAYMENT' AND "reservedUntil" > ${now}
          AND ("email" = ${buyer.email} OR ("mobile" = ${buyer.mobile} AND "district" = ${buyer.district}))`;
  if ((rows[0]?.n ?? 0) >= max) throw new ActionError("tooManyUnpaid", { max });
}
