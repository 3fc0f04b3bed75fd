// A budget refusal (links.ts) as an ActionError the clerk can act on: the figures already
// promised, the figure asked for, and for fixed amounts the product and its price.
import { ActionError } from "@/lib/errors";
import { formatFen } from "@/lib/money";
import { formatBps } from "./amounts";
import { perUnitFen, type BudgetRefusal } from "./links";

export function budgetRefusalError(refusal: BudgetRefusal, scope: "product" | "operator"): ActionError {
  switch (refusal.kind) {
    case "percent":
      return new ActionError(scope === "product" ? "linkOverPercentProduct" : "linkOverPercentOperator", {
        existing: formatBps(refusal.existingBps),
        adding: formatBps(refusal.addingBps),
      });
    case "fixed":
      return new ActionError("linkOverFixed", {
        productZh: refusal.product.nameZh,
        productEn: refusal.product.nameEn,
        price: formatFen(refusal.product.priceFen),
        existing: formatFen(refusal.existingFen),
        adding: formatFen(refusal.addingFen),
      });
    case "mixed": {
      const { product } = refusal;
      const adding = refusal.addingBps ? formatBps(refusal.addingBps) : formatFen(refusal.addingFen);
      return new ActionError("linkOverMixed", {
        productZh: product.nameZh,
        productEn: product.nameEn,
        price: formatFen(product.priceFen),
        existingPercent: formatBps(refusal.existingBps),
        existingFixed: formatFen(refusal.existingFen),
        existingTotal: formatFen(perUnitFen(product.priceFen, refusal.existingBps, refusal.existingFen)),
        adding,
      });
    }
  }
}
