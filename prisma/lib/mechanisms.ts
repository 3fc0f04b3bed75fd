// How the demo and volume data tie households to an operator of each kind: weights of the benefit
// mechanisms (a cooperative mostly buys its members' produce, a workshop mostly pays wages).
import type { Mechanism, OperatorKind } from "@/lib/generated/prisma/enums";

export const MECHANISMS_BY_KIND: Record<OperatorKind, readonly (readonly [Mechanism, number])[]> = {
  COOPERATIVE: [
    ["PURCHASE", 5],
    ["DIVIDEND", 4],
    ["LAND_RENT", 1],
  ],
  ENTERPRISE: [
    ["PURCHASE", 5],
    ["DIVIDEND", 2],
    ["LAND_RENT", 2],
    ["WAGE", 1],
  ],
  WORKSHOP: [
    ["WAGE", 7],
    ["DIVIDEND", 2],
    ["PURCHASE", 1],
  ],
  FAMILY_FARM: [
    ["LAND_RENT", 4],
    ["WAGE", 4],
    ["PURCHASE", 2],
  ],
};
