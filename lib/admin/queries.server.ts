import "server-only";
// The admin console's reads, for its pages (admins only: the /admin layout checks the role).
import { db } from "@/lib/db/db.server";
import { platformFeeBps } from "@/lib/settlement/config";
import { payoutRun } from "@/lib/settlement/payouts";
import { platformFigures } from "./figures";

export const adminFigures = () => platformFigures(db, 14);

export async function findUsers(q: string | undefined) {
  const where = q
    ? { OR: [{ email: { contains: q, mode: "insensitive" as const } }, { name: { contains: q, mode: "insensitive" as const } }] }
    : {};
  return db.user.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      countyId: true,
      disabledAt: true,
      createdAt: true,
      memberships: { select: { operator: { select: { slug: true, nameZh: true, nameEn: true } } } },
    },
  });
}

export const counties = () =>
  db.region.findMany({ where: { level: "COUNTY" }, orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } });

export async function regionTree(parentId: string | null) {
  const [parent, children] = await Promise.all([
    parentId
      ? db.region.findUnique({ where: { id: parentId }, select: { id: true, nameZh: true, nameEn: true, level: true, parentId: true } })
      : null,
    db.region.findMany({
      where: { parentId },
      orderBy: { id: "asc" },
      select: {
        id: true,
        nameZh: true,
        nameEn: true,
        level: true,
        _count: { select: { children: true, operators: true, productsInVillage: true, households: true, officers: true, giMarks: true } },
      },
    }),
  ]);
  return { parent, children };
}

export async function operatorsList() {
  return db.operator.findMany({
    orderBy: [{ countyId: "asc" }, { nameZh: "asc" }],
    select: {
      id: true,
      slug: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      creditCode: true,
      legalRep: true,
      mobile: true,
      suspendedAt: true,
      county: { select: { nameZh: true, nameEn: true } },
      _count: { select: { products: { where: { listed: true } } } },
    },
  });
}

export async function giMarksWithAuthorisations() {
  return db.giMark.findMany({
    orderBy: [{ countyId: "asc" }, { nameZh: "asc" }],
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      registrationNo: true,
      year: true,
      holderZh: true,
      holderEn: true,
      countyId: true,
      county: { select: { nameZh: true, nameEn: true } },
      operators: { select: { validUntil: true, evidenceUrl: true, operator: { select: { id: true, nameZh: true, nameEn: true } } } },
    },
  });
}

export const operatorsOfCounties = () =>
  db.operator.findMany({ orderBy: { nameZh: "asc" }, select: { id: true, nameZh: true, nameEn: true, countyId: true } });

export async function payoutRunOf(month: string) {
  const feeBps = platformFeeBps();
  return { feeBps, rows: await payoutRun(db, month, feeBps) };
}

export const recentPayouts = () =>
  db.settlementPayout.findMany({
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      periodMonth: true,
      amountFen: true,
      paidOn: true,
      bankReference: true,
      operator: { select: { nameZh: true, nameEn: true } },
    },
  });
