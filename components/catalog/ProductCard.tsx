import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import type { ProductCard as Card } from "@/lib/catalog/catalog.server";
import type { Locale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";

export async function ProductCard({ product, locale }: { product: Card; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "product" });
  const name = localName(locale, product);
  return (
    <li className="group flex flex-col overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-stone-200 transition hover:shadow-md">
      <LocalLink locale={locale} href={`/products/${product.slug}`} className="flex flex-1 flex-col">
        <div className="aspect-[4/3] overflow-hidden bg-brand-50">
          {product.image ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={product.image.url}
              alt={localText(locale, product.image.altZh, product.image.altEn) || name}
              className="h-full w-full object-cover transition group-hover:scale-105"
              loading="lazy"
              width={400}
              height={300}
            />
          ) : null}
        </div>
        <div className="flex flex-1 flex-col gap-1.5 p-3">
          <div className="flex flex-wrap gap-1">
            {product.certified ? (
              <Badge tone="certified" title={t("certifiedTitle")}>
                {t("certified")}
              </Badge>
            ) : null}
            {product.giMark ? <Badge tone="gi">{localName(locale, product.giMark)}</Badge> : null}
          </div>
          <h3 className="line-clamp-2 text-sm font-semibold leading-snug text-stone-900 sm:text-base">{name}</h3>
          <p className="text-xs text-stone-600">
            {localName(locale, product.county)} · {localName(locale, product.village)}
          </p>
          <div className="mt-auto flex items-baseline justify-between gap-2 pt-1">
            <p className="text-lg font-bold text-brand-700">
              {formatFen(product.priceFen)}
              <span className="text-xs font-normal text-stone-600">
                {t("perUnit", { unit: localText(locale, product.unitZh, product.unitEn) })}
              </span>
            </p>
            {product.stock <= 0 ? <span className="text-xs font-medium text-red-700">{t("outOfStock")}</span> : null}
          </div>
          <p className="truncate text-xs text-stone-600">{localText(locale, product.specZh, product.specEn)}</p>
        </div>
      </LocalLink>
    </li>
  );
}

export function ProductGrid({ children }: { children: React.ReactNode }) {
  return <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">{children}</ul>;
}
