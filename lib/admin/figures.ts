// Platform figures for the admin home, per Shanghai day over the last `days` days: orders paid,
// GMV (their totals), assistance sales (the report's definition: net − refunded of lines of
// CERTIFIED products, by the day the order was paid), new users, new operators. Takes a `db`.
import type { Db } from "@/lib/db/client";

export interface DayFigures {
  day: string;
  orders: number;
  gmvFen: number;
  assistanceFen: number;
  newUsers: number;
  newOperators: number;
}

export async function platformFigures(db: Db, days = 14, now = new Date()): Promise<DayFigures[]> {
  const todayStart = new Date(`${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`);
  const since = new Date(todayStart.getTime() - (days - 1) * 86_400_000);
  const rows = await db.$queryRaw<{ day: string; orders: bigint; gmv: bigint; assistance: bigint; users: bigint; operators: bigint }[]>`
    WITH days AS (
      SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series(${since}::timestamptz AT TIME ZONE 'Asia/Shanghai', ${todayStart}::timestamptz AT TIME ZONE 'Asia/Shanghai', interval '1 day') d
    ),
    o AS (
      SELECT to_char("paidAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, COUNT(*)::bigint AS orders, SUM("totalFen")::bigint AS gmv
      FROM "Order" WHERE "paidAt" >= ${since} GROUP BY 1
    ),
    a AS (
      SELECT to_char(o."paidAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, SUM(l."netFen" - l."refundedFen")::bigint AS assistance
      FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
      WHERE o."paidAt" >= ${since} AND l."certifiedAtSale" GROUP BY 1
    ),
    u AS (SELECT to_char("createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, COUNT(*)::bigint AS users FROM "User" WHERE "createdAt" >= ${since} GROUP BY 1),
    p AS (SELECT to_char("createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, COUNT(*)::bigint AS operators FROM "Operator" WHERE "createdAt" >= ${since} GROUP BY 1)
    SELECT days.day, COALESCE(o.orders, 0) AS orders, COALESCE(o.gmv, 0) AS gmv, COALESCE(a.assistance, 0) AS assistance,
           COALESCE(u.users, 0) AS users, COALESCE(p.operators, 0) AS operators
    FROM days LEFT JOIN o USING (day) LEFT JOIN a USING (day) LEFT JOIN u USING (day) LEFT JOIN p USING (day)
    ORDER BY days.day DESC`;
  return rows.map((r) => ({
    day: r.day,
    orders: Number(r.orders),
    gmvFen: Number(r.gmv),
    assistanceFen: Number(r.assistance),
    newUsers: Number(r.users),
    newOperators: Number(r.operators),
  }));
}
