// The audit log viewer: filters (who, action, object, date range) as a plain GET form, the rows
// newest first with their before/after detail, a pager, and the CSV export of the same filters.
// Admins see every row; officers their own county's objects (lib/admin/audit.ts decides).
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/ui/Pager";
import { inputClass } from "@/components/ui/styles";
import type { AuditFilters, auditPage } from "@/lib/admin/audit";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { shanghaiFormat } from "@/lib/time/shanghai";

const ENTITIES = [
  "Product",
  "Household",
  "Operator",
  "OperatorApplication",
  "User",
  "Region",
  "GiMark",
  "Shipment",
  "BenefitLink",
  "Payout",
  "Invite",
  "County",
  "Order",
];

export async function AuditViewer({
  locale,
  base,
  filters,
  result,
}: {
  locale: Locale;
  base: string;
  filters: AuditFilters;
  result: Awaited<ReturnType<typeof auditPage>>;
}) {
  const t = await getTranslations({ locale, namespace: "admin.audit" });
  const when = shanghaiFormat(locale, { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" });
  const query = new URLSearchParams(
    Object.entries({
      who: filters.who,
      action: filters.action,
      entity: filters.entity,
      entityId: filters.entityId,
      from: filters.from,
      to: filters.to,
    }).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const pageHref = (p: number) => `${base}?${new URLSearchParams([...query, ["page", String(p)]])}`;
  const exportHref = `/api/admin/audit/export?${new URLSearchParams([...query, ["lang", locale]])}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      <form
        method="get"
        action={localizedPath(locale, base)}
        className="grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:grid-cols-3"
        data-testid="audit-filters"
      >
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("who")}</span>
          <input name="who" defaultValue={filters.who} className={inputClass} placeholder={t("whoHint")} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("action")}</span>
          <input name="action" defaultValue={filters.action} className={inputClass} placeholder="application." />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("entity")}</span>
          <select name="entity" defaultValue={filters.entity ?? ""} className={inputClass}>
            <option value="">{t("anyEntity")}</option>
            {ENTITIES.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("entityId")}</span>
          <input name="entityId" defaultValue={filters.entityId} className={inputClass} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("from")}</span>
          <input name="from" type="date" defaultValue={filters.from} className={inputClass} />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("to")}</span>
          <input name="to" type="date" defaultValue={filters.to} className={inputClass} />
        </label>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white">
            {t("apply")}
          </button>
          <a href={exportHref} className="text-sm text-brand-700 underline" data-testid="audit-export">
            {t("export")}
          </a>
          <span className="text-sm text-stone-600">{t("count", { count: result.total })}</span>
        </div>
      </form>
      {result.rows.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="audit-rows">
          {result.rows.map((r) => (
            <li key={r.id} className="space-y-1 px-4 py-3 text-sm" data-testid="audit-row">
              <p className="flex flex-wrap gap-x-3">
                <span className="font-mono font-semibold">{r.action}</span>
                <span className="text-stone-700">
                  {r.entity} <span className="font-mono text-xs">{r.entityId}</span>
                </span>
              </p>
              <p className="text-xs text-stone-600">
                {when.format(r.createdAt)} · {r.userName ?? t("system")} {r.userEmail ? `<${r.userEmail}>` : ""}
              </p>
              {r.detail ? (
                <pre
                  tabIndex={0}
                  className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2 text-xs text-stone-800"
                >
                  {JSON.stringify(r.detail, null, 1)}
                </pre>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager locale={locale} page={result.page} pages={result.pages} href={pageHref} />
    </div>
  );
}
