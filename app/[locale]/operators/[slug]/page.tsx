import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { OriginBreadcrumb } from "@/components/catalog/OriginBreadcrumb";
import { ProductList } from "@/components/catalog/ProductCard";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { getOperatorBySlug } from "@/lib/catalog/catalog.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const revalidate = 300;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

async function load(slug: string) {
  return SLUG.test(slug) ? getOperatorBySlug(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const operator = await load(slug);
  return operator ? { title: localName(locale, operator) } : {};
}

export default async function OperatorPage({ params }: Props) {
  const { locale: raw, slug } = await params;
  const locale = pageLocale(raw);
  const operator = await load(slug);
  if (!operator) notFound();
  const t = await getTranslations({ locale, namespace: "operator" });
  const e = await getTranslations({ locale, namespace: "enums" });
  const b = operator.benefits;

  return (
    <article className="space-y-6">
      <header className="space-y-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <div className="flex flex-wrap gap-2">
          <Badge tone="certified">{e(`operatorKind.${operator.kind}`)}</Badge>
          {operator.isDemo ? <Badge>{t("demo")}</Badge> : null}
        </div>
        <h1 className="text-2xl font-bold">{localName(locale, operator)}</h1>
        <OriginBreadcrumb locale={locale} path={operator.location} label={t("location")} />
        <p className="text-sm leading-relaxed text-stone-800">{localText(locale, operator.descriptionZh, operator.descriptionEn)}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-stone-600">{t("creditCode")}</dt>
          <dd className="font-mono">{operator.creditCode}</dd>
          {operator.giMarks.length ? (
            <>
              <dt className="text-stone-600">{t("giMarks")}</dt>
              <dd className="flex flex-wrap gap-1">
                {operator.giMarks.map((g) => (
                  <Badge key={g.slug} tone="gi">
                    {localName(locale, g)}
                  </Badge>
                ))}
              </dd>
            </>
          ) : null}
        </dl>
      </header>

      <section aria-labelledby="op-benefit" className="rounded-xl bg-leaf-50 p-4 ring-1 ring-leaf-600/20" data-testid="benefit-summary">
        <h2 id="op-benefit" className="font-semibold text-leaf-700">
          {t("benefitTitle")}
        </h2>
        <p className="mt-1 text-sm text-stone-800">
          {t("benefitBody", { households: b.households, people: b.people, count: b.villages.length })}
        </p>
        {b.mechanisms.length ? (
          <p className="mt-1 text-sm text-stone-800">{b.mechanisms.map((m) => e(`mechanism.${m}`)).join(locale === "en" ? ", " : "、")}</p>
        ) : null}
      </section>

      <section aria-labelledby="op-products">
        <div className="mb-3 flex items-baseline justify-between gap-2">
          <h2 id="op-products" className="text-lg font-bold">
            {t("products")}
          </h2>
          {operator.productCount > operator.products.length ? (
            <LocalLink
              locale={locale}
              href={`/products?operator=${operator.slug}`}
              className="text-sm font-medium text-brand-700 underline"
            >
              {t("allProducts", { count: operator.productCount })}
            </LocalLink>
          ) : null}
        </div>
        {operator.products.length ? (
          <ProductList products={operator.products} locale={locale} />
        ) : (
          <p className="text-sm text-stone-600">{t("noProducts")}</p>
        )}
      </section>
    </article>
  );
}
