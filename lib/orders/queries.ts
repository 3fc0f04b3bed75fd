// What the shopper's pages read about orders: the order page, the account's list, the impact
// receipt. Access is decided by the caller (lib/orders/access.ts); these only read.
import type { Db } from "@/lib/db/client";

export async function orderByNumber(db: Db, number: string) {
  return db.order.findUnique({
    where: { number },
    select: {
      id: true,
      number: true,
      userId: true,
      email: true,
      channel: true,
      status: true,
      totalFen: true,
      refundedFen: true,
      createdAt: true,
      paidAt: true,
      reservedUntil: true,
      awaitingAsyncPay: true,
      cancelReason: true,
      paymentProvider: true,
      paymentSessionId: true,
      paymentUrl: true,
      transferReference: true,
      recipient: true,
      mobile: true,
      province: true,
      city: true,
      district: true,
      address: true,
      lines: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          quantity: true,
          unitPriceFen: true,
          netFen: true,
          refundedFen: true,
          certifiedAtSale: true,
          operatorId: true,
          product: { select: { slug: true, nameZh: true, nameEn: true, specZh: true, specEn: true, unitZh: true, unitEn: true } },
        },
      },
      shipping: { select: { operatorId: true, feeFen: true, refundedFen: true, coldChain: true } },
      shipments: {
        orderBy: { operatorId: "asc" },
        select: {
          id: true,
          operatorId: true,
          status: true,
          carrier: true,
          trackingNo: true,
          shippedAt: true,
          deliveredAt: true,
          receivedAt: true,
          operator: { select: { slug: true, nameZh: true, nameEn: true } },
        },
      },
    },
  });
}
export type OrderPageData = NonNullable<Awaited<ReturnType<typeof orderByNumber>>>;

export async function ordersOfUser(db: Db, userId: string, take = 50) {
  return db.order.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      number: true,
      status: true,
      totalFen: true,
      refundedFen: true,
      createdAt: true,
      lines: { select: { quantity: true, product: { select: { nameZh: true, nameEn: true } } }, orderBy: { id: "asc" } },
    },
  });
}

export interface ImpactReceipt {
  /** What reached households, net of refunds, in fen. */
  reachedFen: number;
  /** What the shopper paid and kept paid (total less refunds). */
  paidFen: number;
  households: number;
  villages: { id: string; nameZh: string; nameEn: string }[];
}

/** Read from the allocation ledger (never estimated): households with a positive net share of this order. */
export async function impactReceipt(db: Db, orderId: string): Promise<ImpactReceipt> {
  const rows = await db.$queryRaw<{ householdId: string; villageId: string; fen: bigint }[]>`
    SELECT a."householdId", h."villageId", SUM(a."amountFen")::bigint AS "fen"
    FROM "Allocation" a
    JOIN "OrderLine" l ON l."id" = a."orderLineId"
    JOIN "Household" h ON h."id" = a."householdId"
    WHERE l."orderId" = ${orderId}
    GROUP BY a."householdId", h."villageId"
    HAVING SUM(a."amountFen") > 0`;
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { totalFen: true, refundedFen: true } });
  const villageIds = [...new Set(rows.map((r) => r.villageId))].sort();
  const villages = await db.region.findMany({
    where: { id: { in: villageIds } },
    orderBy: { id: "asc" },
    select: { id: true, nameZh: true, nameEn: true },
  });
  return {
    reachedFen: Number(rows.reduce((s, r) => s + r.fen, 0n)),
    paidFen: order.totalFen - order.refundedFen,
    households: rows.length,
    villages,
  };
}
