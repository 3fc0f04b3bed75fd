import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { OperatorSelect } from "./OperatorSelect";
import { CATEGORIES, SORTS, type CatalogFilters } from "@/lib/catalog/filters";
import type { CatalogFacets } from "@/lib/catalog/catalog.server";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";

const sortLabel = {
  relevance: "sortRelevance",
  newest: "sortNewest",
  price_asc: "sortPriceAsc",
  price_desc: "sortPriceDesc",
  bestselling: "sortBestselling",
} as const;

const label = "mb-1 block text-xs font-medium text-stone-700";

function yuan(fen: number | undefined) {
  return fen === undefined ? "" : String(fen / 100);
}

/** The catalogue's filters as a plain GET form: it works without JavaScript and puts every choice in the URL. */
export async function CatalogFilterForm({ locale, filters, facets }: { locale: Locale; filters: CatalogFilters; facets: CatalogFacets }) {
  const t = await getTranslations({ locale, namespace: "catalog" });
  const e = await getTranslations({ locale, namespace: "enums" });
  const select = (name: string, id: string, text: string, current: string | undefined, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={id} className={label}>
        {text}
      </label>
      <select id={id} name={name} defaultValue={current ?? ""} className="fi">
        <option value="">{t("all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form action={localizedPath(locale, "/products")} method="get" role="search" className="space-y-4" data-testid="catalog-filters">
      <div className="flex gap-2">
        <label htmlFor="catalog-q" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="catalog-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          placeholder={t("searchPlaceholder")}
          maxLength={40}
          className="fi flex-1"
        />
        <button type="submit" className="shrink-0 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          {t("search")}
        </button>
      </div>

      <details
        className="catalog-filters group rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        open={hasFilters(filters) || undefined}
      >
        <summary className="cursor-pointer text-sm font-semibold text-stone-800 lg:hidden">{t("filters")}</summary>
        <div className="mt-3 grid grid-cols-2 gap-3 lg:mt-0 lg:grid-cols-1">
          {select(
            "county",
            "f-county",
            t("county"),
            filters.county,
            facets.counties.map((c) => ({ value: c.value, label: localName(locale, c) })),
          )}
          {facets.townships.length
            ? select(
                "township",
                "f-township",
                t("township"),
                filters.township,
                facets.townships.map((c) => ({ value: c.value, label: localName(locale, c) })),
              )
            : null}
          {select(
            "category",
            "f-category",
            t("category"),
            filters.category,
            CATEGORIES.map((c) => ({ value: c, label: e(`category.${c}`) })),
          )}
          {filters.county && facets.hasOperators ? (
            <div>
              <label htmlFor="f-operator" className={label}>
                {t("operator")}
              </label>
              <OperatorSelect
                id="f-operator"
                county={filters.county}
                locale={locale}
                current={facets.operator ? { value: facets.operator.value, label: localName(locale, facets.operator) } : null}
                allLabel={t("all")}
                className="fi"
              />
            </div>
          ) : null}
          {select(
            "gi",
            "f-gi",
            t("giMark"),
            filters.gi,
            facets.giMarks.map((c) => ({ value: c.value, label: localName(locale, c) })),
          )}
          <div>
            <label htmlFor="f-sort" className={label}>
              {t("sort")}
            </label>
            <select id="f-sort" name="sort" defaultValue={filters.sort} className="fi">
              {SORTS.filter((s) => s !== "relevance" || filters.q).map((s) => (
                <option key={s} value={s}>
                  {t(sortLabel[s])}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="col-span-2 lg:col-span-1">
            <legend className={label}>{t("price")}</legend>
            <div className="flex items-center gap-2">
              <label htmlFor="f-min" className="sr-only">
                {t("priceMin")}
              </label>
              <input
                id="f-min"
                name="min"
                inputMode="decimal"
                placeholder={t("priceMin")}
                defaultValue={yuan(filters.minPriceFen)}
                className="fi"
              />
              <span aria-hidden>–</span>
              <label htmlFor="f-max" className="sr-only">
                {t("priceMax")}
              </label>
              <input
                id="f-max"
                name="max"
                inputMode="decimal"
                placeholder={t("priceMax")}
                defaultValue={yuan(filters.maxPriceFen)}
                className="fi"
              />
            </div>
          </fieldset>
          <label className="col-span-2 flex items-center gap-2 text-sm lg:col-span-1">
            <input type="checkbox" name="certified" value="1" defaultChecked={filters.certified} className="h-4 w-4 accent-brand-700" />
            {t("certifiedOnly")}
          </label>
          <label className="col-span-2 flex items-center gap-2 text-sm lg:col-span-1">
            <input type="checkbox" name="instock" value="1" defaultChecked={filters.inStock} className="h-4 w-4 accent-brand-700" />
            {t("inStockOnly")}
          </label>
          <div className="col-span-2 flex items-center gap-3 lg:col-span-1">
            <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
              {t("apply")}
            </button>
            <LocalLink locale={locale} href="/products" className="text-sm text-stone-700 underline">
              {t("clear")}
            </LocalLink>
          </div>
        </div>
      </details>
    </form>
  );
}

function hasFilters(f: CatalogFilters) {
  return Boolean(f.county || f.township || f.category || f.operator || f.gi || f.certified || f.inStock || f.minPriceFen || f.maxPriceFen);
}
