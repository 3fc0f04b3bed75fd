// A new campaign (draft) of this operator's products; an admin publishes it.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { consoleProductChoices } from "@/lib/campaigns/campaigns.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { campaignDefaults, productOptions } from "../options";
import { CampaignForm } from "../CampaignForm";

type Props = { params: Promise<{ locale: string; operator: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "campaigns.form" }))("newTitle") };
}

export default async function NewCampaignPage({ params }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "campaigns.form" });
  const products = await consoleProductChoices(operator.id);
  const base = `/coop/${operator.slug}/campaigns`;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-lg font-bold">{t("newTitle")}</h1>
        <LocalLink locale={locale} href={base} className="text-sm font-medium text-brand-700 underline">
          {t("back")}
        </LocalLink>
      </div>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-5">
        <CampaignForm
          operatorId={operator.id}
          products={productOptions(locale, products)}
          defaults={campaignDefaults(new Date())}
          doneHref={localizedPath(locale, `${base}?saved=1`)}
        />
      </section>
    </div>
  );
}
