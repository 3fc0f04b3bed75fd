import "server-only";
// Who may open a payout's proof (/api/files/payouts/…): the managers of the payout's operator,
// the program officers of the operator's county, and admins. Only keys that belong to a recorded
// payout are served; anything else is "not found" for everyone.
import { canManageOperator, canOfficeCounty, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { fileUrl } from "@/lib/storage/store.server";
import { operatorIdOfProofKey } from "./proof";

export async function mayReadPayoutProof(actor: Actor | null, key: string): Promise<boolean> {
  if (!actor) return false;
  const operatorId = operatorIdOfProofKey(key);
  if (!operatorId) return false;
  const payout = await db.payout.findFirst({
    where: { proofUrl: fileUrl(key), operatorId },
    select: { operatorId: true, operator: { select: { countyId: true } } },
  });
  if (!payout) return false;
  return canManageOperator(actor, payout.operatorId) || canOfficeCounty(actor, payout.operator.countyId);
}
