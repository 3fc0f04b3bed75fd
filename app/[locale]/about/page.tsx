// A page with no data: fully static. The page benchmark uses it as the yardstick.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { isLocale, locales } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const dynamic = "force-static";
export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "about" }))("title") };
}

export default async function AboutPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "about" });
  return (
    <article className="mx-auto max-w-3xl space-y-4 rounded-2xl bg-white p-5 leading-relaxed shadow-sm ring-1 ring-stone-200 sm:p-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("p1")}</p>
      <p>{t("p2")}</p>
      <p>{t("p3")}</p>
      <h2 className="pt-2 text-lg font-semibold">{t("demoTitle")}</h2>
      <p className="text-sm text-stone-700">{t("demoBody")}</p>
    </article>
  );
}
