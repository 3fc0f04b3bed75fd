// Adding, renaming and deleting regions. A new region is given as its 12-digit 行政区划代码, checked
// for shape and against its parent (lib/regions/code.ts), and stored under its id (the code cut to
// its level). A region that anything hangs on (children, operators, products, households,
// applications, officers, GI marks) cannot be deleted, only renamed. Takes a `db`.
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { Prisma, type Db } from "@/lib/db/client";
import { checkRegionCode, childLevel, type RegionLevelName } from "@/lib/regions/code";
import { writeAudit } from "@/lib/audit/audit";
import { reindexProductsOf } from "@/lib/search/index-product";

export async function addRegion(db: Db, actor: Actor, input: { code: string; parentId: string | null; nameZh: string; nameEn: string }) {
  const parent = input.parentId ? await db.region.findUnique({ where: { id: input.parentId }, select: { id: true, level: true } }) : null;
  if (input.parentId && !parent) throw notFound();
  const level: RegionLevelName | null = parent ? childLevel(parent.level) : "PROVINCE";
  if (!level) throw new ActionError("regionCodeParent");
  const checked = checkRegionCode(input.code, level, parent);
  if (!checked.ok) throw new ActionError(checked.problem);
  try {
    return await db.$transaction(async (tx) => {
      const region = await tx.region.create({
        data: { id: checked.id, nameZh: input.nameZh, nameEn: input.nameEn, level, parentId: parent?.id ?? null },
        select: { id: true, level: true },
      });
      await writeAudit(tx, {
        userId: actor.userId,
        action: "region.create",
        entity: "Region",
        entityId: region.id,
        detail: { level, nameZh: input.nameZh, nameEn: input.nameEn, parentId: parent?.id ?? null },
      });
      return region;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ActionError("regionCodeTaken");
    throw error;
  }
}

export async function renameRegion(db: Db, actor: Actor, input: { regionId: string; nameZh: string; nameEn: string }) {
  return db.$transaction(async (tx) => {
    const before = await tx.region.findUnique({ where: { id: input.regionId }, select: { nameZh: true, nameEn: true } });
    if (!before) throw notFound();
    await tx.region.update({ where: { id: input.regionId }, data: { nameZh: input.nameZh, nameEn: input.nameEn } });
    await reindexProductsOf(tx, { regionId: input.regionId }); // products are found by their places' names
    await writeAudit(tx, {
      userId: actor.userId,
      action: "region.rename",
      entity: "Region",
      entityId: input.regionId,
      detail: { before, after: { nameZh: input.nameZh, nameEn: input.nameEn } },
    });
    return { id: input.regionId };
  });
}

/** How many things hang on a region: deleting is allowed only at zero. */
export async function regionUses(db: Db | Prisma.TransactionClient, regionId: string): Promise<number> {
  const r = await db.region.findUnique({
    where: { id: regionId },
    select: {
      _count: {
        select: {
          children: true,
          operators: true,
          operatorVillages: true,
          productsInVillage: true,
          productsInTown: true,
          productsInCounty: true,
          households: true,
          householdsInTown: true,
          householdsCounty: true,
          giMarks: true,
          officers: true,
          applications: true,
          applicationVillages: true,
        },
      },
    },
  });
  if (!r) throw notFound();
  return Object.values(r._count).reduce((a, b) => a + b, 0);
}

export async function deleteRegion(db: Db, actor: Actor, regionId: string) {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM "Region" WHERE "id" = ${regionId} FOR UPDATE`;
    if ((await regionUses(tx, regionId)) > 0) throw new ActionError("regionInUse");
    const before = await tx.region.delete({ where: { id: regionId }, select: { nameZh: true, nameEn: true, level: true, parentId: true } });
    await writeAudit(tx, { userId: actor.userId, action: "region.delete", entity: "Region", entityId: regionId, detail: { before } });
    return { id: regionId };
  });
}
