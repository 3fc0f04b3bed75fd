import "server-only";
import { db } from "@/lib/db/db.server";
import { heldAccounts, recentAlerts } from "./security";

/** What /admin/security shows. */
export async function securityOverview() {
  const [held, alerts] = await Promise.all([heldAccounts(db), recentAlerts(db)]);
  return { held, alerts };
}
