// 直播活动: the campaigns selling this operator's products, with their live figures, the public
// link and its QR code to show on the stream; drafts can be edited, and any not over cancelled.
// An admin publishes drafts (/admin/campaigns).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { CampaignCard } from "@/components/live/CampaignCard";
import { LocalLink } from "@/components/ui/LocalLink";
import { cancelCampaignAction } from "@/lib/campaigns/actions";
import { campaignLink, consoleCampaigns, qrSvg } from "@/lib/campaigns/campaigns.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";

type Props = { params: Promise<{ locale: string; operator: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "campaigns.console" }))("title") };
}

export default async function CampaignsPage({ params }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "campaigns.console" });
  const campaigns = await consoleCampaigns(operator.id);
  const base = `/coop/${operator.slug}/campaigns`;
  const qrs = await Promise.all(
    campaigns.map((c) => (c.state === "upcoming" || c.state === "live" ? qrSvg(campaignLink(c.slug, locale)) : Promise.resolve(null))),
  );

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-lg font-bold">{t("title")}</h1>
        <LocalLink
          locale={locale}
          href={`${base}/new`}
          className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t("new")}
        </LocalLink>
      </div>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      {campaigns.length === 0 ? (
        <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-700">{t("none")}</p>
      ) : (
        <ul className="space-y-4" data-testid="campaign-list">
          {campaigns.map((c, i) => (
            <CampaignCard key={c.id} locale={locale} campaign={c} link={campaignLink(c.slug, locale)} qr={qrs[i]!}>
              <div className="flex flex-wrap items-end gap-3">
                {c.state === "draft" ? (
                  <>
                    <p className="w-full text-sm text-stone-700">{t("draftNote")}</p>
                    <LocalLink
                      locale={locale}
                      href={`${base}/${c.id}`}
                      className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-800 ring-1 ring-brand-600 hover:bg-brand-50"
                    >
                      {t("edit")}
                    </LocalLink>
                  </>
                ) : null}
                {c.state === "draft" || c.state === "upcoming" || c.state === "live" ? (
                  <ActionForm
                    action={cancelCampaignAction}
                    idPrefix={`cancel-${c.id}`}
                    hidden={{ campaignId: c.id }}
                    submit={t("cancel")}
                    confirm={t("cancelConfirm")}
                    danger
                    inline
                  />
                ) : null}
              </div>
            </CampaignCard>
          ))}
        </ul>
      )}
    </div>
  );
}
