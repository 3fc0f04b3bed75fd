// A draft campaign's form (only a draft changes; a published one is shown on the list).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalLink } from "@/components/ui/LocalLink";
import { consoleCampaign, consoleProductChoices } from "@/lib/campaigns/campaigns.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { campaignDefaults, draftOf, productOptions } from "../options";
import { CampaignForm } from "../CampaignForm";

type Props = { params: Promise<{ locale: string; operator: string; campaignId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "campaigns.form" }))("editTitle") };
}

export default async function EditCampaignPage({ params }: Props) {
  const { locale: raw, operator: slug, campaignId } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(campaignId)) notFound();
  const t = await getTranslations({ locale, namespace: "campaigns.form" });
  const [campaign, products] = await Promise.all([consoleCampaign(operator.id, campaignId), consoleProductChoices(operator.id)]);
  if (!campaign) notFound();
  const base = `/coop/${operator.slug}/campaigns`;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-lg font-bold">{t("editTitle")}</h1>
        <LocalLink locale={locale} href={base} className="text-sm font-medium text-brand-700 underline">
          {t("back")}
        </LocalLink>
      </div>
      {campaign.state === "draft" ? (
        <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-5">
          <CampaignForm
            operatorId={operator.id}
            products={productOptions(locale, products)}
            draft={draftOf(campaign)}
            defaults={campaignDefaults(new Date())}
            doneHref={localizedPath(locale, `${base}?saved=1`)}
          />
        </section>
      ) : (
        <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-700" role="status">
          {t("notDraft")}
        </p>
      )}
    </div>
  );
}
