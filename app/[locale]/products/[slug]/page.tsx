import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { BenefitSummary } from "@/components/catalog/BenefitSummary";
import { AddToCart } from "@/components/shop/AddToCart";
import { addToCartLabels } from "@/components/shop/labels.server";
import { OriginBreadcrumb } from "@/components/catalog/OriginBreadcrumb";
import { Badge } from "@/components/ui/Badge";
import { BuyNow } from "@/components/product/BuyNow";
import { CertificationBadge, type CertificationLabels } from "@/components/product/CertificationBadge";
import { FoodInfo } from "@/components/product/FoodInfo";
import { ProductGallery } from "@/components/product/ProductGallery";
import { ShippingInfo, type ShippingInfoLabels } from "@/components/product/ShippingInfo";
import { LocalLink } from "@/components/ui/LocalLink";
import { getProductBySlug } from "@/lib/catalog/catalog.server";
import { isLocale } from "@/lib/i18n/locales";
import { colon, localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { ReviewItems, ReviewSummary } from "@/components/reviews/ReviewList";
import { getProductReviews } from "@/lib/reviews/reviews.server";
import { REVIEWS_ON_PRODUCT_PAGE } from "@/lib/reviews/rules";

export const revalidate = 300;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

async function load(slug: string) {
  return SLUG.test(slug) ? getProductBySlug(slug) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const product = await load(slug);
  return product
    ? { title: localName(locale, product), description: localText(locale, product.descriptionZh, product.descriptionEn).slice(0, 160) }
    : {};
}

export default async function ProductPage({ params }: Props) {
  const { locale: raw, slug } = await params;
  const locale = pageLocale(raw);
  const product = await load(slug);
  if (!product) notFound();
  const t = await getTranslations({ locale, namespace: "product" });
  const e = await getTranslations({ locale, namespace: "enums" });
  const name = localName(locale, product);
  const unit = localText(locale, product.unitZh, product.unitEn);
  const pp = await getTranslations({ locale, namespace: "productPage" });
  const rv = await getTranslations({ locale, namespace: "reviews" });
  const reviews = await getProductReviews(product.id, 1, REVIEWS_ON_PRODUCT_PAGE);
  const sf = await getTranslations({ locale, namespace: "shippingFees.info" });
  const certificationLabels = Object.fromEntries(
    (["certified", "title", "office", "officeName", "certifiedOn", "validUntil", "unknown", "note"] as const).map((k) => [
      k,
      pp.raw(`certification.${k}`) as string,
    ]),
  ) as unknown as CertificationLabels;
  const shippingLabels = Object.fromEntries(
    (
      [
        "title",
        "fee",
        "flat",
        "freeAbove",
        "noFee",
        "surcharge",
        "notDelivered",
        "coldChain",
        "coldChainFree",
        "shipFrom",
        "dispatch",
        "dispatchDays",
        "afterSales",
        "afterSalesDefault",
        "noReasonYes",
        "noReasonFresh",
        "noReasonNo",
      ] as const
    ).map((k) => [k, sf.raw(k) as string]),
  ) as ShippingInfoLabels;

  return (
    <article className="space-y-6">
      <OriginBreadcrumb locale={locale} path={product.origin} label={t("origin")} />
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-label={t("gallery")}>
          <ProductGallery
            images={product.images.map((img) => ({ url: img.url, alt: localText(locale, img.altZh, img.altEn) || name }))}
            labels={{ photo: pp("gallery.photo"), zoom: pp("gallery.zoom"), close: pp("gallery.close") }}
          />
        </section>

        <div className="space-y-4">
          <div className="flex flex-wrap gap-2">
            {product.certification ? (
              <CertificationBadge locale={locale} certification={product.certification} labels={certificationLabels} />
            ) : (
              <Badge tone="neutral">{t("notCertified")}</Badge>
            )}
            <Badge tone="neutral">{e(`category.${product.category}`)}</Badge>
          </div>
          <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{name}</h1>
          {product.soldUnits > 0 ? (
            <p className="text-sm text-stone-600" data-testid="sold-count">
              {pp("sold", { count: product.soldUnits })}
            </p>
          ) : null}
          <p className="text-3xl font-bold text-brand-700" data-testid="price">
            {formatFen(product.priceFen)}
            <span className="text-base font-normal text-stone-600">{t("perUnit", { unit })}</span>
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-stone-600">{t("spec")}</dt>
            <dd>{localText(locale, product.specZh, product.specEn)}</dd>
            <dt className="text-stone-600">{t("stock")}</dt>
            <dd data-testid="stock">
              {product.stock > 0 ? (
                t("inStock", { count: product.stock, unit })
              ) : (
                <span className="font-medium text-red-700">{t("outOfStock")}</span>
              )}
            </dd>
            <dt className="text-stone-600">{t("maxPerOrder")}</dt>
            <dd data-testid="max-per-order">{t("maxPerOrderValue", { max: product.maxPerOrder, unit })}</dd>
            <dt className="text-stone-600">{t("operator")}</dt>
            <dd>
              <LocalLink locale={locale} href={`/operators/${product.operator.slug}`} className="text-brand-700 underline">
                {localName(locale, product.operator)}
              </LocalLink>
              <span className="text-stone-600"> · {e(`operatorKind.${product.operator.kind}`)}</span>
            </dd>
          </dl>
          <AddToCart locale={locale} productId={product.id} stock={product.stock} labels={await addToCartLabels(locale)} />
          {product.stock > 0 ? <BuyNow locale={locale} productId={product.id} label={pp("buyNow")} /> : null}
          <BenefitSummary locale={locale} summary={product.benefits} />
        </div>
      </div>

      <div className="grid gap-6 md:grid-cols-2">
        <ShippingInfo
          locale={locale}
          rule={product.shipping}
          coldChain={product.coldChain}
          noReasonReturn={product.noReasonReturn}
          labels={shippingLabels}
        />
        <FoodInfo
          locale={locale}
          food={product.food}
          labels={{
            title: pp("food.title"),
            shelfLife: pp("food.shelfLife"),
            storage: pp("food.storage"),
            ingredients: pp("food.ingredients"),
            netContent: pp("food.netContent"),
            scLicence: pp("food.scLicence"),
          }}
        />
      </div>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="desc-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 id="desc-title" className="mb-2 font-semibold">
            {t("description")}
          </h2>
          <p className="whitespace-pre-line text-sm leading-relaxed text-stone-800">
            {localText(locale, product.descriptionZh, product.descriptionEn)}
          </p>
        </section>
        {product.giMark ? (
          <section aria-labelledby="gi-title" className="rounded-xl bg-amber-50 p-4 ring-1 ring-amber-600/20" data-testid="gi-mark">
            <h2 id="gi-title" className="mb-2 font-semibold text-amber-900">
              {t("giMark")}
              {colon(locale)}
              {localName(locale, product.giMark)}
            </h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-stone-600">{t("giKind")}</dt>
              <dd>{e(`giKind.${product.giMark.kind}`)}</dd>
              <dt className="text-stone-600">{t("giRegistration")}</dt>
              <dd>{product.giMark.registrationNo}</dd>
              <dt className="text-stone-600">{t("giHolder")}</dt>
              <dd>{localText(locale, product.giMark.holderZh, product.giMark.holderEn)}</dd>
              <dt className="text-stone-600">{t("giYear")}</dt>
              <dd>{product.giMark.year}</dd>
            </dl>
          </section>
        ) : null}
      </div>

      <section
        aria-labelledby="reviews-title"
        className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        data-testid="reviews"
      >
        <h2 id="reviews-title" className="font-semibold">
          {rv("title")}
        </h2>
        <ReviewSummary locale={locale} average={reviews.average} count={reviews.count} />
        <ReviewItems locale={locale} items={reviews.items} />
        {reviews.count > reviews.items.length ? (
          <LocalLink
            locale={locale}
            href={`/products/${product.slug}/reviews`}
            className="inline-block text-sm font-medium text-brand-700 underline"
          >
            {rv("all", { count: reviews.count })}
          </LocalLink>
        ) : null}
        <p className="text-xs text-stone-600">{rv("note")}</p>
      </section>
    </article>
  );
}
