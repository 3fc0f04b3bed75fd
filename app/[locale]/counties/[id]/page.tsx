import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { OriginBreadcrumb } from "@/components/catalog/OriginBreadcrumb";
import { ProductList } from "@/components/catalog/ProductCard";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { getCounty } from "@/lib/catalog/catalog.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const revalidate = 300;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; id: string }> };

async function load(id: string) {
  return /^\d{6}$/.test(id) ? getCounty(id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  if (!isLocale(locale)) return {};
  const county = await load(id);
  return county ? { title: localName(locale, county) } : {};
}

export default async function CountyPage({ params }: Props) {
  const { locale: raw, id } = await params;
  const locale = pageLocale(raw);
  const county = await load(id);
  if (!county) notFound();
  const t = await getTranslations({ locale, namespace: "county" });
  const e = await getTranslations({ locale, namespace: "enums" });
  const number = new Intl.NumberFormat(locale);

  return (
    <article className="space-y-6">
      <header className="space-y-3">
        <OriginBreadcrumb locale={locale} path={county.path.slice(0, -1)} label={t("list")} />
        <h1 className="text-2xl font-bold sm:text-3xl">{localName(locale, county)}</h1>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <div className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200">
            <dt className="text-xs text-stone-600">{t("linked")}</dt>
            <dd className="mt-1 font-bold text-brand-800" data-testid="county-linked">
              {t("linkedBody", { households: number.format(county.householdsLinked), people: number.format(county.peopleLinked) })}
            </dd>
          </div>
          <div className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200">
            <dt className="text-xs text-stone-600">{t("operators")}</dt>
            <dd className="mt-1 font-bold text-brand-800">{number.format(county.operators.length)}</dd>
          </div>
          <div className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200">
            <dt className="text-xs text-stone-600">{t("townships")}</dt>
            <dd className="mt-1 font-bold text-brand-800">{number.format(county.townships.length)}</dd>
          </div>
          <div className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200">
            <dt className="text-xs text-stone-600">{t("productCount", { count: county.productCount })}</dt>
            <dd className="mt-1">
              <LocalLink locale={locale} href={`/products?county=${county.id}`} className="text-sm font-semibold text-brand-700 underline">
                {t("allProducts", { count: county.productCount })}
              </LocalLink>
            </dd>
          </div>
        </dl>
      </header>

      {county.giMarks.length ? (
        <section aria-labelledby="county-gi">
          <h2 id="county-gi" className="mb-2 text-lg font-bold">
            {t("giMarks")}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {county.giMarks.map((g) => (
              <li key={g.slug}>
                <LocalLink locale={locale} href={`/products?county=${county.id}&gi=${g.slug}`}>
                  <Badge tone="gi">
                    {localName(locale, g)} · {e(`giKind.${g.kind}`)} · {g.year}
                  </Badge>
                </LocalLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="county-products">
        <h2 id="county-products" className="mb-3 text-lg font-bold">
          {t("products")}
        </h2>
        <ProductList products={county.products} locale={locale} />
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="county-operators" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 id="county-operators" className="mb-2 font-bold">
            {t("operators")}
          </h2>
          <ul className="divide-y divide-stone-100 text-sm">
            {county.operators.map((o) => (
              <li key={o.slug} className="flex items-center justify-between gap-2 py-2">
                <LocalLink locale={locale} href={`/operators/${o.slug}`} className="text-brand-700 underline">
                  {localName(locale, o)}
                </LocalLink>
                <span className="shrink-0 text-xs text-stone-600">
                  {e(`operatorKind.${o.kind}`)} · {t("productCount", { count: o.products })}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="county-townships" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 id="county-townships" className="mb-2 font-bold">
            {t("townships")}
          </h2>
          <ul className="divide-y divide-stone-100 text-sm">
            {county.townships.map((tw) => (
              <li key={tw.id} className="flex items-center justify-between gap-2 py-2">
                <LocalLink locale={locale} href={`/products?county=${county.id}&township=${tw.id}`} className="text-brand-700 underline">
                  {localName(locale, tw)}
                </LocalLink>
                <span className="text-xs text-stone-600">{t("villages", { count: tw.villages })}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </article>
  );
}
