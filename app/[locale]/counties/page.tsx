import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { listCounties } from "@/lib/catalog/catalog.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const revalidate = 300;

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  return { title: (await getTranslations({ locale, namespace: "county" }))("list") };
}

export default async function CountiesPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "county" });
  const counties = await listCounties();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("list")}</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {counties.map((c) => (
          <li key={c.id}>
            <LocalLink
              locale={locale}
              href={`/counties/${c.id}`}
              className="block rounded-xl bg-white p-5 text-lg font-semibold shadow-sm ring-1 ring-stone-200 hover:ring-brand-600"
            >
              {localName(locale, c)} →
            </LocalLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
