// A queue of applications with a status filter, for the county office and the admin.
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import type { applicationQueue } from "@/lib/applications/queries.server";
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { StatusBadge } from "./StatusBadge";
import { shanghaiFormat } from "@/lib/time/shanghai";

const FILTERS = ["APPLIED", "RECOMMENDED", "RETURNED", "APPROVED", "REJECTED", "all"] as const;

export async function ApplicationList({
  locale,
  rows,
  base,
  status,
}: {
  locale: Locale;
  rows: Awaited<ReturnType<typeof applicationQueue>>;
  base: string;
  status: string;
}) {
  const t = await getTranslations({ locale, namespace: "apply" });
  const day = shanghaiFormat(locale, { dateStyle: "medium" });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("queue.title")}</h1>
      <nav aria-label={t("queue.filter")} className="flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => (
          <LocalLink
            key={f}
            locale={locale}
            href={`${base}?status=${f}`}
            aria-current={status === f ? "page" : undefined}
            className={`rounded-full px-3 py-1 ring-1 ring-stone-300 ${status === f ? "bg-stone-900 text-white" : "bg-white"}`}
          >
            {f === "all" ? t("queue.all") : t(`statuses.${f}`)}
          </LocalLink>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200">{t("queue.none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="application-queue">
          {rows.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
              <div className="min-w-0 space-y-0.5">
                <LocalLink locale={locale} href={`${base}/${a.id}`} className="font-semibold text-brand-700 underline">
                  {localName(locale, a)}
                </LocalLink>
                <p className="text-stone-700">
                  {t(`form.kinds.${a.kind}`)} · {localName(locale, a.county)} · {localName(locale, a.village)}
                </p>
                <p className="font-mono text-xs text-stone-600">{a.creditCode}</p>
              </div>
              <div className="space-y-1 text-right">
                <StatusBadge status={a.status} label={t(`statuses.${a.status}`)} />
                <p className="text-xs text-stone-600">{day.format(a.updatedAt)}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
