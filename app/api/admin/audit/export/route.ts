// GET /api/admin/audit/export?<the viewer's filters>&lang=zh-CN|en: the filtered audit log as CSV.
// Admins get every row, officers the rows of their own county's objects (lib/admin/audit.ts);
// anyone else gets 404.
import { getTranslations } from "next-intl/server";
import { auditExportRows, auditFilters } from "@/lib/admin/audit";
import { auditCsv } from "@/lib/admin/audit-csv";
import { getActor } from "@/lib/auth/session.server";
import { db } from "@/lib/db/db.server";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const actor = await getActor();
  if (!actor || (actor.role !== "ADMIN" && actor.role !== "OFFICER")) {
    return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const lang = url.searchParams.get("lang");
  const locale = isLocale(lang) ? lang : defaultLocale;
  const t = await getTranslations({ locale, namespace: "admin.audit" });
  const filters = auditFilters.parse(Object.fromEntries(url.searchParams));
  const rows = await auditExportRows(db, actor, filters);
  const csv = auditCsv(rows, [t("when"), t("email"), t("who"), t("action"), t("entity"), t("entityId"), t("detail")]);
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return new Response(new TextEncoder().encode(csv), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${day}.csv"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
