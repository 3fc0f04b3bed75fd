// Buyer organisations (采购单位): every organisation's progress this year, creating one with its
// first manager, and the 预留份额 rates of provinces and cities (10% where none is set).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { OrganisationForm } from "@/app/[locale]/admin/_components/OrganisationForm";
import { ProgressTable } from "@/components/organisations/ProgressTable";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { createOrganisationAction, deleteQuotaRateAction, setQuotaRateAction } from "@/lib/organisations/admin-actions";
import { adminOrganisationChoices, adminQuotaRates, progressFor, quotaYear } from "@/lib/organisations/organisations.server";
import { DEFAULT_QUOTA_BPS } from "@/lib/organisations/quota";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "organisations.admin" }))("title") };
}

export default async function AdminOrganisationsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = (await getActor())!;
  const t = await getTranslations({ locale, namespace: "organisations.admin" });
  const [rows, choices, rates] = await Promise.all([progressFor(actor), adminOrganisationChoices(), adminQuotaRates()]);
  const option = (r: { id: string; nameZh: string; nameEn: string }) => ({ value: r.id, label: `${localName(locale, r)} (${r.id})` });
  const rateRegions = choices.regions.filter((r) => r.level !== "COUNTY");
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      <ProgressTable locale={locale} rows={rows ?? []} year={quotaYear()} hrefOf={(id) => `/admin/organisations/${id}`} />

      <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <summary className="cursor-pointer font-semibold">{t("createTitle")}</summary>
        <p className="mt-2 text-sm text-stone-700">{t("createHint")}</p>
        <div className="mt-3">
          <OrganisationForm
            mode="create"
            action={createOrganisationAction}
            regions={choices.regions.map(option)}
            counties={choices.counties.map((c) => ({ value: c.id, label: localName(locale, c) }))}
            units={choices.units.map((u) => ({ value: u.id, label: localName(locale, u) }))}
          />
        </div>
      </details>

      <section aria-labelledby="rates-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="rates-title" className="text-lg font-semibold">
          {t("ratesTitle")}
        </h2>
        <p className="text-sm text-stone-700">{t("ratesHint", { percent: DEFAULT_QUOTA_BPS / 100 })}</p>
        {rates.length ? (
          <ul className="divide-y divide-stone-100" data-testid="quota-rates">
            {rates.map((r) => (
              <li key={r.regionId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  {localName(locale, r.region)} <span className="font-semibold tabular-nums">{r.bps / 100}%</span>
                </span>
                <ActionForm
                  action={deleteQuotaRateAction}
                  idPrefix={`rate-delete-${r.regionId}`}
                  hidden={{ regionId: r.regionId }}
                  submit={t("rateDelete")}
                  confirm={t("rateDeleteConfirm", { region: localName(locale, r.region) })}
                  danger
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">{t("noRates")}</p>
        )}
        <ActionForm
          action={setQuotaRateAction}
          idPrefix="rate"
          testId="quota-rate-form"
          inline
          fields={[
            {
              name: "regionId",
              label: t("rateRegion"),
              kind: "select",
              required: true,
              options: [{ value: "", label: t("choose") }, ...rateRegions.map(option)],
            },
            { name: "percent", label: t("ratePercent"), hint: t("ratePercentHint"), kind: "text", required: true, maxLength: 10 },
          ]}
          submit={t("rateSet")}
          success={t("rateSaved")}
        />
      </section>
    </div>
  );
}
