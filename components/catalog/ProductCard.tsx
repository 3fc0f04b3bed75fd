import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import type { ProductCard as Card } from "@/lib/catalog/catalog.server";
import type { Locale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";

// Classes are the short component classes of app/globals.css (.pc-*): a catalogue page repeats
// this card 24 times, so its markup is most of what a cached page weighs.
/**
 * `priority`: the card is in the first row (the largest paint of a phone's first screen): its photo
 * loads at once, with high priority, instead of lazily.
 */
export async function ProductCard({ product, locale, priority = false }: { product: Card; locale: Locale; priority?: boolean }) {
  const t = await getTranslations({ locale, namespace: "product" });
  const name = localName(locale, product);
  return (
    <li className="pc group">
      <LocalLink locale={locale} href={`/products/${product.slug}`}>
        {product.image ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={product.image.url}
            alt={localText(locale, product.image.altZh, product.image.altEn) || name}
            className="pc-img"
            loading={priority ? "eager" : "lazy"}
            fetchPriority={priority ? "high" : undefined}
            width={400}
            height={300}
          />
        ) : (
          <div className="pc-img" />
        )}
        <div className="pc-body">
          <div className="pc-tags">
            {product.certified ? (
              // The explanation of the badge is on the product page: repeated on 24 cards it weighed 8 kB.
              <span className="tag tag-cert">{t("certified")}</span>
            ) : null}
            {product.giMark ? <span className="tag tag-gi">{localName(locale, product.giMark)}</span> : null}
          </div>
          <h3 className="pc-name">{name}</h3>
          <p className="pc-meta">
            {localName(locale, product.county)} · {localName(locale, product.village)}
          </p>
          {product.rating ? (
            <p className="pc-meta" data-testid="card-rating">
              <span aria-hidden className="text-amber-600">
                ★
              </span>{" "}
              {t("rating", { average: product.rating.average.toFixed(1), count: product.rating.count })}
            </p>
          ) : null}
          <p className="pc-price">
            <span>
              {formatFen(product.priceFen)}
              <small>{t("perUnit", { unit: localText(locale, product.unitZh, product.unitEn) })}</small>
            </span>
            {product.stock <= 0 ? <span className="pc-out">{t("outOfStock")}</span> : null}
          </p>
          <p className="pc-meta">{localText(locale, product.specZh, product.specEn)}</p>
        </div>
      </LocalLink>
    </li>
  );
}

export function ProductGrid({ children }: { children: React.ReactNode }) {
  return <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">{children}</ul>;
}
