// GI marks (地理标志) and who may use them: an admin adds a mark and authorises an operator of the
// mark's county, with the licence document as evidence and a last day of validity. The cooperative
// console lists only marks whose authorisation is current (lib/products). Takes a `db`.
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { slugBase } from "@/lib/products/listing";
import { Prisma, type Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/audit";

export interface NewGiMark {
  nameZh: string;
  nameEn: string;
  kind: "CERT_TRADEMARK" | "AGRI_GI" | "PROTECTED_PRODUCT";
  registrationNo: string;
  year: number;
  holderZh: string;
  holderEn: string;
  countyId: string;
}

export async function createGiMark(db: Db, actor: Actor, input: NewGiMark) {
  const county = await db.region.findFirst({ where: { id: input.countyId, level: "COUNTY" }, select: { id: true } });
  if (!county) throw new ActionError("countyUnknown");
  const duplicate = await db.giMark.findFirst({ where: { registrationNo: input.registrationNo }, select: { id: true } });
  if (duplicate) throw new ActionError("giMarkRegistrationTaken");
  for (let attempt = 0; ; attempt++) {
    const slug = `${slugBase(input.nameEn)}${attempt ? `-${attempt + 1}` : ""}`;
    try {
      return await db.$transaction(async (tx) => {
        const mark = await tx.giMark.create({ data: { ...input, slug }, select: { id: true, slug: true } });
        await writeAudit(tx, { userId: actor.userId, action: "giMark.create", entity: "GiMark", entityId: mark.id, detail: { ...input } });
        return mark;
      });
    } catch (error) {
      if (attempt < 5 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
}

export async function authoriseGiMark(
  db: Db,
  actor: Actor,
  input: { giMarkId: string; operatorId: string; validUntil: Date | null; evidenceUrl: string },
) {
  return db.$transaction(async (tx) => {
    const [mark, operator] = await Promise.all([
      tx.giMark.findUnique({ where: { id: input.giMarkId }, select: { id: true, countyId: true } }),
      tx.operator.findUnique({ where: { id: input.operatorId }, select: { id: true, countyId: true } }),
    ]);
    if (!mark || !operator) throw notFound();
    if (mark.countyId !== operator.countyId) throw new ActionError("giMarkOutsideCounty");
    const before = await tx.operatorGiMark.findUnique({ where: { operatorId_giMarkId: { operatorId: operator.id, giMarkId: mark.id } } });
    await tx.operatorGiMark.upsert({
      where: { operatorId_giMarkId: { operatorId: operator.id, giMarkId: mark.id } },
      create: { operatorId: operator.id, giMarkId: mark.id, validUntil: input.validUntil, evidenceUrl: input.evidenceUrl },
      update: { validUntil: input.validUntil, evidenceUrl: input.evidenceUrl },
    });
    await writeAudit(tx, {
      userId: actor.userId,
      action: "giMark.authorise",
      entity: "Operator",
      entityId: operator.id,
      detail: {
        giMarkId: mark.id,
        before: before ? { validUntil: before.validUntil?.toISOString().slice(0, 10) ?? null, evidenceUrl: before.evidenceUrl } : null,
        after: { validUntil: input.validUntil?.toISOString().slice(0, 10) ?? null, evidenceUrl: input.evidenceUrl },
      },
    });
    return { operatorId: operator.id, giMarkId: mark.id };
  });
}

export async function revokeGiMark(db: Db, actor: Actor, input: { giMarkId: string; operatorId: string }) {
  return db.$transaction(async (tx) => {
    const existing = await tx.operatorGiMark.findUnique({
      where: { operatorId_giMarkId: { operatorId: input.operatorId, giMarkId: input.giMarkId } },
    });
    if (!existing) throw notFound();
    const inUse = await tx.product.count({ where: { operatorId: input.operatorId, giMarkId: input.giMarkId } });
    await tx.operatorGiMark.delete({ where: { operatorId_giMarkId: { operatorId: input.operatorId, giMarkId: input.giMarkId } } });
    await writeAudit(tx, {
      userId: actor.userId,
      action: "giMark.revoke",
      entity: "Operator",
      entityId: input.operatorId,
      detail: { giMarkId: input.giMarkId, productsUsingIt: inUse },
    });
    return { ...input, productsUsingIt: inUse };
  });
}
