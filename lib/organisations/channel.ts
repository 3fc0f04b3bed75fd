// The channel of an order bought for an organisation (docs/DESIGN.md#rule-10). Pure.
//
// The server decides it from the organisation, never the buyer: a pairing partner (东西部协作 /
// 定点帮扶) buying only products of the counties it is paired with makes a PAIRING order; every
// other organisation order is INSTITUTION. A partner's mixed cart (some lines from a paired county,
// some not) is INSTITUTION as a whole: an order has one channel, and the pairing statistics must
// never count produce from counties the partner is not paired with.
import type { OrganisationKind } from "@/lib/generated/prisma/enums";

export type OrganisationChannel = "INSTITUTION" | "PAIRING";

export function organisationChannel(
  kind: OrganisationKind,
  pairedCountyIds: readonly string[],
  lineCountyIds: readonly string[],
): OrganisationChannel {
  if (kind !== "PARTNER" || pairedCountyIds.length === 0 || lineCountyIds.length === 0) return "INSTITUTION";
  const paired = new Set(pairedCountyIds);
  return lineCountyIds.every((county) => paired.has(county)) ? "PAIRING" : "INSTITUTION";
}
