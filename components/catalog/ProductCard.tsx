import { getTranslations } from "next-intl/server";
import type { ProductCard as Card } from "@/lib/catalog/catalog.server";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { ProductCards, type CardRow } from "./ProductCards";

// Classes are the short component classes of app/globals.css (.pc-*): a catalogue page repeats
// this card 24 times, so its markup is most of what a cached page weighs. The cards are drawn by a
// client component from compact rows (ProductCards.tsx explains why).

/** A product as one card's row, every text in the page's language. */
export function cardRow(
  product: Card,
  locale: Locale,
  t: { rating: (average: string, count: number) => string; perUnit: (unit: string) => string },
): CardRow {
  const name = localName(locale, product);
  const alt = product.image ? localText(locale, product.image.altZh, product.image.altEn) : "";
  return [
    localizedPath(locale, `/products/${product.slug}`),
    name,
    product.image?.url ?? null,
    alt && alt !== name ? alt : null,
    product.certified,
    product.giMark ? localName(locale, product.giMark) : null,
    `${localName(locale, product.county)} · ${localName(locale, product.village)}`,
    product.rating ? t.rating(product.rating.average.toFixed(1), product.rating.count) : null,
    formatFen(product.priceFen),
    t.perUnit(localText(locale, product.unitZh, product.unitEn)),
    product.stock <= 0,
    localText(locale, product.specZh, product.specEn),
  ];
}

/**
 * A grid of product cards. `eager`: how many cards are in the first row (the largest paint of a
 * phone's first screen): their photos load at once, with high priority, instead of lazily.
 */
export async function ProductList({ products, locale, eager = 0 }: { products: Card[]; locale: Locale; eager?: number }) {
  const t = await getTranslations({ locale, namespace: "product" });
  const text = {
    rating: (average: string, count: number) => t("rating", { average, count }),
    perUnit: (unit: string) => t("perUnit", { unit }),
  };
  return (
    <ProductGrid>
      <ProductCards
        rows={products.map((p) => cardRow(p, locale, text))}
        // The explanation of the badge is on the product page: repeated on 24 cards it weighed 8 kB.
        labels={{ certified: t("certified"), outOfStock: t("outOfStock") }}
        eager={eager}
      />
    </ProductGrid>
  );
}

function ProductGrid({ children }: { children: React.ReactNode }) {
  return <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">{children}</ul>;
}
