import "server-only";
// The region tree as pages read it.
import { db, withDb } from "@/lib/db/db.server";
import { countyVillages } from "./queries";

export const villagesOfCounty = withDb(countyVillages);

/** A region's names, or null. */
export function regionNames(id: string) {
  return db.region.findUnique({ where: { id }, select: { nameZh: true, nameEn: true } });
}
