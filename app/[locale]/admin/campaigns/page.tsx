// 直播活动 (admin): drafts waiting to be published, soonest first, with publish and cancel; then
// the latest published, running, ended and cancelled campaigns with their figures.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/app/[locale]/admin/_components/ActionForm";
import { CampaignCard } from "@/components/live/CampaignCard";
import { cancelCampaignAction, publishCampaignAction } from "@/lib/campaigns/actions";
import { campaignLink, campaignsForAdmin, qrSvg } from "@/lib/campaigns/campaigns.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "campaigns.admin" }))("title") };
}

export default async function AdminCampaignsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "campaigns.admin" });
  const { waiting, others } = await campaignsForAdmin();
  const qrs = await Promise.all(
    others.map((c) => (c.state === "upcoming" || c.state === "live" ? qrSvg(campaignLink(c.slug, locale)) : Promise.resolve(null))),
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <section aria-labelledby="campaigns-waiting" className="space-y-3">
        <h2 id="campaigns-waiting" className="text-lg font-semibold">
          {t("waiting", { count: waiting.length })}
        </h2>
        {waiting.length === 0 ? (
          <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-700">{t("noneWaiting")}</p>
        ) : (
          <ul className="space-y-4" data-testid="campaigns-waiting">
            {waiting.map((c) => (
              <CampaignCard key={c.id} locale={locale} campaign={c} link={campaignLink(c.slug, locale)} qr={null} showOperators>
                <div className="flex flex-wrap items-end gap-3">
                  <ActionForm
                    action={publishCampaignAction}
                    idPrefix={`publish-${c.id}`}
                    hidden={{ campaignId: c.id }}
                    submit={t("publish")}
                    testId="publish-form"
                    inline
                  />
                  <ActionForm
                    action={cancelCampaignAction}
                    idPrefix={`reject-${c.id}`}
                    hidden={{ campaignId: c.id }}
                    submit={t("cancel")}
                    confirm={t("cancelConfirm")}
                    danger
                    inline
                  />
                </div>
              </CampaignCard>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="campaigns-others" className="space-y-3">
        <h2 id="campaigns-others" className="text-lg font-semibold">
          {t("others")}
        </h2>
        {others.length === 0 ? (
          <p className="rounded-xl bg-stone-50 p-4 text-sm text-stone-700">{t("noneOthers")}</p>
        ) : (
          <ul className="space-y-4">
            {others.map((c, i) => (
              <CampaignCard key={c.id} locale={locale} campaign={c} link={campaignLink(c.slug, locale)} qr={qrs[i]!} showOperators>
                {c.state === "upcoming" || c.state === "live" ? (
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
              </CampaignCard>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
