"use server";
// Benefit links and payouts of the cooperative console. Each action loads its objects within
// the caller's scope (canManageOperator); anything outside it is "not found", with no change.
// Every change writes an AuditLog row in the same transaction.
import { ActionError, notFound } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { lockOperatorLinks } from "@/lib/benefits/lock";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { shanghaiDayEnd, shanghaiToday, toShanghaiYmd, dateColumnFromYmd } from "@/lib/time/shanghai";
import { checkLinkBudget } from "@/lib/benefits/links";
import { discardPayoutProof, storePayoutProof } from "@/lib/benefits/proof-store.server";
import { budgetRefusalError } from "@/lib/benefits/refusal";
import { linkCreateInput, linkDeleteInput, linkEndInput, payoutCreateInput } from "@/lib/benefits/schemas";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { managedOperator } from "@/lib/operators/scope.server";
import { writeAudit } from "@/lib/audit/audit";

const MANAGERS = ["MANAGER", "ADMIN"] as const;

/** A link of an operator the actor may manage; otherwise notFound(). */
async function linkInScope(actor: Actor | null, linkId: string) {
  const link = await db.benefitLink.findUnique({
    where: { id: linkId },
    select: {
      id: true,
      operatorId: true,
      productId: true,
      householdId: true,
      validFrom: true,
      validTo: true,
      _count: { select: { allocations: true } },
    },
  });
  if (!link || !canManageOperator(actor, link.operatorId)) throw notFound();
  return link;
}

export const createLink = defineAction({
  name: "link.create",
  input: linkCreateInput,
  allow: MANAGERS,
  scope: (actor, input) => managedOperator(actor, { id: input.operatorId }),
  async run({ actor, scope: operator }, input) {
    // Only registered households of the operator's own county.
    const household = await db.household.findFirst({ where: { id: input.householdId, countyId: operator.countyId }, select: { id: true } });
    if (!household) throw notFound();
    const product = input.productId
      ? await db.product.findFirst({
          where: { id: input.productId, operatorId: operator.id },
          select: { id: true, nameZh: true, nameEn: true, priceFen: true },
        })
      : null;
    if (input.productId && !product) throw notFound();
    if (input.validToYmd && input.validToYmd < shanghaiToday()) throw new ActionError("linkValidToPast");

    const link = await db.$transaction(async (tx) => {
      await lockOperatorLinks(tx, operator.id);
      // The set this link joins: the product's own links, or the operator-wide ones.
      const existing = await tx.benefitLink.findMany({
        where: { operatorId: operator.id, productId: product ? product.id : null },
        select: { rule: true, bps: true, fenPerUnit: true, validFrom: true, validTo: true },
      });
      const products = product
        ? [product]
        : await tx.product.findMany({
            where: { operatorId: operator.id },
            select: { id: true, nameZh: true, nameEn: true, priceFen: true },
          });
      const refusal = checkLinkBudget(input, existing, products);
      if (refusal) throw budgetRefusalError(refusal, product ? "product" : "operator");

      const created = await tx.benefitLink.create({
        data: {
          householdId: household.id,
          operatorId: operator.id,
          productId: product?.id ?? null,
          mechanism: input.mechanism,
          rule: input.rule,
          bps: input.bps,
          fenPerUnit: input.fenPerUnit,
          validFrom: input.validFrom,
          validTo: input.validTo,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        userId: actor!.userId,
        action: "link.create",
        entity: "BenefitLink",
        entityId: created.id,
        detail: {
          operatorId: operator.id,
          householdId: household.id,
          productId: product?.id ?? null,
          mechanism: input.mechanism,
          rule: input.rule,
          bps: input.bps,
          fenPerUnit: input.fenPerUnit,
          validFrom: input.validFromYmd,
          validTo: input.validToYmd,
        },
      });
      return created;
    });
    catalogChanged();
    return { id: link.id };
  },
});

export const endLink = defineAction({
  name: "link.end",
  input: linkEndInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const link = await linkInScope(actor, input.linkId);
    const now = new Date();
    const today = shanghaiToday(now);
    const endOn = input.endOn || today;
    if (link.validTo && link.validTo.getTime() < now.getTime()) throw new ActionError("linkAlreadyEnded");
    if (endOn < today) throw new ActionError("linkEndInPast");
    if (endOn < toShanghaiYmd(link.validFrom)) throw new ActionError("linkEndBeforeStart", { start: toShanghaiYmd(link.validFrom) });
    if (link.validTo && endOn > toShanghaiYmd(link.validTo))
      throw new ActionError("linkEndAfterCurrent", { end: toShanghaiYmd(link.validTo) });

    const validTo = shanghaiDayEnd(endOn);
    await db.$transaction(async (tx) => {
      await lockOperatorLinks(tx, link.operatorId);
      // Only if nobody ended it meanwhile: a later end date must never extend a shortened link.
      const ended = await tx.benefitLink.updateMany({ where: { id: link.id, validTo: link.validTo }, data: { validTo } });
      if (ended.count !== 1) throw new ActionError("linkChangedMeanwhile");
      await writeAudit(tx, {
        userId: actor!.userId,
        action: "link.end",
        entity: "BenefitLink",
        entityId: link.id,
        detail: { operatorId: link.operatorId, endOn, previousValidTo: link.validTo ? toShanghaiYmd(link.validTo) : null },
      });
    });
    catalogChanged();
    return { id: link.id, endOn };
  },
});

export const deleteLink = defineAction({
  name: "link.delete",
  input: linkDeleteInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const link = await linkInScope(actor, input.linkId);
    await db.$transaction(async (tx) => {
      await lockOperatorLinks(tx, link.operatorId);
      // Allocations point at the link and are never deleted: such a link can only be ended.
      const allocations = await tx.allocation.count({ where: { benefitLinkId: link.id } });
      if (allocations > 0) throw new ActionError("linkHasAllocations");
      await tx.benefitLink.delete({ where: { id: link.id } });
      await writeAudit(tx, {
        userId: actor!.userId,
        action: "link.delete",
        entity: "BenefitLink",
        entityId: link.id,
        detail: {
          operatorId: link.operatorId,
          householdId: link.householdId,
          productId: link.productId,
          validFrom: toShanghaiYmd(link.validFrom),
          validTo: link.validTo ? toShanghaiYmd(link.validTo) : null,
        },
      });
    });
    catalogChanged();
    return { id: link.id };
  },
});

export const createPayout = defineAction({
  name: "payout.create",
  input: payoutCreateInput,
  allow: MANAGERS,
  scope: (actor, input) => managedOperator(actor, { id: input.operatorId }),
  async run({ actor, scope: operator }, input) {
    // Only to a household that has (or had) a link with this operator.
    const linked = await db.benefitLink.findFirst({
      where: { operatorId: operator.id, householdId: input.householdId },
      select: { householdId: true },
    });
    if (!linked) throw notFound();

    const proof = await storePayoutProof(operator.id, input.proof);
    const proofUrl = proof.url;
    const payout = await db
      .$transaction(async (tx) => {
        const created = await tx.payout.create({
          data: {
            operatorId: operator.id,
            householdId: linked.householdId,
            mechanism: input.mechanism,
            amountFen: input.amount,
            paidOn: dateColumnFromYmd(input.paidOn),
            note: input.note,
            proofUrl,
          },
          select: { id: true },
        });
        await writeAudit(tx, {
          userId: actor!.userId,
          action: "payout.create",
          entity: "Payout",
          entityId: created.id,
          detail: {
            operatorId: operator.id,
            householdId: linked.householdId,
            mechanism: input.mechanism,
            amountFen: input.amount,
            paidOn: input.paidOn,
            proofUrl,
          },
        });
        return created;
      })
      .catch(async (error: unknown) => {
        await discardPayoutProof(proof.key).catch(() => undefined);
        throw error;
      });
    return { id: payout.id };
  },
});
