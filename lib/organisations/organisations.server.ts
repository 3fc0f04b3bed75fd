import "server-only";
// What the pages read about buyer organisations: the organisation's page (members and admins), the
// admin's list and forms, the county office's progress table, the checkout's choice and the
// account menu. Access is decided here, so a page cannot forget it: out of scope is "not found".
import type { Actor } from "@/lib/auth/actor";
import { db, withDb } from "@/lib/db/db.server";
import { buyingOrganisationsOf, quotaYear } from "./organisations";
import {
  organisationForEdit,
  organisationFormChoices,
  organisationOrders,
  organisationOverview,
  organisationProgress,
  organisationsOfUser,
  quotaRateRows,
} from "./overview";

export { quotaYear };
export const checkoutOrganisationsOf = withDb(buyingOrganisationsOf);
export const myOrganisations = withDb(organisationsOfUser);
export const adminOrganisationForEdit = withDb(organisationForEdit);
export const adminQuotaRates = withDb(quotaRateRows);
export const adminOrganisationChoices = withDb(organisationFormChoices);

/**
 * The organisation's page for this actor: a member (the page says whether they manage it) or an
 * admin; null for anyone else, a disabled organisation's members, and ids that do not exist.
 */
export async function organisationPageFor(actor: Actor, id: string, page: number) {
  if (id.length > 64) return null;
  const membership = await db.organisationMember.findUnique({
    where: { organisationId_userId: { organisationId: id, userId: actor.userId } },
    select: { isManager: true },
  });
  const isAdmin = actor.role === "ADMIN";
  if (!membership && !isAdmin) return null;
  const overview = await organisationOverview(db, id, quotaYear());
  if (!overview || (overview.disabled && !isAdmin)) return null;
  const orders = await organisationOrders(db, id, page);
  return { overview, orders, isManager: isAdmin || Boolean(membership?.isManager) };
}

/** Every organisation's progress this year in the reader's scope (admin: all; officer: their county's), or null. */
export async function progressFor(actor: Actor) {
  if (actor.role === "ADMIN") return organisationProgress(db, { countyId: null }, quotaYear());
  if (actor.role === "OFFICER" && actor.countyId) return organisationProgress(db, { countyId: actor.countyId }, quotaYear());
  return null;
}
