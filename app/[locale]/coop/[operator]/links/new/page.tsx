// A new benefit link in two steps on one page: find the household (by registry code, or by
// village; households of the operator's county only, never by ID number or name), then set
// the terms. The search lives in the URL, so the back button and a reload keep it.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { shanghaiToday } from "@/lib/time/shanghai";
import { HOUSEHOLD_SEARCH_LIMIT, normaliseRegistryCode } from "@/lib/benefits/queries";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { alreadyLinked, findCountyHousehold, findCountyHouseholds, operatorProductChoices } from "@/lib/benefits/benefits.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { HouseholdSummary } from "../../../_components/HouseholdSummary";
import { inputClass } from "@/components/ui/styles";
import { LinkForm } from "./LinkForm";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { villagesOfCounty } from "@/lib/regions/regions.server";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "benefits.linkForm" });
  return { title: t("title") };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

export default async function NewLinkPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "benefits.linkForm" });
  const sp = await searchParams;
  const code = normaliseRegistryCode(one(sp.code));
  const villageId = /^\d{12}$/.test(one(sp.village)) ? one(sp.village) : "";
  const householdId = one(sp.household).slice(0, 64);
  const base = `/coop/${operator.slug}/links/new`;

  const [townships, found, chosen, products] = await Promise.all([
    villagesOfCounty(operator.countyId),
    findCountyHouseholds(operator.countyId, { code, villageId }),
    householdId ? findCountyHousehold(operator.countyId, householdId) : Promise.resolve(null),
    operatorProductChoices(operator.id),
  ]);
  const linkedIds = await alreadyLinked(
    operator.id,
    found.rows.map((h) => h.id),
  );
  const searched = Boolean(code || villageId);
  const keep = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (code) q.set("code", code);
    if (villageId) q.set("village", villageId);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${base}?${q.toString()}`;
  };

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-lg font-bold">{t("title")}</h1>
        <LocalLink locale={locale} href={`/coop/${operator.slug}/links`} className="text-sm font-medium text-brand-700 underline">
          {t("back")}
        </LocalLink>
      </div>

      <section aria-labelledby="step-household" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="step-household" className="font-semibold">
          {t("step1")}
        </h2>
        {chosen ? (
          <div
            className="flex flex-wrap items-start justify-between gap-3 rounded-lg bg-leaf-50 p-3 ring-1 ring-leaf-600/20"
            data-testid="chosen-household"
          >
            <HouseholdSummary locale={locale} household={chosen} />
            <LocalLink locale={locale} href={keep({})} className="text-sm font-medium text-brand-700 underline">
              {t("changeHousehold")}
            </LocalLink>
          </div>
        ) : (
          <>
            <p className="text-sm text-stone-700">{t("findHint")}</p>
            <form method="get" action={localizedPath(locale, base)} role="search" aria-label={t("byCode")} className="space-y-1">
              <label htmlFor="hh-code" className="block text-sm font-medium text-stone-800">
                {t("byCode")}
              </label>
              <div className="flex gap-2">
                <input
                  id="hh-code"
                  name="code"
                  defaultValue={code}
                  placeholder={t("codePlaceholder")}
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  className={inputClass}
                />
                <button
                  type="submit"
                  className="shrink-0 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
                >
                  {t("find")}
                </button>
              </div>
              <p className="text-xs text-stone-600">{t("codeHint")}</p>
            </form>
            <form method="get" action={localizedPath(locale, base)} role="search" aria-label={t("byVillage")} className="space-y-1">
              <label htmlFor="hh-village" className="block text-sm font-medium text-stone-800">
                {t("byVillage")}
              </label>
              <div className="flex gap-2">
                <select id="hh-village" name="village" defaultValue={villageId} className={inputClass}>
                  <option value="">{t("chooseVillage")}</option>
                  {townships.map((tw) => (
                    <optgroup key={tw.id} label={localName(locale, tw)}>
                      {tw.villages.map((v) => (
                        <option key={v.id} value={v.id}>
                          {localName(locale, v)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <button
                  type="submit"
                  className="shrink-0 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
                >
                  {t("find")}
                </button>
              </div>
            </form>

            {searched ? (
              found.rows.length === 0 ? (
                <p className="rounded-lg bg-stone-50 p-3 text-sm text-stone-700" role="status">
                  {t("noHouseholds")}
                </p>
              ) : (
                <div className="space-y-2">
                  <p className="text-sm text-stone-700" role="status">
                    {found.more
                      ? t("manyHouseholds", { count: HOUSEHOLD_SEARCH_LIMIT })
                      : t("householdCount", { count: found.rows.length })}
                  </p>
                  <ul className="divide-y divide-stone-100 rounded-lg ring-1 ring-stone-200" data-testid="household-results">
                    {found.rows.map((h) => (
                      <li key={h.id} className="flex items-center justify-between gap-3 p-3">
                        <div className="min-w-0 space-y-1">
                          <HouseholdSummary locale={locale} household={h} />
                          {linkedIds.has(h.id) ? <Badge tone="certified">{t("alreadyLinked")}</Badge> : null}
                        </div>
                        <LocalLink
                          locale={locale}
                          href={keep({ household: h.id })}
                          className="shrink-0 rounded-lg bg-white px-3 py-2 text-sm font-semibold text-brand-800 ring-1 ring-brand-600 hover:bg-brand-50"
                          aria-label={t("chooseHousehold", { code: h.registryCode })}
                        >
                          {t("choose")}
                        </LocalLink>
                      </li>
                    ))}
                  </ul>
                </div>
              )
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="step-terms" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="step-terms" className={`font-semibold ${chosen ? "" : "text-stone-500"}`}>
          {t("step2")}
        </h2>
        {chosen ? (
          <LinkForm
            operatorId={operator.id}
            householdId={chosen.id}
            today={shanghaiToday()}
            doneHref={localizedPath(locale, `/coop/${operator.slug}/links?created=1`)}
            initialProductId={products.some((p) => p.id === one(sp.product)) ? one(sp.product) : undefined}
            products={products.map((p) => ({
              id: p.id,
              label: `${localName(locale, p)} · ${localText(locale, p.specZh, p.specEn)} · ${formatFen(p.priceFen)}${p.listed ? "" : ` (${t("unlisted")})`}`,
            }))}
          />
        ) : (
          <p className="text-sm text-stone-600">{t("chooseFirst")}</p>
        )}
      </section>
    </div>
  );
}
