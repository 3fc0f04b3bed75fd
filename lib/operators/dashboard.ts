// The figures on a cooperative's console home page. Pure queries: the database comes first,
// the caller has checked the scope. Money sums are computed in SQL as bigint (docs/DESIGN.md#rule-1);
// days and months are Asia/Shanghai calendar days and months.
import type { Db, Prisma } from "@/lib/db/client";
import { shanghaiDayRange, shanghaiMonthRange } from "@/lib/time/shanghai";

type Reader = Db | Prisma.TransactionClient;

/** Order statuses whose lines count as sold (paid and not cancelled or refunded as a whole). */
export const SOLD_STATUSES = ["PAID", "SHIPPED", "DELIVERED"] as const;
/** A listed product with this much stock or less is shown as running low. */
export const LOW_STOCK_THRESHOLD = 10;

/** Sum of netFen − refundedFen of the operator's sold lines of orders paid in [start, end). */
export async function salesBetween(db: Reader, operatorId: string, start: Date, end: Date): Promise<number> {
  const rows = await db.$queryRaw<{ fen: bigint | null }[]>`
    SELECT SUM(l."netFen" - l."refundedFen")::bigint AS fen
    FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
    WHERE l."operatorId" = ${operatorId}
      AND o.status::text IN (${SOLD_STATUSES[0]}, ${SOLD_STATUSES[1]}, ${SOLD_STATUSES[2]})
      AND o."paidAt" >= ${start} AND o."paidAt" < ${end}`;
  return Number(rows[0]?.fen ?? 0);
}

/**
 * Orders whose part of this operator is paid and not yet sent (its shipment TO_SHIP). Another
 * seller's part of the same order does not count: each ships its own (lib/orders/shipping.ts).
 */
export async function ordersAwaitingShipment(db: Reader, operatorId: string): Promise<number> {
  return db.shipment.count({ where: { operatorId, status: "TO_SHIP", order: { status: { in: ["PAID", "SHIPPED"] } } } });
}

export interface LowStockProduct {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  stock: number;
  unitZh: string;
  unitEn: string;
}

/** Listed products with stock at or below the threshold, emptiest first. */
export async function lowStockProducts(db: Reader, operatorId: string, threshold = LOW_STOCK_THRESHOLD): Promise<LowStockProduct[]> {
  return db.product.findMany({
    where: { operatorId, listed: true, stock: { lte: threshold } },
    orderBy: [{ stock: "asc" }, { nameZh: "asc" }],
    select: { id: true, slug: true, nameZh: true, nameEn: true, stock: true, unitZh: true, unitEn: true },
  });
}

/**
 * 带动户数: distinct households whose allocations from the operator's order lines, written in
 * [start, end), add up to more than zero (a sale refunded within the period does not count).
 */
export async function householdsReachedBetween(db: Reader, operatorId: string, start: Date, end: Date): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(*)::bigint AS n FROM (
      SELECT a."householdId"
      FROM "Allocation" a JOIN "OrderLine" l ON l.id = a."orderLineId"
      WHERE l."operatorId" = ${operatorId} AND a."createdAt" >= ${start} AND a."createdAt" < ${end}
      GROUP BY a."householdId"
      HAVING SUM(a."amountFen") > 0
    ) reached`;
  return Number(rows[0]?.n ?? 0);
}

/** Links in force at `now`, and the distinct households they tie to the operator. */
export async function linksInForce(db: Reader, operatorId: string, now: Date): Promise<{ links: number; households: number }> {
  const rows = await db.$queryRaw<{ links: bigint; households: bigint }[]>`
    SELECT COUNT(*)::bigint AS links, COUNT(DISTINCT "householdId")::bigint AS households
    FROM "BenefitLink"
    WHERE "operatorId" = ${operatorId} AND "validFrom" <= ${now} AND ("validTo" IS NULL OR "validTo" >= ${now})`;
  return { links: Number(rows[0]?.links ?? 0), households: Number(rows[0]?.households ?? 0) };
}

export interface Dashboard {
  todayFen: number;
  monthFen: number;
  awaitingShipment: number;
  lowStock: LowStockProduct[];
  householdsReachedThisMonth: number;
  linksInForce: { links: number; households: number };
}

export async function getDashboard(db: Reader, operatorId: string, now = new Date()): Promise<Dashboard> {
  const day = shanghaiDayRange(now);
  const month = shanghaiMonthRange(now);
  const [todayFen, monthFen, awaitingShipment, lowStock, householdsReachedThisMonth, links] = await Promise.all([
    salesBetween(db, operatorId, day.start, day.end),
    salesBetween(db, operatorId, month.start, month.end),
    ordersAwaitingShipment(db, operatorId),
    lowStockProducts(db, operatorId),
    householdsReachedBetween(db, operatorId, month.start, month.end),
    linksInForce(db, operatorId, now),
  ]);
  return { todayFen, monthFen, awaitingShipment, lowStock, householdsReachedThisMonth, linksInForce: links };
}
