// The seller's shipping rule (运费模板). Without one, its orders ship free.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { provinces } from "@/lib/orders/address";
import { provinceName } from "@/lib/regions/province-names";
import { shippingRulesFor } from "@/lib/shipping-fees/shipping.server";
import { ShippingRuleForm, type ShippingFormLabels } from "./ShippingRuleForm";

type Props = { params: Promise<{ locale: string; operator: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "shippingFees.console" });
  return { title: t("title") };
}

const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? "" : fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);

export default async function ShippingRulePage({ params }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "shippingFees.console" });
  const rule = (await shippingRulesFor([operator.id]))[operator.id];
  const keys = [
    "flat",
    "flatHint",
    "freeAbove",
    "freeAboveHint",
    "coldChain",
    "coldChainHint",
    "dispatchDays",
    "shipFromZh",
    "shipFromEn",
    "afterSalesZh",
    "afterSalesEn",
    "provinces",
    "provincesHint",
    "province",
    "surcharge",
    "notDelivered",
    "save",
    "saved",
  ] as const;
  const labels = Object.fromEntries(keys.map((k) => [k, t(k)])) as unknown as ShippingFormLabels;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-lg font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{rule ? t("intro") : t("none")}</p>
      <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <ShippingRuleForm
          operator={operator.slug}
          provinces={provinces().map((zh) => ({ value: zh, label: provinceName(locale, zh) }))}
          labels={labels}
          values={{
            flat: yuan(rule?.flatFen),
            freeAbove: yuan(rule?.freeAboveFen),
            coldChain: yuan(rule?.coldChainFen),
            dispatchDays: String(rule?.dispatchDays ?? 2),
            shipFromZh: rule?.shipFromZh ?? "",
            shipFromEn: rule?.shipFromEn ?? "",
            afterSalesZh: rule?.afterSalesZh ?? "",
            afterSalesEn: rule?.afterSalesEn ?? "",
            surcharges: Object.fromEntries(
              rule?.provinces.flatMap((p) => ("surchargeFen" in p ? [[p.province, yuan(p.surchargeFen)]] : [])) ?? [],
            ),
            notDelivered: rule?.provinces.flatMap((p) => ("notDelivered" in p ? [p.province] : [])) ?? [],
          }}
        />
      </section>
    </div>
  );
}
