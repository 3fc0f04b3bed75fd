import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = Db | Prisma.TransactionClient;

/** A county's townships with their villages (townships without villages left out), by code. */
export async function countyVillages(db: Reader, countyId: string) {
  const townships = await db.region.findMany({
    where: { parentId: countyId, level: "TOWNSHIP" },
    orderBy: { id: "asc" },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      children: { where: { level: "VILLAGE" }, orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } },
    },
  });
  return townships
    .filter((t) => t.children.length > 0)
    .map((t) => ({ id: t.id, nameZh: t.nameZh, nameEn: t.nameEn, villages: t.children }));
}

export interface RegionCrumb {
  id: string;
  level: string;
  nameZh: string;
  nameEn: string;
}

/** The region and its ancestors, province first. Codes nest, so ancestors are prefixes. */
export async function regionPath(db: Reader, id: string): Promise<RegionCrumb[]> {
  const prefixes = [2, 4, 6, 9, 12].filter((n) => n <= id.length).map((n) => id.slice(0, n));
  const rows = await db.region.findMany({ where: { id: { in: prefixes } }, select: { id: true, level: true, nameZh: true, nameEn: true } });
  return rows.sort((a, b) => a.id.length - b.id.length);
}
