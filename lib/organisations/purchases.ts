// What an organisation bought in a year that counts toward a quota (docs/DESIGN.md: buyer
// organisations): lines of its paid orders (and of its trade unions' orders, which count toward the
// unit), paid in the Asia/Shanghai calendar year, of products certified at the sale, net of their
// refunds (netFen − refundedFen, in the sale's year like the county reports). Takes the db.
import type { Db } from "@/lib/db/client";
import { shanghaiDayStart } from "@/lib/time/shanghai";

/** Counted purchases per organisation id (the union's orders count for its unit and for itself). */
export async function countedPurchasesFen(db: Db, organisationIds: readonly string[], year: number): Promise<Map<string, bigint>> {
  const counted = new Map<string, bigint>(organisationIds.map((id) => [id, 0n]));
  if (organisationIds.length === 0) return counted;
  // Order."paidAt" is a UTC timestamp without zone: compare with the year's bounds in UTC.
  const from = shanghaiDayStart(`${year}-01-01`).toISOString();
  const until = shanghaiDayStart(`${year + 1}-01-01`).toISOString();
  const rows = await db.$queryRaw<{ organisationId: string; fen: bigint }[]>`
    WITH orgs AS (
      SELECT o.id AS "organisationId", o.id AS buyer FROM "Organisation" o WHERE o.id = ANY(${organisationIds as string[]})
      UNION ALL
      SELECT u."parentUnitId", u.id FROM "Organisation" u WHERE u."parentUnitId" = ANY(${organisationIds as string[]})
    )
    SELECT orgs."organisationId", COALESCE(SUM(l."netFen" - l."refundedFen"), 0)::bigint AS fen
    FROM orgs
    JOIN "Order" ord ON ord."organisationId" = orgs.buyer
    JOIN "OrderLine" l ON l."orderId" = ord.id
    WHERE ord."paidAt" >= (${from}::timestamptz AT TIME ZONE 'UTC')
      AND ord."paidAt" < (${until}::timestamptz AT TIME ZONE 'UTC')
      AND l."certifiedAtSale"
    GROUP BY orgs."organisationId"`;
  for (const row of rows) counted.set(row.organisationId, BigInt(row.fen));
  return counted;
}
