// Pieces shown both in the certification queue and on the review page: the price against the
// county's average for the category, and the benefit links in numbers (never household names).
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import type { Locale } from "@/lib/i18n/locales";
import { formatFen } from "@/lib/money";
import type { BenefitSummary } from "@/lib/certification/queue.server";

/** The price, the county's average for the category and the difference in %. */
export async function PriceYardstick({
  locale,
  priceFen,
  averageFen,
  unit,
}: {
  locale: Locale;
  priceFen: number;
  averageFen: number | null;
  unit: string;
}) {
  const t = await getTranslations({ locale, namespace: "office.facts" });
  const diff = averageFen ? ((priceFen - averageFen) / averageFen) * 100 : null;
  const pct = diff === null ? "" : `${diff > 0 ? "+" : diff < 0 ? "−" : "±"}${Math.abs(diff).toFixed(Math.abs(diff) < 10 ? 1 : 0)}%`;
  const far = diff !== null && Math.abs(diff) >= 30;
  return (
    <div className="text-sm">
      <span className="font-semibold text-stone-900">{formatFen(priceFen)}</span>
      <span className="text-stone-600"> / {unit}</span>
      <span className="block text-xs text-stone-600" data-testid="price-yardstick">
        {averageFen === null ? (
          t("noAverage")
        ) : (
          <>
            {t("average", { price: formatFen(averageFen) })}{" "}
            <span className={`whitespace-nowrap ${far ? "font-semibold text-red-800" : "font-medium text-stone-800"}`}>
              {t("difference", { pct })}
            </span>
          </>
        )}
      </span>
    </div>
  );
}

export async function LinksSummary({ locale, links }: { locale: Locale; links: BenefitSummary }) {
  const t = await getTranslations({ locale, namespace: "office.facts" });
  const e = await getTranslations({ locale, namespace: "enums" });
  if (links.scope === "none") return <p className="text-sm text-red-800">{t("noLinks")}</p>;
  const promises = [
    links.bps > 0 ? t("percentPromised", { pct: (links.bps / 100).toLocaleString(locale, { maximumFractionDigits: 2 }) }) : null,
    links.fenPerUnit > 0 ? t("fixedPromised", { amount: formatFen(links.fenPerUnit) }) : null,
  ].filter(Boolean);
  return (
    <div className="space-y-1 text-sm text-stone-800" data-testid="links-summary">
      <p>
        {t("households", { count: links.households })}
        <span className="text-stone-600"> · {links.scope === "product" ? t("scopeProduct") : t("scopeOperator")}</span>
      </p>
      <p className="flex flex-wrap gap-1">
        {links.mechanisms.map((m) => (
          <Badge key={m}>{e(`mechanism.${m}`)}</Badge>
        ))}
      </p>
      {promises.length > 0 ? <p className="text-stone-700">{promises.join(t("and"))}</p> : null}
    </div>
  );
}
