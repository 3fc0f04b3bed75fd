// The console's overview: today's and this month's sales, orders to ship (linking to them), products running
// low, households reached this month, and the operator's links at a glance.
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocalLink } from "@/components/ui/LocalLink";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { LOW_STOCK_THRESHOLD } from "@/lib/operators/dashboard";
import { operatorDashboard } from "@/lib/operators/operators.server";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = { params: Promise<{ locale: string; operator: string }> };

function Figure({ label, value, unit, testId, link }: { label: string; value: string; unit?: string; testId: string; link?: ReactNode }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid={testId}>
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1 break-words text-2xl font-bold tabular-nums text-stone-900">
        {value}
        {unit ? <span className="ml-1 text-sm font-medium text-stone-700">{unit}</span> : null}
      </dd>
      {link ? <dd className="mt-1 text-sm">{link}</dd> : null}
    </div>
  );
}

export default async function ConsoleOverview({ params }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "coop.dashboard" });
  const d = await operatorDashboard(operator.id, new Date());
  const base = `/coop/${operator.slug}`;
  const noSales = d.monthFen === 0 && d.awaitingShipment === 0;

  return (
    <div className="space-y-6">
      <h1 className="text-lg font-bold">{t("title")}</h1>

      <section aria-labelledby="dash-sales" className="space-y-2">
        <h2 id="dash-sales" className="sr-only">
          {t("salesHeading")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Figure testId="dash-today" label={t("today")} value={formatFen(d.todayFen)} />
          <Figure testId="dash-month" label={t("month")} value={formatFen(d.monthFen)} />
          <Figure
            testId="dash-to-ship"
            label={t("toShip")}
            value={String(d.awaitingShipment)}
            unit={t("ordersUnit", { count: d.awaitingShipment })}
            link={
              d.awaitingShipment > 0 ? (
                <LocalLink locale={locale} href={`${base}/orders?tab=to_ship`} className="font-medium text-brand-700 underline">
                  {t("toShipLink")}
                </LocalLink>
              ) : undefined
            }
          />
          <Figure
            testId="dash-reached"
            label={t("reached")}
            value={String(d.householdsReachedThisMonth)}
            unit={t("householdsUnit", { count: d.householdsReachedThisMonth })}
          />
        </dl>
        <p className="text-xs text-stone-600">{noSales ? t("noSalesYet") : t("salesNote")}</p>
      </section>

      <section
        aria-labelledby="dash-stock"
        className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        data-testid="dash-low-stock"
      >
        <div className="flex items-baseline justify-between gap-2">
          <h2 id="dash-stock" className="font-semibold">
            {t("lowStock", { threshold: LOW_STOCK_THRESHOLD })}
          </h2>
          <LocalLink locale={locale} href={`${base}/products`} className="shrink-0 text-sm font-medium text-brand-700 underline">
            {t("manageProducts")}
          </LocalLink>
        </div>
        {d.lowStock.length === 0 ? (
          <p className="mt-2 text-sm text-stone-700">{t("lowStockNone")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100">
            {d.lowStock.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span className="min-w-0 truncate">{localName(locale, p)}</span>
                <span className={`shrink-0 font-semibold tabular-nums ${p.stock === 0 ? "text-red-700" : "text-amber-800"}`}>
                  {p.stock === 0 ? t("soldOut") : t("stockLeft", { count: p.stock, unit: localText(locale, p.unitZh, p.unitEn) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="dash-links" className="rounded-xl bg-leaf-50 p-4 ring-1 ring-leaf-600/20">
        <h2 id="dash-links" className="font-semibold text-leaf-700">
          {t("linksHeading")}
        </h2>
        <p className="mt-1 text-sm text-stone-800" data-testid="dash-links-summary">
          {t("linksSummary", { links: d.linksInForce.links, households: d.linksInForce.households })}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <LocalLink
            locale={locale}
            href={`${base}/links/new`}
            className="rounded-lg bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {t("newLink")}
          </LocalLink>
          <LocalLink
            locale={locale}
            href={`${base}/payouts/new`}
            className="rounded-lg bg-white px-3 py-2 text-sm font-semibold text-brand-800 ring-1 ring-stone-300 hover:bg-stone-50"
          >
            {t("newPayout")}
          </LocalLink>
        </div>
      </section>
    </div>
  );
}
