// 直播页 /live/<slug>: a published campaign, the same page for every viewer (cached), with a
// countdown, the live remaining figure (polled from memory, ≤ 1 s old) and the buy form; the
// campaign link as a QR code to show on the stream.
import type { Metadata } from "next";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LiveBuy } from "@/components/live/LiveBuy";
import { campaignLink, getPublicCampaign, qrSvg } from "@/lib/campaigns/campaigns.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localText } from "@/lib/i18n/pick";
import { liveTexts } from "@/lib/campaigns/live-messages";

export const revalidate = 30;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

const load = (slug: string) => (SLUG.test(slug) ? getPublicCampaign(slug) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const c = await load(slug);
  return c ? { title: localText(locale, c.titleZh, c.titleEn) } : {};
}

export default async function LivePage({ params }: Props) {
  const { locale: raw, slug } = await params;
  const locale = pageLocale(raw);
  const campaign = await load(slug);
  if (!campaign) notFound();
  const t = await getTranslations({ locale, namespace: "live" });
  const link = campaignLink(campaign.slug, locale);
  const qr = await qrSvg(link);
  // The buy box's texts as a prop (no next-intl client on this page): lib/campaigns/live-messages.ts.
  const texts = liveTexts(await getMessages({ locale }));

  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm font-medium text-brand-700">{t("kicker")}</p>
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{localText(locale, campaign.titleZh, campaign.titleEn)}</h1>
        <p className="text-stone-700">{t("host", { host: localText(locale, campaign.hostZh, campaign.hostEn) })}</p>
      </header>
      <div className="grid gap-6 md:grid-cols-[1fr_16rem]">
        <LiveBuy locale={locale} campaign={campaign} texts={texts} />
        <aside className="space-y-2 rounded-xl bg-white p-4 text-center shadow-sm ring-1 ring-stone-200">
          <h2 className="font-semibold">{t("qrTitle")}</h2>
          <div className="mx-auto w-40" role="img" aria-label={t("qrAlt", { link })} dangerouslySetInnerHTML={{ __html: qr }} />
          <p className="break-all text-xs text-stone-600" data-testid="campaign-link">
            {link}
          </p>
        </aside>
      </div>
    </article>
  );
}
