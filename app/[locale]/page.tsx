import { getTranslations } from "next-intl/server";
import { ProductList } from "@/components/catalog/ProductCard";
import { LocalLink } from "@/components/ui/LocalLink";
import { getFeaturedProducts, getHomeStats, listCounties } from "@/lib/catalog/catalog.server";
import { localName } from "@/lib/i18n/pick";
import { formatFenWhole } from "@/lib/money";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const revalidate = 300;

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "home" });
  const [stats, featured, counties] = await Promise.all([getHomeStats(), getFeaturedProducts(), listCounties()]);
  const number = new Intl.NumberFormat(locale);

  const counters = [
    { label: t("statSales"), value: formatFenWhole(stats.assistanceSalesFen), id: "sales" },
    { label: t("statReached"), value: number.format(stats.householdsReached), id: "reached" },
    { label: t("statLinked"), value: number.format(stats.householdsLinked), id: "linked" },
    { label: t("statProducts"), value: number.format(stats.products), id: "products" },
    { label: t("statOperators"), value: number.format(stats.operators), id: "operators" },
  ];

  return (
    <div className="space-y-10">
      <section className="overflow-hidden rounded-2xl bg-gradient-to-br from-brand-700 to-brand-800 px-5 py-8 text-white sm:px-10 sm:py-12">
        <h1 className="max-w-2xl text-2xl font-bold leading-tight sm:text-4xl">{t("heroTitle")}</h1>
        <p className="mt-3 max-w-2xl text-sm leading-relaxed text-orange-50 sm:text-base">{t("heroBody")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <LocalLink
            locale={locale}
            href="/products"
            className="rounded-lg bg-white px-5 py-2.5 font-semibold text-brand-800 shadow hover:bg-orange-50"
          >
            {t("shopNow")}
          </LocalLink>
          <LocalLink
            locale={locale}
            href="/about"
            className="rounded-lg px-5 py-2.5 font-semibold text-white ring-1 ring-white/60 hover:bg-white/10"
          >
            {t("learnMore")}
          </LocalLink>
        </div>
      </section>

      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className="mb-3 text-lg font-bold">
          {t("statsTitle")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {counters.map((c) => (
            <div
              key={c.id}
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 first:col-span-2 sm:first:col-span-1"
              data-testid={`stat-${c.id}`}
            >
              <dt className="text-xs text-stone-600">{c.label}</dt>
              <dd className="mt-1 text-xl font-bold text-brand-800 sm:text-2xl">{c.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="featured-title">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="featured-title" className="text-lg font-bold">
            {t("featured")}
          </h2>
          <LocalLink locale={locale} href="/products?certified=1" className="text-sm font-medium text-brand-700 underline">
            {t("seeAll")}
          </LocalLink>
        </div>
        <ProductList products={featured} locale={locale} eager={2} />
      </section>

      <section aria-labelledby="counties-title">
        <h2 id="counties-title" className="mb-3 text-lg font-bold">
          {t("countiesTitle")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {counties.map((c) => (
            <li key={c.id}>
              <LocalLink
                locale={locale}
                href={`/counties/${c.id}`}
                className="block rounded-xl bg-white p-4 font-semibold shadow-sm ring-1 ring-stone-200 hover:ring-brand-600"
              >
                {localName(locale, c)} →
              </LocalLink>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-title" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-8">
        <h2 id="how-title" className="mb-4 text-lg font-bold">
          {t("howTitle")}
        </h2>
        <ol className="grid gap-5 sm:grid-cols-3">
          {(["1", "2", "3"] as const).map((n) => (
            <li key={n} className="flex gap-3">
              <span aria-hidden className="grid h-8 w-8 shrink-0 place-items-center rounded-full bg-leaf-50 font-bold text-leaf-700">
                {n}
              </span>
              <div>
                <h3 className="font-semibold">{t(`how${n}Title`)}</h3>
                <p className="mt-1 text-sm leading-relaxed text-stone-700">{t(`how${n}Body`)}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
