// Settlement payouts (结算打款): pick the month; every operator with unpaid settlement entries up to
// its end, what it is owed (sales − refunds − the platform fee), and a form to record the payout
// (date, bank reference). Recorded payouts cannot be changed (append-only).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { inputClass } from "@/components/ui/styles";
import { recordPayoutAction } from "@/lib/admin/actions";
import { payoutRunOf, recentPayouts } from "@/lib/admin/queries.server";
import { shanghaiToday } from "@/lib/time/shanghai";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { MONTH } from "@/lib/orders/seller-orders";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "settlementPayouts" }))("runTitle") };
}

function previousMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export default async function PayoutsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ month?: string }>;
}) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "settlementPayouts" });
  const asked = (await searchParams).month;
  const today = shanghaiToday();
  const month = asked && MONTH.test(asked) && asked <= today.slice(0, 7) ? asked : previousMonth(today);
  const [{ feeBps, rows }, recent] = await Promise.all([payoutRunOf(month), recentPayouts()]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("runTitle")}</h1>
      <p className="text-sm text-stone-700">{t("runIntro")}</p>
      <form method="get" action={localizedPath(locale, "/admin/payouts")} className="flex flex-wrap items-end gap-2">
        <label className="space-y-1 text-sm">
          <span className="block font-medium">{t("month")}</span>
          <input type="month" name="month" defaultValue={month} max={today.slice(0, 7)} className={inputClass} />
        </label>
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white">
          {t("show")}
        </button>
      </form>
      <p className="text-sm text-stone-700" data-testid="fee-rate">
        {t("feeRate", { rate: (feeBps / 100).toFixed(2) })}
      </p>
      <p className="rounded-lg bg-stone-50 p-3 text-xs text-stone-700 ring-1 ring-stone-200">{t("rule")}</p>
      {rows.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200">{t("nothingOwed")}</p>
      ) : (
        <ul className="space-y-3" data-testid="payout-run">
          {rows.map((r) => (
            <li
              key={r.operatorId}
              className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
              data-testid="payout-row"
              data-slug={r.slug}
            >
              <p className="font-semibold">{localName(locale, r)}</p>
              <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                <div>
                  <dt className="text-stone-600">{t("sales")}</dt>
                  <dd className="tabular-nums">{formatFen(r.figures.salesFen)}</dd>
                </div>
                <div>
                  <dt className="text-stone-600">{t("refunds")}</dt>
                  <dd className="tabular-nums">{formatFen(r.figures.refundsFen)}</dd>
                </div>
                <div>
                  <dt className="text-stone-600">{t("fee")}</dt>
                  <dd className="tabular-nums">{formatFen(-r.figures.feeFen)}</dd>
                </div>
                <div>
                  <dt className="text-stone-600">{t("payout")}</dt>
                  <dd className="font-semibold tabular-nums" data-testid="payout-amount">
                    {formatFen(r.figures.payoutFen)}
                  </dd>
                </div>
              </dl>
              {r.figures.payoutFen > 0 ? (
                <ActionForm
                  action={recordPayoutAction}
                  idPrefix={`payout-${r.operatorId}`}
                  inline
                  hidden={{ operatorId: r.operatorId, month, expectAmountFen: String(r.figures.payoutFen) }}
                  fields={[
                    { name: "paidOn", label: t("paidOn"), kind: "date", required: true, defaultValue: today },
                    { name: "bankReference", label: t("bankReference"), kind: "text", required: true, maxLength: 60 },
                  ]}
                  submit={t("record")}
                  confirm={t("recordConfirm", { amount: formatFen(r.figures.payoutFen) })}
                  testId="record-payout-form"
                />
              ) : (
                <p className="text-sm text-amber-900">{t("carriedForward")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="recent-title" className="space-y-2">
        <h2 id="recent-title" className="text-lg font-semibold">
          {t("recent")}
        </h2>
        <ul className="divide-y divide-stone-100 rounded-xl bg-white text-sm shadow-sm ring-1 ring-stone-200">
          {recent.map((p) => (
            <li key={p.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
              <span>
                {localName(locale, p.operator)} · {p.periodMonth}
              </span>
              <span className="tabular-nums">
                {formatFen(p.amountFen)} · {p.paidOn.toISOString().slice(0, 10)} · {p.bankReference}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
