// Suspending and reinstating an operator, and correcting its registered details. Suspension takes
// every listed product off the storefront in the same transaction (marked heldBySuspension, so
// reinstatement lists exactly those again); open orders can still be shipped and refunded, as
// those paths never look at `listed`. The caller revalidates the catalogue. Takes a `db`.
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { Prisma, type Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/audit";
import { reindexProductsOf } from "@/lib/search/index-product";

type Tx = Prisma.TransactionClient;

async function lockedOperator(tx: Tx, operatorId: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM "Operator" WHERE "id" = ${operatorId} FOR UPDATE`;
  const op = await tx.operator.findUnique({
    where: { id: operatorId },
    select: {
      id: true,
      slug: true,
      suspendedAt: true,
      nameZh: true,
      nameEn: true,
      creditCode: true,
      legalRep: true,
      mobile: true,
      kind: true,
    },
  });
  if (!op) throw notFound();
  return op;
}

export async function suspendOperator(db: Db, actor: Actor, operatorId: string, reason: string) {
  return db.$transaction(async (tx) => {
    const op = await lockedOperator(tx, operatorId);
    if (op.suspendedAt) throw new ActionError("operatorAlreadySuspended");
    const held = await tx.product.updateMany({ where: { operatorId, listed: true }, data: { listed: false, heldBySuspension: true } });
    await tx.operator.update({ where: { id: operatorId }, data: { suspendedAt: new Date() } });
    await writeAudit(tx, {
      userId: actor.userId,
      action: "operator.suspend",
      entity: "Operator",
      entityId: operatorId,
      detail: { reason, productsDelisted: held.count },
    });
    return { id: operatorId, suspended: true, productsDelisted: held.count };
  });
}

export async function reinstateOperator(db: Db, actor: Actor, operatorId: string) {
  return db.$transaction(async (tx) => {
    const op = await lockedOperator(tx, operatorId);
    if (!op.suspendedAt) throw new ActionError("operatorNotSuspended");
    const relisted = await tx.product.updateMany({
      where: { operatorId, heldBySuspension: true },
      data: { listed: true, heldBySuspension: false },
    });
    await tx.operator.update({ where: { id: operatorId }, data: { suspendedAt: null } });
    await writeAudit(tx, {
      userId: actor.userId,
      action: "operator.reinstate",
      entity: "Operator",
      entityId: operatorId,
      detail: { productsRelisted: relisted.count },
    });
    return { id: operatorId, suspended: false, productsRelisted: relisted.count };
  });
}

export interface OperatorDetails {
  nameZh: string;
  nameEn: string;
  kind: "COOPERATIVE" | "ENTERPRISE" | "WORKSHOP" | "FAMILY_FARM";
  creditCode: string;
  legalRep: string;
  mobile: string;
}

/** Registered details; the audit row keeps every changed field before and after (the credit code included). */
export async function updateOperatorDetails(db: Db, actor: Actor, operatorId: string, input: OperatorDetails) {
  try {
    return await db.$transaction(async (tx) => {
      const before = await lockedOperator(tx, operatorId);
      const changed = (Object.keys(input) as (keyof OperatorDetails)[]).filter((k) => before[k] !== input[k]);
      if (changed.length === 0) return { id: operatorId, changed: [] as string[] };
      await tx.operator.update({ where: { id: operatorId }, data: input });
      // Products are found by their seller's name.
      if (changed.includes("nameZh") || changed.includes("nameEn")) await reindexProductsOf(tx, { operatorId });
      await writeAudit(tx, {
        userId: actor.userId,
        action: changed.includes("creditCode") ? "operator.creditCode" : "operator.update",
        entity: "Operator",
        entityId: operatorId,
        detail: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, input[k]])),
        },
      });
      return { id: operatorId, changed };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ActionError("creditCodeTaken");
    throw error;
  }
}
