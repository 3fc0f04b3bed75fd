// The catalogue. Public URL: /products?<filters>; the proxy rewrites it here with the
// filters as one canonical key, so each filter set is rendered once and then cached.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CatalogFilterForm } from "@/components/catalog/CatalogFilterForm";
import { ProductList } from "@/components/catalog/ProductCard";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { catalogHref, filtersFromCatalogKey } from "@/lib/catalog/filters";
import { getCatalogFacets, listProducts } from "@/lib/catalog/catalog.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const revalidate = 300;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "catalog" });
  return { title: t("title") };
}

export default async function CatalogPage({ params }: Props) {
  const { locale: raw, key } = await params;
  const locale = pageLocale(raw);
  const filters = filtersFromCatalogKey(key);
  const t = await getTranslations({ locale, namespace: "catalog" });
  const [result, facets] = await Promise.all([listProducts(filters), getCatalogFacets(filters.county, filters.operator)]);
  const page = Math.min(filters.page, result.pageCount);

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold sm:text-2xl">{t("title")}</h1>
      <div className="grid gap-5 lg:grid-cols-[16rem_1fr]">
        <aside className="lg:sticky lg:top-20 lg:self-start">
          <CatalogFilterForm locale={locale} filters={filters} facets={facets} />
        </aside>
        <section aria-live="polite" className="space-y-4">
          {/* A heading (the cards' names are h3): the result count introduces the list. */}
          <h2 className="text-sm font-normal text-stone-700" data-testid="result-count">
            {filters.q ? t("resultsFor", { count: result.total, q: filters.q }) : t("results", { count: result.total })}
          </h2>
          {result.items.length ? (
            <ProductList products={result.items} locale={locale} eager={2} />
          ) : (
            <div className="rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-stone-200">
              <p className="font-semibold">{t("empty")}</p>
              <p className="mt-1 text-sm text-stone-600">{t("emptyHint")}</p>
              <LocalLink locale={locale} href="/products" className="mt-3 inline-block text-sm text-brand-700 underline">
                {t("clear")}
              </LocalLink>
            </div>
          )}
          <Pager locale={locale} page={page} pages={result.pageCount} href={(p) => catalogHref(filters, { page: p })} />
        </section>
      </div>
    </div>
  );
}
