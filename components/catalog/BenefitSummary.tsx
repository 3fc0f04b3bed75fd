import { getTranslations } from "next-intl/server";
import type { BenefitSummary as Summary } from "@/lib/catalog/catalog.server";
import type { Locale } from "@/lib/i18n/locales";
import { colon, localName } from "@/lib/i18n/pick";

const MAX_VILLAGES_NAMED = 6;

/** Who a product's sales reach: counts, villages and mechanisms. Never a household's name. */
export async function BenefitSummary({ locale, summary }: { locale: Locale; summary: Summary }) {
  const t = await getTranslations({ locale, namespace: "product" });
  const e = await getTranslations({ locale, namespace: "enums" });
  const separator = locale === "en" ? ", " : "、";
  const named = summary.villages.slice(0, MAX_VILLAGES_NAMED).map((v) => localName(locale, v));
  const villages =
    summary.villages.length > MAX_VILLAGES_NAMED
      ? `${named.join(separator)}${locale === "en" ? ` and ${summary.villages.length - MAX_VILLAGES_NAMED} more villages` : ` 等 ${summary.villages.length} 个村`}`
      : named.join(separator);
  return (
    <section aria-labelledby="benefit-title" className="rounded-xl bg-leaf-50 p-4 ring-1 ring-leaf-600/20" data-testid="benefit-summary">
      <h2 id="benefit-title" className="font-semibold text-leaf-700">
        {t("benefitTitle")}
      </h2>
      {summary.households ? (
        <>
          <p className="mt-2 text-sm leading-relaxed text-stone-800">
            {t("benefitBody", { households: summary.households, people: summary.people, villages })}
          </p>
          <p className="mt-2 text-sm text-stone-800">
            <span className="font-medium">
              {t("mechanisms")}
              {colon(locale)}
            </span>
            {summary.mechanisms.map((m) => e(`mechanism.${m}`)).join(separator)}
          </p>
          <p className="mt-2 text-xs text-stone-600">{t("privacy")}</p>
        </>
      ) : (
        <p className="mt-2 text-sm text-stone-700">{t("benefitNone")}</p>
      )}
    </section>
  );
}
