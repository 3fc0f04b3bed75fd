import "server-only";
// What the console's benefit-link and payout pages read, bound to this process's database.
import { db, withDb } from "@/lib/db/db.server";
import {
  countyHousehold,
  linkedHouseholds,
  listOperatorLinks,
  listPayouts,
  operatorProducts,
  payoutTotals,
  promisedNow,
  searchHouseholds,
} from "./queries";

export const operatorLinks = withDb(listOperatorLinks);
export const operatorPromisedNow = withDb(promisedNow);
export const operatorProductChoices = withDb(operatorProducts);
export const findCountyHouseholds = withDb(searchHouseholds);
export const findCountyHousehold = withDb(countyHousehold);
export const householdsLinkedTo = withDb(linkedHouseholds);
export const operatorPayouts = withDb(listPayouts);
export const operatorPayoutTotals = withDb(payoutTotals);

/** Which of these households already have a link with the operator. */
export async function alreadyLinked(operatorId: string, householdIds: string[]): Promise<Set<string>> {
  if (householdIds.length === 0) return new Set();
  const rows = await db.benefitLink.findMany({
    where: { operatorId, householdId: { in: householdIds } },
    distinct: ["householdId"],
    select: { householdId: true },
  });
  return new Set(rows.map((l) => l.householdId));
}
