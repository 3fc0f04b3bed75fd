// The public share card of an order's impact receipt: households and villages reached, the amount
// that reached them, the products. Nothing about the buyer, nothing naming a household. Its preview
// image (opengraph-image.tsx beside it) is what a chat app shows when the link is shared.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalLink } from "@/components/ui/LocalLink";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { isCode } from "@/lib/trace/code";
import { villageList } from "@/lib/trace/share-text";
import { getShareCard } from "@/lib/trace/trace.server";
import { notificationConfig } from "@/lib/notifications/config";

type Props = { params: Promise<{ locale: string; token: string }> };

const load = (token: string) => (isCode(token) ? getShareCard(token) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: raw, token } = await params;
  const locale = pageLocale(raw);
  const card = await load(token);
  if (!card) return {};
  const t = await getTranslations({ locale, namespace: "share" });
  const title = card.households > 0 ? t("title", { households: card.households }) : t("titleNone");
  const description =
    card.households > 0
      ? t("body", { reached: formatFen(card.reachedFen), households: card.households, villages: villageList(locale, card) })
      : t("bodyNone");
  // The image comes from opengraph-image.tsx (Next adds og:image); the card is not for search engines.
  return {
    title,
    description,
    // The preview image's address must be absolute and public: the site's address (APP_URL, NEXTAUTH_URL).
    metadataBase: new URL(notificationConfig().appUrl),
    openGraph: { title, description, type: "website" },
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

export default async function ShareCardPage({ params }: Props) {
  const { locale: raw, token } = await params;
  const locale = pageLocale(raw);
  const card = await load(token);
  if (!card) notFound();
  const t = await getTranslations({ locale, namespace: "share" });
  return (
    <article className="mx-auto max-w-xl space-y-4" data-testid="share-card">
      <div className="space-y-3 rounded-2xl bg-leaf-700 p-6 text-white shadow">
        <p className="text-sm opacity-90">{t("brand")}</p>
        <h1 className="text-2xl font-bold leading-snug sm:text-3xl">
          {card.households > 0 ? t("title", { households: card.households }) : t("titleNone")}
        </h1>
        <p className="leading-relaxed">
          {card.households > 0
            ? t("body", { reached: formatFen(card.reachedFen), households: card.households, villages: villageList(locale, card) })
            : t("bodyNone")}
        </p>
      </div>
      <ul className="flex flex-wrap gap-2 text-sm">
        {card.products.map((p) => (
          <li key={p.slug}>
            <LocalLink
              locale={locale}
              href={`/products/${p.slug}`}
              className="inline-block rounded-full bg-white px-3 py-1 text-brand-700 ring-1 ring-stone-300"
            >
              {localName(locale, p)}
            </LocalLink>
          </li>
        ))}
      </ul>
      <p className="text-xs text-stone-600">{t("privacy")}</p>
      <LocalLink locale={locale} href="/" className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white">
        {t("cta")}
      </LocalLink>
    </article>
  );
}
