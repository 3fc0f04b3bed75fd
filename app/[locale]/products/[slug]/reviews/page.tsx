// Every visible review of a product, newest first, paged (?page=N). Cached per product and page
// under the product's reviews tag, so a new review shows at once and nothing else is re-rendered.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ReviewItems, ReviewSummary } from "@/components/reviews/ReviewList";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { getProductBySlug } from "@/lib/catalog/catalog.server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { pageParam } from "@/lib/paging";
import { getProductReviews } from "@/lib/reviews/reviews.server";

type Props = { params: Promise<{ locale: string; slug: string }>; searchParams: Promise<{ page?: string }> };

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const load = (slug: string) => (SLUG.test(slug) ? getProductBySlug(slug) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: raw, slug } = await params;
  const locale = pageLocale(raw);
  const product = await load(slug);
  if (!product) return {};
  const t = await getTranslations({ locale, namespace: "reviews" });
  return { title: t("pageTitle", { product: localName(locale, product) }) };
}

export default async function ProductReviewsPage({ params, searchParams }: Props) {
  const { locale: raw, slug } = await params;
  const locale = pageLocale(raw);
  const product = await load(slug);
  if (!product) notFound();
  const page = pageParam((await searchParams).page);
  const reviews = await getProductReviews(product.id, page);
  const t = await getTranslations({ locale, namespace: "reviews" });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <LocalLink locale={locale} href={`/products/${product.slug}`} className="text-sm text-brand-700 underline">
        ← {t("backToProduct")}
      </LocalLink>
      <h1 className="text-2xl font-bold">{t("pageTitle", { product: localName(locale, product) })}</h1>
      <section className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="reviews">
        <ReviewSummary locale={locale} average={reviews.average} count={reviews.count} />
        <ReviewItems locale={locale} items={reviews.items} />
      </section>
      <Pager
        locale={locale}
        page={reviews.page}
        pages={reviews.pageCount}
        href={(n) => `/products/${product.slug}/reviews${n > 1 ? `?page=${n}` : ""}`}
      />
    </div>
  );
}
