import "server-only";
// Settlement payouts bound to this process's database, for the pages and the statement route.
import { db, withDb } from "@/lib/db/db.server";
import { operatorPayouts, payoutStatement, settledMonths } from "./payouts";

export const payoutsOfOperator = withDb(operatorPayouts);
export const settledMonthsOf = withDb(settledMonths);
export const statementOf = withDb(payoutStatement);

/** The operator a payout belongs to, or null. */
export async function payoutOperatorId(payoutId: string): Promise<string | null> {
  return (await db.settlementPayout.findUnique({ where: { id: payoutId }, select: { operatorId: true } }))?.operatorId ?? null;
}
