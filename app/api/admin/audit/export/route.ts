// GET /api/admin/audit/export?<the viewer's filters>&lang=zh-CN|en: the filtered audit log as CSV.
// Admins get every row, officers the rows of their own county's objects (lib/admin/audit.ts);
// anyone else gets 404.
import { createTranslator } from "next-intl";
import { loadMessages } from "@/i18n/request";
import { auditExport } from "@/lib/admin/audit.server";
import { auditCsv } from "@/lib/admin/audit-csv";
import { defineRoute } from "@/lib/http/route.server";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";

export const GET = defineRoute({
  name: "audit.export",
  allow: ["OFFICER", "ADMIN"],
  async handle({ actor, request }) {
    const url = new URL(request.url);
    const lang = url.searchParams.get("lang");
    const locale = isLocale(lang) ? lang : defaultLocale;
    // next-intl's translator over the message files: the same texts inside and outside a Next request.
    const translate = createTranslator({ locale, messages: (await loadMessages(locale)) as never, namespace: "admin.audit" as never });
    const t = (key: string, values?: Record<string, string | number>) =>
      (translate as unknown as (k: string, v?: unknown) => string)(key, values);
    const rows = await auditExport(actor, Object.fromEntries(url.searchParams));
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
  },
});
