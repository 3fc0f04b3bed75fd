import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { auditExportRows, auditFilters, auditPage } from "./audit";

/** The viewer's page of the audit log for the URL's filters, within the actor's scope. */
export async function auditView(actor: Actor, searchParams: Record<string, string | string[] | undefined>) {
  const filters = auditFilters.parse(searchParams);
  return { filters, result: await auditPage(db, actor, filters) };
}

/** Every row of the filters within the actor's scope (up to the export's limit), for the CSV. */
export async function auditExport(actor: Actor, searchParams: Record<string, string | string[] | undefined>) {
  return auditExportRows(db, actor, auditFilters.parse(searchParams));
}
