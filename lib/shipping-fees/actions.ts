"use server";
// An operator's shipping rule, set in its console (/coop/<operator>/shipping) by its managers or an
// admin. Audited; the storefront's product pages show it at once.
import { Prisma } from "@/lib/generated/prisma/client";
import { defineAction } from "@/lib/actions/define.server";
import { writeAudit } from "@/lib/audit/audit";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { managedOperator } from "@/lib/operators/scope.server";
import { shippingRuleFormInput } from "./schemas";

const MANAGERS = ["MANAGER", "ADMIN"] as const;

export const saveShippingRule = defineAction({
  name: "shipping.rule.save",
  input: shippingRuleFormInput,
  allow: MANAGERS,
  scope: (actor, input) => managedOperator(actor, { slug: input.operator }),
  async run({ actor, scope: operator }, input) {
    const data = {
      flatFen: input.rule.flatFen,
      freeAboveFen: input.rule.freeAboveFen,
      coldChainFen: input.rule.coldChainFen,
      provinces: input.rule.provinces as Prisma.InputJsonValue,
      dispatchDays: input.dispatchDays,
      shipFromZh: input.shipFromZh,
      shipFromEn: input.shipFromEn,
      afterSalesZh: input.afterSalesZh,
      afterSalesEn: input.afterSalesEn,
    };
    await db.$transaction(async (tx) => {
      await tx.shippingRule.upsert({ where: { operatorId: operator.id }, create: { operatorId: operator.id, ...data }, update: data });
      await writeAudit(tx, {
        userId: actor.userId,
        action: "shipping.rule.save",
        entity: "Operator",
        entityId: operator.id,
        detail: data as Prisma.InputJsonValue,
      });
    });
    catalogChanged();
    return { operator: operator.slug };
  },
});
