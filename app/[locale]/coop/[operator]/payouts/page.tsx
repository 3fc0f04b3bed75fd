// Payouts (分红与工资): money the operator paid its linked households outside a sale, each with
// its proof. They count in household income, not in sales.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { ymdFromDateColumn } from "@/lib/time/shanghai";
import { operatorPayouts, operatorPayoutTotals } from "@/lib/benefits/benefits.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { isLocale } from "@/lib/i18n/locales";
import { formatFen } from "@/lib/money";
import { HouseholdSummary } from "../../_components/HouseholdSummary";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "benefits.payouts" });
  return { title: t("title") };
}

export default async function PayoutsPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "benefits.payouts" });
  const b = await getTranslations({ locale, namespace: "benefits" });
  const sp = await searchParams;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const [payouts, totals] = await Promise.all([
    operatorPayouts(operator.id),
    operatorPayoutTotals(operator.id, new Date(Date.UTC(year, 0, 1))),
  ]);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-bold">{t("title")}</h1>
        <LocalLink
          locale={locale}
          href={`/coop/${operator.slug}/payouts/new`}
          className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t("new")}
        </LocalLink>
      </div>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      {sp.created === "1" ? (
        <p className="rounded-lg bg-leaf-50 px-3 py-2 text-sm text-leaf-700" role="status">
          {t("created")}
        </p>
      ) : null}

      <dl className="grid grid-cols-2 gap-3">
        <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <dt className="text-sm text-stone-600">{t("thisYear", { year })}</dt>
          <dd className="mt-1 text-xl font-bold tabular-nums" data-testid="payouts-year">
            {formatFen(totals.yearFen)}
          </dd>
        </div>
        <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <dt className="text-sm text-stone-600">{t("allTime")}</dt>
          <dd className="mt-1 text-xl font-bold tabular-nums">
            {formatFen(totals.allFen)}
            <span className="block text-xs font-normal text-stone-600">{t("count", { count: totals.count })}</span>
          </dd>
        </div>
      </dl>

      {payouts.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-sm text-stone-700 ring-1 ring-stone-200">{t("none")}</p>
      ) : (
        <ul className="space-y-3" data-testid="payout-list">
          {payouts.map((p) => (
            <li key={p.id} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="payout-item">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <HouseholdSummary locale={locale} household={p.household} compact />
                <p className="text-lg font-bold tabular-nums text-stone-900">{formatFen(p.amountFen)}</p>
              </div>
              <p className="text-sm text-stone-700">
                {b(`mechanism.${p.mechanism}`)} · {t("paidOn", { date: ymdFromDateColumn(p.paidOn) })}
              </p>
              {p.note ? <p className="text-sm text-stone-800">{p.note}</p> : null}
              {p.proofUrl ? (
                <a href={p.proofUrl} target="_blank" rel="noopener" className="inline-block text-sm font-medium text-brand-700 underline">
                  {t("proof")}
                </a>
              ) : (
                <p className="text-xs text-stone-600">{t("noProof")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
